import type { Metadata } from "next";
import { FilterClear, FilterForm, FilterInput, FilterSubmit } from "@/components/console/filters";
import { formatCount } from "@/components/console/format";
import { When } from "@/components/console/when";
import { listHref, NumberedPager, ResultCount } from "@/components/console/listing";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { ConsoleTable } from "@/components/console/table";
import { requireStaffPage } from "@/app/(console)/auth";
import { countPendingRedemptions, listReferrers, normalizeSearch, REFERRALS_PAGE_SIZE } from "@/lib/console/referrals";
import { db } from "@/lib/db";
import { PersonCell } from "./decision";

export const metadata: Metadata = { title: "Referrals" };

export default async function ReferrersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const q = normalizeSearch(queryParam(params, "q"));
  const requested = Number(queryParam(params, "page")) || 1;
  const query = (p: number) => listHref("/console/referrals", { q }, p);
  await requireStaffPage("leads:read", query(requested));
  const [{ rows, total, page, pages }, pending, held] = await Promise.all([
    listReferrers(db(), { q, page: requested }),
    countPendingRedemptions(db()),
    db().referralReview.count({ where: { status: "pending" } }),
  ]);

  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-bold tracking-tight">Referrals</h1>
        <div className="flex flex-wrap gap-2">
          <a href="/console/referrals/rewards" className="rounded-full px-4 py-2 text-sm font-semibold ring-1 ring-brand text-brand">
            Reward catalogue
          </a>
          <a href="/console/referrals/reviews" className="rounded-full px-4 py-2 text-sm font-semibold ring-1 ring-brand text-brand">
            Held for review{held ? ` (${formatCount(held)})` : ""}
          </a>
          <a href="/console/referrals/redemptions?status=pending" className="rounded-full bg-brand px-4 py-2 text-sm font-semibold text-white">
            Redemption requests{pending ? ` (${formatCount(pending)} pending)` : ""}
          </a>
        </div>
      </div>
      <p className="mt-2 max-w-3xl text-ink/80">
        Everyone who has referred a friend, most recent referral first. Points are sums over the ledger: 100 pending per new friend, confirmed once that friend
        proves their address (the invitation link, or the confirm link in their first email), or held for review when they signed up from the referrer&apos;s
        own IP address or browser. Only confirmed points can be redeemed.
      </p>

      <FilterForm action="/console/referrals" label="Search referrers">
        <FilterInput id="q" label="Email or name starts with" type="search" defaultValue={q ?? ""} maxLength={100} />
        <FilterSubmit>Search</FilterSubmit>
        {q && <FilterClear href="/console/referrals">Clear search</FilterClear>}
      </FilterForm>

      <ResultCount total={total} noun={["referrer", "referrers"]} shown={{ first: (page - 1) * REFERRALS_PAGE_SIZE + 1, count: rows.length }} />
      <ConsoleTable
        label="Referrers"
        rows={rows}
        empty={q ? "No referrer matches that search." : "Nobody has referred a friend yet."}
        columns={[
          {
            header: "Referrer",
            rowHeader: true,
            className: "font-normal",
            cell: (r) => <PersonCell person={r} href={`/console/referrals/${r.id}`} />,
          },
          { header: "Last referral", className: "whitespace-nowrap", cell: (r) => <When at={r.lastReferralAt} /> },
          { header: "Friends referred", align: "right", cell: (r) => formatCount(r.friends) },
          { header: "Responded", align: "right", cell: (r) => formatCount(r.responded) },
          { header: "Pending points", align: "right", cell: (r) => formatCount(r.pending) },
          { header: "Confirmed points", align: "right", className: "font-semibold", cell: (r) => formatCount(r.confirmed) },
        ]}
      />
      <NumberedPager page={page} pages={pages} href={query} labels={["Previous", "Next"]} />
    </>
  );
}
