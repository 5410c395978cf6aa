import type { Metadata } from "next";
import { FilterClear, FilterForm, FilterInput, FilterSelect, FilterSubmit } from "@/components/console/filters";
import { formatCount } from "@/components/console/format";
import { consoleClock } from "@/app/(console)/time-zone";
import { When } from "@/components/console/when";
import { listHref, NumberedPager, ResultCount } from "@/components/console/listing";
import { Badge } from "@/components/console/page-parts";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { ConsoleTable } from "@/components/console/table";
import { requireStaffPage } from "@/app/(console)/auth";
import { listSubscribers, normalizeEmailPrefix, SUBSCRIBER_STATUSES, SUBSCRIBERS_PAGE_SIZE } from "@/lib/console/subscribers";
import { db } from "@/lib/db";

export const metadata: Metadata = { title: "Subscribers" };

const STATUS_LABELS = { confirmed: "Confirmed", waiting: "Waiting for confirmation", unsubscribed: "Unsubscribed" } as const;
const SUPPRESSION_REASONS: Record<string, string> = {
  unsubscribe: "unsubscribed from all marketing",
  complaint: "marked an email as spam",
  hard_bounce: "address bounced",
};

export default async function SubscribersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { formatDateTime } = await consoleClock();
  const params = await searchParams;
  const status = SUBSCRIBER_STATUSES.find((s) => s === queryParam(params, "status"));
  const q = normalizeEmailPrefix(queryParam(params, "q"))?.slice(0, 254);
  const requested = Number(queryParam(params, "page")) || 1;
  const query = (p: number) => listHref("/console/subscribers", { status, q }, p);
  await requireStaffPage("leads:read", query(requested));
  const { rows, total, page, pages, totals } = await listSubscribers(db(), { status, q, page: requested });

  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Newsletter subscribers</h1>
      <p className="mt-2 max-w-3xl text-ink/80">
        Everyone who signed up for the newsletter, newest first, with the consent they gave. A sign-up waits until the person uses the confirmation link we
        email them; only then do they get their discount code (one per person: aliases of one inbox share it), or any other email. Unsubscribing ends the
        subscription; the code stays theirs.
      </p>

      <dl className="mt-4 flex flex-wrap gap-x-8 gap-y-2 text-sm">
        {(
          [
            ["All subscriptions", totals.all],
            ["Confirmed", totals.confirmed],
            ["Waiting for confirmation", totals.waiting],
            ["Unsubscribed", totals.unsubscribed],
          ] as const
        ).map(([label, n]) => (
          <div key={label}>
            <dt className="text-ink/70">{label}</dt>
            <dd className="text-lg font-semibold">{formatCount(n)}</dd>
          </div>
        ))}
      </dl>

      <FilterForm action="/console/subscribers" label="Filter subscribers">
        <FilterSelect id="status" label="Status" defaultValue={status} options={SUBSCRIBER_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} />
        <FilterInput id="q" label="Email starts with" type="search" defaultValue={q ?? ""} maxLength={254} />
        <FilterSubmit>Filter</FilterSubmit>
        {(status || q) && <FilterClear href="/console/subscribers">Clear</FilterClear>}
      </FilterForm>

      <ResultCount
        total={total}
        noun={["subscriber matches", "subscribers match"]}
        shown={{ first: (page - 1) * SUBSCRIBERS_PAGE_SIZE + 1, count: rows.length }}
      />
      <ConsoleTable
        label="Subscribers"
        rows={rows}
        empty={status || q ? "No subscribers match." : "Nobody has subscribed yet."}
        columns={[
          {
            header: "Email",
            rowHeader: true,
            className: "font-normal",
            cell: (r) =>
              r.email ? (
                <a href={`/console/leads?${new URLSearchParams({ q: r.email }).toString()}`} className="text-brand underline">
                  {r.email}
                </a>
              ) : (
                "—"
              ),
          },
          { header: "Name", cell: (r) => r.name ?? "—" },
          {
            header: "Discount code",
            cell: (r) =>
              r.discount ? (
                <>
                  <code>{r.discount.code}</code>
                  <p className="whitespace-nowrap text-xs text-ink/70">
                    {r.discount.percent}%, {r.discount.usedAt ? `used ${formatDateTime(r.discount.usedAt)}` : `expires ${formatDateTime(r.discount.expiresAt)}`}
                  </p>
                </>
              ) : (
                "—"
              ),
          },
          { header: "Subscribed", className: "whitespace-nowrap", cell: (r) => <When at={r.subscribedAt} /> },
          {
            header: "Status",
            cell: (r) => (
              <>
                {r.unsubscribedAt ? (
                  <>
                    <Badge tone="stone">Unsubscribed</Badge>
                    <p className="mt-1 whitespace-nowrap text-xs text-ink/70">{formatDateTime(r.unsubscribedAt)}</p>
                  </>
                ) : r.confirmedAt ? (
                  <>
                    <Badge tone="emerald">Confirmed</Badge>
                    <p className="mt-1 whitespace-nowrap text-xs text-ink/70">{formatDateTime(r.confirmedAt)}</p>
                  </>
                ) : (
                  <>
                    <Badge tone="amber">Waiting</Badge>
                    {r.confirmationSentAt && <p className="mt-1 whitespace-nowrap text-xs text-ink/70">link sent {formatDateTime(r.confirmationSentAt)}</p>}
                  </>
                )}
                {r.suppression && !r.unsubscribedAt && (
                  <p className="mt-1 text-xs text-red-800">Not emailed: {SUPPRESSION_REASONS[r.suppression.reason] ?? r.suppression.reason}</p>
                )}
              </>
            ),
          },
          {
            header: "Consent",
            cell: (r) => (
              <>
                <code className="text-xs">{r.consentVersion}</code>
                <p className="whitespace-nowrap text-xs text-ink/70">{formatDateTime(r.consentAt)}</p>
              </>
            ),
          },
        ]}
      />
      <NumberedPager page={page} pages={pages} href={query} />
    </>
  );
}
