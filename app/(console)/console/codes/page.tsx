import type { Metadata } from "next";
import { FilterClear, FilterForm, FilterInput, FilterSubmit } from "@/components/console/filters";
import { formatCalendarDate } from "@/components/console/format";
import { When } from "@/components/console/when";
import { listHref, NumberedPager, ResultCount } from "@/components/console/listing";
import { Badge } from "@/components/console/page-parts";
import { ConsoleTable } from "@/components/console/table";
import { requireStaffPage } from "@/app/(console)/auth";
import { can } from "@/lib/auth/roles";
import { CODES_PAGE_SIZE, listCodes, normalizeCodeSearch, programsText } from "@/lib/console/codes";
import { db } from "@/lib/db";
import { queryParam, type SearchParams } from "@/lib/query-param";

export const metadata: Metadata = { title: "Discount codes" };

export default async function CodesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const q = normalizeCodeSearch(queryParam(params, "q"));
  const requested = Number(queryParam(params, "page")) || 1;
  const query = (p: number) => listHref("/console/codes", { q }, p);
  const staff = await requireStaffPage("leads:read", query(requested));
  const { rows, total, page, pages } = await listCodes(db(), { q, page: requested });
  const canEdit = can(staff.role, "codes:edit");
  const now = new Date();

  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Discount codes</h1>
      <p className="mt-2 max-w-3xl text-ink/80">
        Every discount code, newest first. A single-use code is marked used when the lead it was given on moves to Enrolled, and freed again if that is undone.{" "}
        {canEdit ? "Open a code to change its rules." : ""} The rules new codes get are on the settings page (admins).
      </p>

      <FilterForm action="/console/codes" label="Find a code">
        <FilterInput id="q" label="Code contains" type="search" defaultValue={q ?? ""} maxLength={40} />
        <FilterSubmit>Search</FilterSubmit>
        {q && <FilterClear href="/console/codes">Clear</FilterClear>}
      </FilterForm>

      <ResultCount total={total} noun={["code matches", "codes match"]} shown={{ first: (page - 1) * CODES_PAGE_SIZE + 1, count: rows.length }} />
      <ConsoleTable
        label="Discount codes"
        rows={rows}
        empty={q ? "No code contains that." : "No codes have been issued yet."}
        columns={[
          {
            header: "Code",
            rowHeader: true,
            className: "font-normal",
            cell: (r) => (
              <a href={`/console/codes/${encodeURIComponent(r.id)}`} className="font-mono text-brand underline">
                {r.code}
              </a>
            ),
          },
          {
            header: "Owner",
            cell: (r) =>
              r.owner.email ? (
                <a href={`/console/leads?${new URLSearchParams({ q: r.owner.email }).toString()}`} className="text-brand underline">
                  {r.owner.name ? `${r.owner.name} (${r.owner.email})` : r.owner.email}
                </a>
              ) : (
                (r.owner.name ?? "(erased)")
              ),
          },
          { header: "Off", align: "right", cell: (r) => `${r.percent}%` },
          { header: "Programs", cell: (r) => programsText(r.programs) },
          {
            header: "Expires (UTC)",
            className: "whitespace-nowrap",
            cell: (r) => (
              <>
                {formatCalendarDate(r.expiresAt)}
                {r.expiresAt <= now && (
                  <>
                    {" "}
                    <Badge tone="stone">Expired</Badge>
                  </>
                )}
              </>
            ),
          },
          { header: "Use", cell: (r) => (r.singleUse ? "Single use" : "Reusable") },
          {
            header: "Used",
            cell: (r) =>
              r.used ? (
                <>
                  <Badge tone="emerald">Used</Badge>{" "}
                  <a href={`/console/leads/${encodeURIComponent(r.used.leadId)}`} className="text-brand underline">
                    on {r.used.leadName ?? "this lead"}
                  </a>
                  {r.used.at && (
                    <p className="mt-1 whitespace-nowrap text-xs text-ink/70">
                      <When at={r.used.at} />
                    </p>
                  )}
                </>
              ) : (
                "Not used"
              ),
          },
        ]}
      />
      <NumberedPager page={page} pages={pages} href={query} />
    </>
  );
}
