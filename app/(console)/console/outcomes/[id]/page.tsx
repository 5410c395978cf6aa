import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { When } from "@/components/console/when";
import { Breadcrumb } from "@/components/console/page-parts";
import { requireStaffPage } from "@/app/(console)/auth";
import { formatMoney } from "@/lib/content/programs";
import { db } from "@/lib/db";
import type { SearchParams } from "@/lib/query-param";
import { programChoices } from "@/lib/people/console";
import { isoDay } from "@/lib/people/fields";
import { formatPercent, getOutcomeReportForEditing, outcomeFigures, salariesForForm } from "@/lib/people/outcomes";
import { OutcomeReportForm } from "../forms";
import { SavedNotice } from "../../saved-notice";

export const metadata: Metadata = { title: "Edit an outcomes report" };

export default async function EditOutcomeReportPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { id } = await params;
  await requireStaffPage("content:edit", `/console/outcomes/${encodeURIComponent(id)}`);
  const r = await getOutcomeReportForEditing(db(), id);
  if (!r) notFound();
  const f = outcomeFigures(r);
  return (
    <>
      <Breadcrumb href="/console/outcomes" parent="Outcomes reports" current={r.cohortLabel} />
      <h1 className="mt-2 text-2xl font-bold tracking-tight">{r.cohortLabel}</h1>
      <p className="mt-1 text-sm text-ink/75">
        Last updated <When at={r.updatedAt} /> (the page shows this date).
      </p>
      <SavedNotice q={await searchParams} what="Report" />
      <p className="mt-4 rounded-lg bg-white p-4 ring-1 ring-ink/10">
        As published: {formatPercent(f.jobSeekingRate)} of graduates job-seeking; hired within 90 days {formatPercent(f.hired90Rate)}, within 180 days{" "}
        {formatPercent(f.hired180Rate)}; median starting salary {f.medianSalaryCents === null ? "not shown (no salaries)" : formatMoney(f.medianSalaryCents)}{" "}
        from {f.salariesReported} salaries.
      </p>
      <OutcomeReportForm
        key={r.updatedAt.toISOString()}
        reportId={r.id}
        version={r.updatedAt.toISOString()}
        programs={await programChoices(db())}
        saved={{
          programId: r.programId,
          cohortLabel: r.cohortLabel,
          periodStart: isoDay(r.periodStart),
          periodEnd: isoDay(r.periodEnd),
          graduates: String(r.graduates),
          jobSeeking: String(r.jobSeeking),
          hiredWithin90: String(r.hiredWithin90),
          hiredWithin180: String(r.hiredWithin180),
          salaries: salariesForForm(r.salariesCents),
          excludedNote: r.excludedNote,
          methodology: r.methodology,
          sample: r.sample,
          published: r.published,
        }}
      />
    </>
  );
}
