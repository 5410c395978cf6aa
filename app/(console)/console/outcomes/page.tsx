import type { Metadata } from "next";
import { formatCalendarDate } from "@/components/console/format";
import { When } from "@/components/console/when";
import { Badge } from "@/components/console/page-parts";
import { ConsoleTable, linkColumn } from "@/components/console/table";
import { requireStaffPage } from "@/app/(console)/auth";
import { db } from "@/lib/db";
import { formatPercent, listOutcomeReportsForConsole, outcomeFigures } from "@/lib/people/outcomes";

export const metadata: Metadata = { title: "Outcomes reports" };

type Row = Awaited<ReturnType<typeof listOutcomeReportsForConsole>>[number];

export default async function OutcomesPage() {
  await requireStaffPage("content:edit", "/console/outcomes");
  const reports = await listOutcomeReportsForConsole(db());
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Outcomes reports</h1>
      <p className="mt-2 max-w-3xl text-ink/80">
        CIRR-style reports per program and cohort, on{" "}
        <a href="/outcomes" className="text-brand underline">
          /outcomes
        </a>
        ; each program page shows its latest one. Enter the counts and the reported salaries: the rates and the median are computed.
      </p>
      <p className="mt-4">
        <a href="/console/outcomes/new" className="inline-flex min-h-11 items-center rounded-full bg-brand px-5 font-semibold text-white hover:bg-brand-strong">
          Add a report
        </a>
      </p>
      <ConsoleTable
        className="mt-6"
        label="Outcomes reports"
        rows={reports}
        empty="No reports yet."
        columns={[
          linkColumn<Row>("Report", (r) => ({ href: `/console/outcomes/${r.id}`, label: `${r.program.name}: ${r.cohortLabel}` })),
          { header: "Period", className: "whitespace-nowrap", cell: (r) => `${formatCalendarDate(r.periodStart)} – ${formatCalendarDate(r.periodEnd)}` },
          { header: "Graduates", cell: (r) => r.graduates },
          { header: "Hired within 180 days", cell: (r) => `${r.hiredWithin180} of ${r.jobSeeking} (${formatPercent(outcomeFigures(r).hired180Rate)})` },
          {
            header: "On the site",
            cell: (r) => (
              <>
                <Badge tone={r.published ? "emerald" : "stone"}>{r.published ? "Published" : "Hidden"}</Badge>{" "}
                {r.sample && <Badge tone="amber">Sample data</Badge>}
              </>
            ),
          },
          { header: "Last updated", className: "whitespace-nowrap", cell: (r) => <When at={r.updatedAt} /> },
        ]}
      />
    </>
  );
}
