import type { Metadata } from "next";
import { requireStaffPage } from "@/lib/auth/next";
import { can } from "@/lib/auth/roles";
import { listRedemptions, REDEMPTION_STATUSES, REFERRALS_PAGE_SIZE, type RedemptionStatus as Status } from "@/lib/console/referrals";
import { db } from "@/lib/db";
import { DecisionFlash, DecisionForm, num, one, RedemptionStatus, rewardLabel, when } from "../decision";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Redemption requests" };

type SearchParams = Record<string, string | string[] | undefined>;

const STATUS_LABELS: Record<Status, string> = { pending: "Pending", approved: "Approved", rejected: "Rejected" };

export default async function RedemptionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const status = REDEMPTION_STATUSES.find((s) => s === one(params.status));
  const requested = Number(one(params.page)) || 1;
  const query = (p: number) => {
    const s = new URLSearchParams();
    if (status) s.set("status", status);
    if (p > 1) s.set("page", String(p));
    const str = s.toString();
    return `/console/referrals/redemptions${str ? `?${str}` : ""}`;
  };
  const staff = await requireStaffPage("leads:read", query(requested));
  const canDecide = can(staff.role, "referrals:decide");
  const { rows, total, page, pages, counts } = await listRedemptions(db(), { status, page: requested });
  const back = query(page);

  return (
    <>
      <p>
        <a href="/console/referrals" className="text-sm underline">
          ← Referrers
        </a>
      </p>
      <h1 className="mt-3 text-2xl font-bold tracking-tight">Redemption requests</h1>
      <p className="mt-2 max-w-3xl text-ink/80">
        People asking to spend confirmed points, newest first. Approving deducts the points from their confirmed balance (it can never go below
        zero); rejecting deducts nothing. Either way the decision, who made it and the note are recorded on the lead.
      </p>

      <DecisionFlash params={params} rows={rows} />

      <form method="get" action="/console/referrals/redemptions" className="mt-6 flex flex-wrap items-end gap-4" aria-label="Filter requests">
        <div>
          <label htmlFor="status" className="block text-sm font-semibold">
            Status
          </label>
          <select id="status" name="status" defaultValue={status ?? ""} className="mt-1 min-h-11 rounded-lg border border-ink/30 bg-white px-3">
            <option value="">Any ({num(counts.pending + counts.approved + counts.rejected)})</option>
            {REDEMPTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]} ({num(counts[s])})
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="min-h-11 rounded-full bg-brand px-5 font-semibold text-white">
          Filter
        </button>
      </form>

      <p className="mt-6 text-sm text-ink/70" aria-live="polite">
        {total === 1 ? "1 request" : `${num(total)} requests`}
        {total > rows.length && rows.length > 0 ? `, showing ${num((page - 1) * REFERRALS_PAGE_SIZE + 1)}–${num((page - 1) * REFERRALS_PAGE_SIZE + rows.length)}` : ""}
      </p>
      <div className="mt-2 overflow-x-auto rounded-xl border border-ink/10 bg-white" role="region" aria-label="Redemption requests" tabIndex={0}>
        <table className="w-full text-left text-sm">
          <thead className="bg-ink/5">
            <tr>
              <th scope="col" className="px-3 py-2">Requested (UTC)</th>
              <th scope="col" className="px-3 py-2">Requester</th>
              <th scope="col" className="px-3 py-2">Reward</th>
              <th scope="col" className="px-3 py-2 text-right">Points requested</th>
              <th scope="col" className="px-3 py-2 text-right">Confirmed balance now</th>
              <th scope="col" className="px-3 py-2">Status</th>
              <th scope="col" className="px-3 py-2">Decision</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-ink/10 align-top">
                <td className="whitespace-nowrap px-3 py-2">
                  <a href={`/console/leads/${r.id}`} className="text-brand underline">
                    {when(r.createdAt)}
                  </a>
                </td>
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  <a href={`/console/referrals/${r.contact.id}`} className="font-medium text-brand underline">
                    {r.contact.name || r.contact.email || "(no name)"}
                  </a>
                  {r.contact.name && r.contact.email && <p className="text-xs text-ink/70">{r.contact.email}</p>}
                </th>
                <td className="px-3 py-2">
                  {rewardLabel(r.reward)}
                  {r.details && <p className="mt-1 max-w-64 whitespace-pre-wrap break-words text-xs text-ink/80">{r.details}</p>}
                </td>
                <td className="px-3 py-2 text-right font-semibold">{r.points === null ? "—" : num(r.points)}</td>
                <td className="px-3 py-2 text-right">{num(r.confirmedBalance)}</td>
                <td className="px-3 py-2">
                  <RedemptionStatus row={r} />
                </td>
                <td className="px-3 py-2">
                  <DecisionForm row={r} back={back} canDecide={canDecide} />
                </td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-ink/70">
                  {status ? `No ${status} requests.` : "No redemption requests yet."}
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
              Newer
            </a>
          )}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages && (
            <a href={query(page + 1)} className="underline">
              Older
            </a>
          )}
        </nav>
      )}
    </>
  );
}
