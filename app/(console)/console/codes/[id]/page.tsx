import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Facts } from "@/components/console/facts";
import { formatCalendarDate } from "@/components/console/format";
import { consoleClock } from "@/app/(console)/time-zone";
import { BackLink, Notice } from "@/components/console/page-parts";
import { requireStaffPage } from "@/app/(console)/auth";
import { can } from "@/lib/auth/roles";
import { codeDetail, programsText } from "@/lib/console/codes";
import { db } from "@/lib/db";
import { expiryDateValue } from "@/lib/discounts/rules";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { CodeRulesForm } from "./rules-form";

export const metadata: Metadata = { title: "Discount code" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

export default async function CodePage({ params, searchParams }: Props) {
  const { formatDateTime } = await consoleClock();
  const { id } = await params;
  const staff = await requireStaffPage("leads:read", `/console/codes/${encodeURIComponent(id)}`);
  const code = await codeDetail(db(), id.slice(0, 64));
  if (!code) notFound();
  const saved = queryParam(await searchParams, "saved") === "1";
  const programs = await db().program.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } });

  return (
    <>
      <BackLink href="/console/codes">← All codes</BackLink>
      <h1 className="mt-3 font-mono text-2xl font-bold tracking-tight">{code.code}</h1>
      {saved && <Notice className="mt-4">Saved. The code&apos;s new rules apply from now on, including on /apply.</Notice>}
      <Facts
        className="mt-6 max-w-3xl"
        rows={[
          ["Owner", code.owner.email ? `${code.owner.name ? `${code.owner.name}, ` : ""}${code.owner.email}` : (code.owner.name ?? "(erased)")],
          ["From", code.source === "newsletter" ? "Newsletter sign-up" : code.source],
          ["Issued", formatDateTime(code.createdAt)],
          ["Gives", `${code.percent}% off: ${programsText(code.programs)}`],
          ["Expires", `${formatCalendarDate(code.expiresAt)} (the code works until the end of that day, UTC)`],
          ["Use", code.singleUse ? "Single use" : "Reusable"],
          ["Used", code.used ? `On lead ${code.used.leadName ?? code.used.leadId}${code.used.at ? `, ${formatDateTime(code.used.at)}` : ""}` : "Not used"],
        ]}
      />
      {code.used && (
        <p className="mt-2">
          <a href={`/console/leads/${encodeURIComponent(code.used.leadId)}`} className="text-brand underline">
            Open the lead it was used on
          </a>
        </p>
      )}
      <h2 className="mt-8 text-xl font-semibold">Rules</h2>
      {can(staff.role, "codes:edit") ? (
        <CodeRulesForm
          codeId={code.id}
          saved={{
            percent: String(code.percent),
            expiresOn: expiryDateValue(code.expiresAt),
            singleUse: code.singleUse,
            programs: code.programSlugs,
          }}
          programs={programs.map((p) => ({ value: p.slug, label: p.name }))}
        />
      ) : (
        <p className="mt-2">Your role does not allow changing a code&apos;s rules.</p>
      )}
    </>
  );
}
