import type { Metadata } from "next";
import { requireStaffPage } from "@/lib/auth/next";
import { listSubscribers, normalizeEmailPrefix, SUBSCRIBER_STATUSES, SUBSCRIBERS_PAGE_SIZE } from "@/lib/console/subscribers";
import { db } from "@/lib/db";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Subscribers" };

type SearchParams = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const num = (n: number) => n.toLocaleString("en-US");

const STATUS_LABELS = { active: "Active", unsubscribed: "Unsubscribed" } as const;
const SUPPRESSION_REASONS: Record<string, string> = {
  unsubscribe: "unsubscribed from all marketing",
  complaint: "marked an email as spam",
  hard_bounce: "address bounced",
};

export default async function SubscribersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const status = SUBSCRIBER_STATUSES.find((s) => s === one(params.status));
  const q = normalizeEmailPrefix(one(params.q))?.slice(0, 254);
  const requested = Number(one(params.page)) || 1;
  const query = (p: number) => {
    const s = new URLSearchParams();
    if (status) s.set("status", status);
    if (q) s.set("q", q);
    if (p > 1) s.set("page", String(p));
    const str = s.toString();
    return `/console/subscribers${str ? `?${str}` : ""}`;
  };
  await requireStaffPage("leads:read", query(requested));
  const { rows, total, page, pages, totals } = await listSubscribers(db(), { status, q, page: requested });
  const first = (page - 1) * SUBSCRIBERS_PAGE_SIZE + 1;

  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Newsletter subscribers</h1>
      <p className="mt-2 max-w-3xl text-ink/80">
        Everyone who signed up for the newsletter, newest first, with the discount code they were given and the consent they gave. Unsubscribing
        (the link in every newsletter) ends the subscription; the code stays theirs.
      </p>

      <dl className="mt-4 flex flex-wrap gap-x-8 gap-y-2 text-sm">
        <div>
          <dt className="text-ink/70">All subscriptions</dt>
          <dd className="text-lg font-semibold">{num(totals.all)}</dd>
        </div>
        <div>
          <dt className="text-ink/70">Active</dt>
          <dd className="text-lg font-semibold">{num(totals.active)}</dd>
        </div>
        <div>
          <dt className="text-ink/70">Unsubscribed</dt>
          <dd className="text-lg font-semibold">{num(totals.unsubscribed)}</dd>
        </div>
      </dl>

      <form method="get" action="/console/subscribers" className="mt-6 flex flex-wrap items-end gap-4" aria-label="Filter subscribers">
        <div>
          <label htmlFor="status" className="block text-sm font-semibold">
            Status
          </label>
          <select id="status" name="status" defaultValue={status ?? ""} className="mt-1 min-h-11 rounded-lg border border-ink/30 bg-white px-3">
            <option value="">Any</option>
            {SUBSCRIBER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="q" className="block text-sm font-semibold">
            Email starts with
          </label>
          <input id="q" name="q" type="search" defaultValue={q ?? ""} maxLength={254} className="mt-1 min-h-11 rounded-lg border border-ink/30 bg-white px-3" />
        </div>
        <button type="submit" className="min-h-11 rounded-full bg-brand px-5 font-semibold text-white">
          Filter
        </button>
        {(status || q) && (
          <a href="/console/subscribers" className="min-h-11 py-2 underline">
            Clear
          </a>
        )}
      </form>

      <p className="mt-6 text-sm text-ink/70" aria-live="polite">
        {total === 1 ? "1 subscriber matches" : `${num(total)} subscribers match`}
        {rows.length > 0 && total > rows.length ? `, showing ${num(first)}–${num(first + rows.length - 1)}` : ""}
      </p>
      <div className="mt-2 overflow-x-auto rounded-xl border border-ink/10 bg-white" role="region" aria-label="Subscribers" tabIndex={0}>
        <table className="w-full text-left text-sm">
          <thead className="bg-ink/5">
            <tr>
              <th scope="col" className="px-3 py-2">Email</th>
              <th scope="col" className="px-3 py-2">Name</th>
              <th scope="col" className="px-3 py-2">Discount code</th>
              <th scope="col" className="px-3 py-2 text-right">Discount</th>
              <th scope="col" className="px-3 py-2">Subscribed (UTC)</th>
              <th scope="col" className="px-3 py-2">Status</th>
              <th scope="col" className="px-3 py-2">Consent</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-ink/10 align-top">
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  {r.email ? (
                    <a href={`/console/leads?${new URLSearchParams({ q: r.email }).toString()}`} className="text-brand underline">
                      {r.email}
                    </a>
                  ) : (
                    "—"
                  )}
                </th>
                <td className="px-3 py-2">{r.name ?? "—"}</td>
                <td className="px-3 py-2">
                  <code>{r.discountCode}</code>
                </td>
                <td className="px-3 py-2 text-right">{r.discountPercent}%</td>
                <td className="whitespace-nowrap px-3 py-2">{dateTime.format(r.subscribedAt)}</td>
                <td className="px-3 py-2">
                  {r.unsubscribedAt ? (
                    <>
                      <span className="rounded-full bg-stone-200 px-2 py-0.5 text-xs font-semibold text-stone-900">Unsubscribed</span>
                      <p className="mt-1 whitespace-nowrap text-xs text-ink/70">{dateTime.format(r.unsubscribedAt)}</p>
                    </>
                  ) : (
                    <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900">Active</span>
                  )}
                  {r.suppression && !r.unsubscribedAt && (
                    <p className="mt-1 text-xs text-red-800">Not emailed: {SUPPRESSION_REASONS[r.suppression.reason] ?? r.suppression.reason}</p>
                  )}
                </td>
                <td className="px-3 py-2">
                  <code className="text-xs">{r.consentVersion}</code>
                  <p className="whitespace-nowrap text-xs text-ink/70">{dateTime.format(r.consentAt)}</p>
                </td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-ink/70">
                  {status || q ? "No subscribers match." : "Nobody has subscribed yet."}
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
