import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Facts } from "@/components/console/facts";
import { formLabel, formatCount } from "@/components/console/format";
import { consoleClock } from "@/app/(console)/time-zone";
import { When } from "@/components/console/when";
import { BackLink, Notice, Section, TextLink } from "@/components/console/page-parts";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { ConsoleTable, TableSection, type Column } from "@/components/console/table";
import { requireStaffPage } from "@/app/(console)/auth";
import { personOverview, type PersonExport } from "@/lib/console/privacy";
import { db } from "@/lib/db";

export const metadata: Metadata = { title: "Person" };

const count = (params: SearchParams, key: string) => Math.max(0, Math.floor(Number(queryParam(params, key)) || 0));
const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** A submitted form's fields, readable: nested values (a referral's friends) as JSON. */
function FieldList({ fields }: { fields: unknown }) {
  if (!fields || typeof fields !== "object" || Array.isArray(fields))
    return <pre className="whitespace-pre-wrap break-words text-xs">{JSON.stringify(fields, null, 2)}</pre>;
  const entries = Object.entries(fields as Record<string, unknown>);
  if (!entries.length) return <p className="text-ink/80">Nothing (erased).</p>;
  return <Facts empty="–" rows={entries.map(([k, v]) => [k, typeof v === "string" ? v : <code className="text-xs">{JSON.stringify(v)}</code>])} />;
}

type Lead = PersonExport["leads"][number];
type Activity = Lead["activities"][number] & { formType: string; leadId: string };

const LEAD_COLUMNS: Column<Lead>[] = [
  {
    header: "Received",
    className: "whitespace-nowrap",
    cell: (l) => (
      <TextLink href={`/console/leads/${encodeURIComponent(l.id)}`}>
        <When at={l.createdAt} empty="–" />
        <span className="sr-only">: open the lead</span>
      </TextLink>
    ),
  },
  { header: "Form", cell: (l) => formLabel(l.formType) },
  { header: "Status", cell: (l) => l.status },
  {
    header: "Attribution",
    cell: (l) => [l.utmSource && `source ${l.utmSource}`, l.article && `article ${l.article}`, l.cta && `CTA ${l.cta}`].filter(Boolean).join(", ") || "–",
  },
  {
    header: "What they sent",
    cell: (l) => (
      <details>
        <summary className="cursor-pointer text-brand underline underline-offset-4">
          Fields
          <span className="sr-only">
            {" "}
            of the {formLabel(l.formType).toLowerCase()} from <When at={l.createdAt} empty="–" />
          </span>
        </summary>
        <div className="mt-2">
          <FieldList fields={l.fields} />
          <p className="mt-2 text-xs text-ink/80">
            Consent {l.consentVersion ?? "–"} at <When at={l.consentAt} empty="–" />
            {l.landingPage && <>; landing page {l.landingPage}</>}
            {l.referrerUrl && <>; referrer {l.referrerUrl}</>}
          </p>
        </div>
      </details>
    ),
  },
];

const activityColumns = (actors: Map<string, string>): Column<Activity>[] => [
  { header: "When", className: "whitespace-nowrap", cell: (a) => <When at={a.createdAt} empty="–" /> },
  { header: "Lead", cell: (a) => formLabel(a.formType) },
  { header: "What", cell: (a) => (a.type === "status" ? `status ${a.fromStatus ?? "?"} → ${a.toStatus ?? "?"}` : a.type) },
  { header: "Detail", className: "whitespace-pre-wrap break-words", cell: (a) => a.detail ?? "–" },
  { header: "By", cell: (a) => (a.actorId ? (actors.get(a.actorId) ?? "(removed staff account)") : "–") },
];

const EMAIL_COLUMNS: Column<PersonExport["emails"][number]>[] = [
  { header: "Queued", className: "whitespace-nowrap", cell: (e) => <When at={e.createdAt} empty="–" /> },
  { header: "To", className: "break-all", cell: (e) => e.to },
  {
    header: "Subject",
    cell: (e) => <TextLink href={`/mailbox/${encodeURIComponent(e.id)}`}>{e.subject ?? "(no subject stored)"}</TextLink>,
  },
  { header: "Template", cell: (e) => e.template },
  { header: "Status", cell: (e) => e.status },
  { header: "Sent", className: "whitespace-nowrap", cell: (e) => <When at={e.sentAt} empty="–" /> },
  { header: "Delivered", className: "whitespace-nowrap", cell: (e) => <When at={e.deliveredAt} empty="–" /> },
];

export default async function PersonPage({ params, searchParams }: { params: Promise<{ contactId: string }>; searchParams: Promise<SearchParams> }) {
  const { formatWhen } = await consoleClock();
  const when = (d: Date | null | undefined) => formatWhen(d, { empty: "–" });
  const { contactId } = await params;
  await requireStaffPage("privacy:manage", `/console/people/${encodeURIComponent(contactId)}`);
  const overview = await personOverview(db(), contactId);
  if (!overview) notFound();
  const { data, actors, samePhone, erased } = overview;
  const sp = await searchParams;
  const justErased = queryParam(sp, "erased") === "1";
  const c = data.contact;
  const title = c.name ?? c.email ?? c.phone ?? "Erased person";
  const base = `/console/people/${encodeURIComponent(c.id)}`;
  const activities = data.leads.flatMap((l) => l.activities.map((a) => ({ ...a, formType: l.formType, leadId: l.id })));
  activities.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());

  return (
    <>
      <BackLink href="/console/people">People</BackLink>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">{title}</h1>
      {justErased && (
        <Notice className="mt-4 max-w-3xl">
          Erased. Personal data was removed from {plural(count(sp, "leads"), "lead")} and {plural(count(sp, "emails"), "email")},{" "}
          {plural(count(sp, "notes"), "note")} {count(sp, "notes") === 1 ? "was" : "were"} replaced, and {plural(count(sp, "others"), "record")} of other people
          that named this person {count(sp, "others") === 1 ? "was" : "were"} cleaned. Counts and the points ledger are unchanged.
        </Notice>
      )}
      {erased && !justErased && (
        <p className="mt-4 max-w-3xl rounded-lg bg-stone-200 px-4 py-3 text-stone-900">This person has been erased. Only anonymous records remain.</p>
      )}

      <Facts
        className="mt-6 max-w-3xl"
        empty="–"
        rows={[
          ["Email", c.email],
          ["Phone", c.phone],
          ["Name", c.name],
          ["First seen", when(c.createdAt)],
          ["Responded", when(c.respondedAt)],
          ["Marketing opt-out", when(c.marketingOptOutAt)],
          ["Comment emails opt-out", when(c.commentEmailsOptOutAt)],
          ["Referral code", <code key="code">{c.referralCode}</code>],
          [
            "Referred by",
            data.referredBy && (
              <TextLink key="by" href={`/console/people/${encodeURIComponent(data.referredBy.id)}`}>
                {data.referredBy.name ?? "(no name)"}
              </TextLink>
            ),
          ],
          [
            "Referred",
            data.referred.length > 0 && (
              <ul key="referred" className="flex flex-wrap gap-x-4">
                {data.referred.map((r) => (
                  <li key={r.id}>
                    <TextLink href={`/console/people/${encodeURIComponent(r.id)}`}>{r.name ?? "(no name)"}</TextLink>
                  </li>
                ))}
              </ul>
            ),
          ],
        ]}
      />

      <div className="mt-6 flex flex-wrap gap-4">
        <a href={`${base}/export`} download className="inline-flex min-h-11 items-center rounded-full bg-brand px-5 font-semibold text-white">
          Export as JSON
        </a>
        <a href={`${base}/erase`} className="inline-flex min-h-11 items-center rounded-full px-5 font-semibold text-red-800 ring-1 ring-red-800">
          Erase this person…
        </a>
      </div>

      {samePhone.length > 0 && (
        <Section headingId="same-phone" title="Other records with the same phone number" className="mt-10">
          <p className="mt-2 max-w-3xl text-sm text-ink/80">
            These may be the same person (for example a call-back request without an email address). Each record is exported and erased on its own.
          </p>
          <ul className="mt-2 list-disc pl-6 text-sm">
            {samePhone.map((p) => (
              <li key={p.id}>
                <TextLink href={`/console/people/${encodeURIComponent(p.id)}`}>{p.name ?? p.email ?? p.id}</TextLink>{" "}
                {p.email && <span className="text-ink/80">({p.email})</span>}, first seen {when(p.createdAt)}
              </li>
            ))}
          </ul>
        </Section>
      )}

      <TableSection headingId="leads-heading" title={`Leads (${data.leads.length})`} label="Leads" rows={data.leads} empty="No leads." columns={LEAD_COLUMNS} />
      <TableSection
        headingId="activity-heading"
        title={`Staff activity (${activities.length})`}
        label="Staff activity"
        rows={activities}
        empty="Nothing yet."
        columns={activityColumns(actors)}
      />
      <TableSection
        headingId="emails-heading"
        title={`Emails (${data.emails.length})`}
        label="Emails"
        rows={data.emails}
        empty="No emails."
        columns={EMAIL_COLUMNS}
      />

      <Section headingId="points-heading" title="Referral points" className="mt-10">
        <p className="mt-2 text-sm">
          Balance: {formatCount(data.points.balance.confirmed)} confirmed, {formatCount(data.points.balance.pending)} pending.
        </p>
        {data.points.entries.length > 0 && (
          <ConsoleTable
            className="mt-3"
            label="Points ledger"
            rows={data.points.entries}
            columns={[
              { header: "When", className: "whitespace-nowrap", cell: (p) => when(p.createdAt) },
              { header: "Reason", cell: (p) => p.reason },
              { header: "Bucket", cell: (p) => p.bucket },
              { header: "Points", align: "right", className: "tabular-nums", cell: (p) => formatCount(p.amount) },
            ]}
          />
        )}
      </Section>

      <Section headingId="newsletter-heading" title="Newsletter and email preferences" className="mt-10">
        {data.newsletter ? (
          <p className="mt-2 text-sm">
            Subscribed {when(data.newsletter.createdAt)} (consent {data.newsletter.consentVersion}),{" "}
            {data.newsletter.confirmedAt ? `confirmed ${when(data.newsletter.confirmedAt)}` : "waiting for the confirmation link to be used"}
            {data.discountCodes.length > 0 ? (
              <>
                , discount code <code>{data.discountCodes[0].code}</code>
              </>
            ) : null}
            {data.newsletter.unsubscribedAt ? `, unsubscribed ${when(data.newsletter.unsubscribedAt)}.` : ", still subscribed."}
          </p>
        ) : (
          <p className="mt-2 text-sm">Not a newsletter subscriber.</p>
        )}
        {data.suppressions.length > 0 ? (
          <ul className="mt-2 list-disc pl-6 text-sm">
            {data.suppressions.map((s) => (
              <li key={s.address}>
                {s.address}: no {s.scope === "all" ? "email at all" : "marketing email"} ({s.reason.replace(/_/g, " ")}, since {when(s.createdAt)})
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm">No address of theirs is on the suppression list.</p>
        )}
        {erased && (
          <p className="mt-2 max-w-3xl text-sm text-ink/80">
            A suppression entry for their former address, if there was one, is kept on purpose: it is what keeps marketing email from reaching that address
            again. It is no longer linked to this record.
          </p>
        )}
      </Section>
    </>
  );
}
