import type { Metadata } from "next";
import { FilterForm, FilterInput, FilterSelect, FilterSubmit } from "@/components/console/filters";
import { When } from "@/components/console/when";
import { listHref, NumberedPager, ResultCount } from "@/components/console/listing";
import { Badge, Notice, type BadgeTone } from "@/components/console/page-parts";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { ConsoleTable } from "@/components/console/table";
import { requireStaffPage } from "@/app/(console)/auth";
import { db } from "@/lib/db";
import { listMessages, MESSAGE_STATUSES, type MessageStatus } from "@/lib/email/manage";
import { retryMessageAction } from "./actions";

export const metadata: Metadata = { title: "Messages" };

/** A badge tone for every message status (a new status without one does not compile). */
const STATUS_TONE = {
  pending: "amber",
  sent: "sky",
  delivered: "emerald",
  failed: "red",
  bounced: "red",
  complained: "red",
  suppressed: "stone",
} as const satisfies Record<MessageStatus, BadgeTone>;

export default async function MailboxPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaffPage("leads:read", "/mailbox");
  const params = await searchParams;
  const status = MESSAGE_STATUSES.find((s) => s === queryParam(params, "status"));
  const to = queryParam(params, "to", 254);
  const page = Number(queryParam(params, "page")) || 1;
  const { rows, total, pages } = await listMessages(db(), { status, to, page });
  const query = (p: number) => listHref("/mailbox", { status, to }, p);
  const retried = queryParam(params, "retried");

  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Outbox</h1>
      <p className="mt-2 max-w-3xl text-ink/80">
        Every email the site has queued, newest first, with its delivery status. Without <code>RESEND_API_KEY</code> nothing leaves this server: messages are
        rendered and kept here as delivered (the local mailbox). Failed messages can be sent again.
      </p>
      {retried && (
        <Notice className="mt-4">
          {retried === "1"
            ? "The message is back in the queue and will be sent shortly."
            : "That message could not be retried (it is not failed or suppressed)."}
        </Notice>
      )}

      <FilterForm action="/mailbox">
        <FilterSelect id="status" label="Status" defaultValue={status} options={MESSAGE_STATUSES.map((s) => ({ value: s, label: s }))} />
        <FilterInput id="to" label="Recipient contains" type="search" defaultValue={to ?? ""} />
        <FilterSubmit>Filter</FilterSubmit>
      </FilterForm>

      <ResultCount total={total} noun={["message", "messages"]} />
      <ConsoleTable
        label="Messages"
        rows={rows}
        empty="No messages match."
        columns={[
          { header: "Queued", className: "whitespace-nowrap", cell: (m) => <When at={m.createdAt} seconds /> },
          { header: "To", cell: (m) => m.toAddress },
          {
            header: "Subject",
            cell: (m) => (
              <>
                <a href={`/mailbox/${m.id}`} className="font-medium text-brand underline">
                  {m.subject ?? "(not rendered yet)"}
                </a>
                {m.lastError && <p className="mt-1 text-xs text-red-800">{m.lastError}</p>}
              </>
            ),
          },
          { header: "Template", cell: (m) => m.template },
          { header: "Status", cell: (m) => <Badge tone={STATUS_TONE[m.status as MessageStatus]}>{m.status}</Badge> },
          { header: "Tries", cell: (m) => m.attempts },
          {
            header: "Actions",
            srOnlyHeader: true,
            cell: (m) =>
              (m.status === "failed" || m.status === "suppressed") && (
                <form action={retryMessageAction}>
                  <input type="hidden" name="id" value={m.id} />
                  <input type="hidden" name="back" value={query(page)} />
                  <button type="submit" className="rounded-full px-3 py-1 font-semibold ring-1 ring-ink/30">
                    Retry<span className="sr-only"> the message to {m.toAddress}</span>
                  </button>
                </form>
              ),
          },
        ]}
      />
      <NumberedPager page={page} pages={pages} href={query} />
    </>
  );
}
