import type { Metadata } from "next";
import { requireStaffPage } from "@/lib/auth/next";
import { countPendingRedemptions, listReferrers, normalizeSearch, REFERRALS_PAGE_SIZE } from "@/lib/console/referrals";
import { db } from "@/lib/db";
import { num, one, personLabel, when } from "./decision";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Referrals" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function ReferrersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const q = normalizeSearch(one(params.q));
  const requested = Number(one(params.page)) || 1;
  const query = (p: number) => {
    const s = new URLSearchParams();
    if (q) s.set("q", q);
    if (p > 1) s.set("page", String(p));
    const str = s.toString();
    return `/console/referrals${str ? `?${str}` : ""}`;
  };
  await requireStaffPage("leads:read", query(requested));
  const [{ rows, total, page, pages }, pending] = await Promise.all([listReferrers(db(), { q, page: requested }), countPendingRedemptions(db())]);

  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-bold tracking-tight">Referrals</h1>
        <a href="/console/referrals/redemptions?status=pending" className="rounded-full bg-brand px-4 py-2 text-sm font-semibold text-white">
          Redemption requests{pending ? ` (${num(pending)} pending)` : ""}
        </a>
      </div>
      <p className="mt-2 max-w-3xl text-ink/80">
        Everyone who has referred a friend, most recent referral first. Points are sums over the ledger: 100 pending per new friend, confirmed
        once that friend responds. Only confirmed points can be redeemed.
      </p>

      <form method="get" action="/console/referrals" className="mt-6 flex flex-wrap items-end gap-4" aria-label="Search referrers">
        <div>
          <label htmlFor="q" className="block text-sm font-semibold">
            Email or name starts with
          </label>
          <input id="q" name="q" type="search" defaultValue={q ?? ""} maxLength={100} className="mt-1 min-h-11 rounded-lg border border-ink/30 bg-white px-3" />
        </div>
        <button type="submit" className="min-h-11 rounded-full bg-brand px-5 font-semibold text-white">
          Search
        </button>
        {q && (
          <a href="/console/referrals" className="min-h-11 py-2 underline">
            Clear search
          </a>
        )}
      </form>

      <p className="mt-6 text-sm text-ink/70" aria-live="polite">
        {total === 1 ? "1 referrer" : `${num(total)} referrers`}
        {total > rows.length && rows.length > 0 ? `, showing ${num((page - 1) * REFERRALS_PAGE_SIZE + 1)}–${num((page - 1) * REFERRALS_PAGE_SIZE + rows.length)}` : ""}
      </p>
      <div className="mt-2 overflow-x-auto rounded-xl border border-ink/10 bg-white" role="region" aria-label="Referrers" tabIndex={0}>
        <table className="w-full text-left text-sm">
          <thead className="bg-ink/5">
            <tr>
              <th scope="col" className="px-3 py-2">Referrer</th>
              <th scope="col" className="px-3 py-2">Last referral (UTC)</th>
              <th scope="col" className="px-3 py-2 text-right">Friends referred</th>
              <th scope="col" className="px-3 py-2 text-right">Responded</th>
              <th scope="col" className="px-3 py-2 text-right">Pending points</th>
              <th scope="col" className="px-3 py-2 text-right">Confirmed points</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-ink/10 align-top">
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  <a href={`/console/referrals/${r.id}`} className="font-medium text-brand underline">
                    {personLabel(r)}
                  </a>
                  {r.name && r.email && <p className="text-xs text-ink/70">{r.email}</p>}
                </th>
                <td className="whitespace-nowrap px-3 py-2">{when(r.lastReferralAt)}</td>
                <td className="px-3 py-2 text-right">{num(r.friends)}</td>
                <td className="px-3 py-2 text-right">{num(r.responded)}</td>
                <td className="px-3 py-2 text-right">{num(r.pending)}</td>
                <td className="px-3 py-2 text-right font-semibold">{num(r.confirmed)}</td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-ink/70">
                  {q ? "No referrer matches that search." : "Nobody has referred a friend yet."}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav aria-label="Pages" className="mt-4 flex gap-4">
          {page > 1 && (
            <a href={query(page - 1)} className="underline">
              Previous
            </a>
          )}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages && (
            <a href={query(page + 1)} className="underline">
              Next
            </a>
          )}
        </nav>
      )}
    </>
  );
}
