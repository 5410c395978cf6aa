import type { Metadata } from "next";
import { requireStaffPage } from "@/lib/auth/next";
import { db } from "@/lib/db";
import { listMessages, MESSAGE_STATUSES } from "@/lib/email/manage";
import { retryMessageAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Messages" };

type SearchParams = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

const STATUS_STYLE: Record<string, string> = {
  pending: "bg-amber-100 text-amber-900",
  sent: "bg-sky-100 text-sky-900",
  delivered: "bg-emerald-100 text-emerald-900",
  failed: "bg-red-100 text-red-900",
  bounced: "bg-red-100 text-red-900",
  complained: "bg-red-100 text-red-900",
  suppressed: "bg-stone-200 text-stone-900",
};

export default async function MailboxPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaffPage("leads:read", "/mailbox");
  const params = await searchParams;
  const status = MESSAGE_STATUSES.find((s) => s === one(params.status));
  const to = one(params.to)?.slice(0, 254);
  const page = Number(one(params.page)) || 1;
  const { rows, total, pages } = await listMessages(db(), { status, to, page });
  const query = (p: number) => {
    const q = new URLSearchParams();
    if (status) q.set("status", status);
    if (to) q.set("to", to);
    if (p > 1) q.set("page", String(p));
    const s = q.toString();
    return `/mailbox${s ? `?${s}` : ""}`;
  };
  const retried = one(params.retried);

  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Outbox</h1>
      <p className="mt-2 max-w-3xl text-ink/80">
        Every email the site has queued, newest first, with its delivery status. Without <code>RESEND_API_KEY</code> nothing leaves
        this server: messages are rendered and kept here as delivered (the local mailbox). Failed messages can be sent again.
      </p>
      {retried && (
        <p role="status" className="mt-4 rounded-lg bg-brand-soft px-4 py-3">
          {retried === "1" ? "The message is back in the queue and will be sent shortly." : "That message could not be retried (it is not failed or suppressed)."}
        </p>
      )}

      <form method="get" action="/mailbox" className="mt-6 flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor="status" className="block text-sm font-semibold">
            Status
          </label>
          <select id="status" name="status" defaultValue={status ?? ""} className="mt-1 min-h-11 rounded-lg border border-ink/30 bg-white px-3">
            <option value="">Any</option>
            {MESSAGE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="to" className="block text-sm font-semibold">
            Recipient contains
          </label>
          <input id="to" name="to" type="search" defaultValue={to ?? ""} className="mt-1 min-h-11 rounded-lg border border-ink/30 bg-white px-3" />
        </div>
        <button type="submit" className="min-h-11 rounded-full bg-brand px-5 font-semibold text-white">
          Filter
        </button>
      </form>

      <p className="mt-6 text-sm text-ink/70" aria-live="polite">
        {total === 1 ? "1 message" : `${total.toLocaleString("en-US")} messages`}
      </p>
      <div className="mt-2 overflow-x-auto rounded-xl border border-ink/10 bg-white" role="region" aria-label="Messages" tabIndex={0}>
        <table className="w-full text-left text-sm">
          <thead className="bg-ink/5">
            <tr>
              <th scope="col" className="px-3 py-2">Queued (UTC)</th>
              <th scope="col" className="px-3 py-2">To</th>
              <th scope="col" className="px-3 py-2">Subject</th>
              <th scope="col" className="px-3 py-2">Template</th>
              <th scope="col" className="px-3 py-2">Status</th>
              <th scope="col" className="px-3 py-2">Tries</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.id} className="border-t border-ink/10 align-top">
                <td className="whitespace-nowrap px-3 py-2">{dateTime.format(m.createdAt)}</td>
                <td className="px-3 py-2">{m.toAddress}</td>
                <td className="px-3 py-2">
                  <a href={`/mailbox/${m.id}`} className="font-medium text-brand underline">
                    {m.subject ?? "(not rendered yet)"}
                  </a>
                  {m.lastError && <p className="mt-1 text-xs text-red-800">{m.lastError}</p>}
                </td>
                <td className="px-3 py-2">{m.template}</td>
                <td className="px-3 py-2">
                  <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[m.status] ?? ""}`}>{m.status}</span>
                </td>
                <td className="px-3 py-2">{m.attempts}</td>
                <td className="px-3 py-2">
                  {(m.status === "failed" || m.status === "suppressed") && (
                    <form action={retryMessageAction}>
                      <input type="hidden" name="id" value={m.id} />
                      <input type="hidden" name="back" value={query(page)} />
                      <button type="submit" className="rounded-full px-3 py-1 font-semibold ring-1 ring-ink/30">
                        Retry<span className="sr-only"> the message to {m.toAddress}</span>
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-ink/70">
                  No messages match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav aria-label="Pages" className="mt-4 flex gap-4">
          {page > 1 && <a href={query(page - 1)} className="underline">Newer</a>}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages && <a href={query(page + 1)} className="underline">Older</a>}
        </nav>
      )}
    </>
  );
}
