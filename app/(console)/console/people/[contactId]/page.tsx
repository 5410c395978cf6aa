import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireStaffPage } from "@/lib/auth/next";
import { personOverview } from "@/lib/console/privacy";
import { db } from "@/lib/db";
import { FORM_LABELS, type FormType } from "@/lib/leads/form-types";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Person" };

type SearchParams = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const count = (v: string | string[] | undefined) => Math.max(0, Math.floor(Number(one(v)) || 0));

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const when = (d: Date | null | undefined) => (d ? dateTime.format(d) : "–");
const formLabel = (f: string) => FORM_LABELS[f as FormType] ?? f;
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

const cell = "px-3 py-2 align-top";
const head = "px-3 py-2";

/** A submitted form's fields, readable: nested values (a referral's friends) as JSON. */
function FieldList({ fields }: { fields: unknown }) {
  if (!fields || typeof fields !== "object" || Array.isArray(fields)) return <pre className="whitespace-pre-wrap break-words text-xs">{JSON.stringify(fields, null, 2)}</pre>;
  const entries = Object.entries(fields as Record<string, unknown>);
  if (!entries.length) return <p className="text-ink/80">Nothing (erased).</p>;
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      {entries.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-semibold">{k}</dt>
          <dd className="break-words">{typeof v === "string" ? v : <code className="text-xs">{JSON.stringify(v)}</code>}</dd>
        </div>
      ))}
    </dl>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-10">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function TableBox({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="mt-3 overflow-x-auto rounded-xl border border-ink/10 bg-white" role="region" aria-label={label} tabIndex={0}>
      <table className="w-full text-left text-sm">{children}</table>
    </div>
  );
}

export default async function PersonPage({ params, searchParams }: { params: Promise<{ contactId: string }>; searchParams: Promise<SearchParams> }) {
  const { contactId } = await params;
  await requireStaffPage("privacy:manage", `/console/people/${encodeURIComponent(contactId)}`);
  const overview = await personOverview(db(), contactId);
  if (!overview) notFound();
  const { data, actors, samePhone, erased } = overview;
  const sp = await searchParams;
  const justErased = one(sp.erased) === "1";
  const c = data.contact;
  const title = c.name ?? c.email ?? c.phone ?? "Erased person";
  const base = `/console/people/${encodeURIComponent(c.id)}`;
  const activities = data.leads.flatMap((l) => l.activities.map((a) => ({ ...a, formType: l.formType, leadId: l.id })));
  activities.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());

  return (
    <>
      <p className="text-sm">
        <a href="/console/people" className="underline underline-offset-4">
          People
        </a>
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">{title}</h1>
      {justErased && (
        <p role="status" className="mt-4 max-w-3xl rounded-lg bg-brand-soft px-4 py-3">
          Erased. Personal data was removed from {plural(count(sp.leads), "lead")} and {plural(count(sp.emails), "email")}, {plural(count(sp.notes), "note")}{" "}
          {count(sp.notes) === 1 ? "was" : "were"} replaced, and {plural(count(sp.others), "record")} of other people that named this person{" "}
          {count(sp.others) === 1 ? "was" : "were"} cleaned. Counts and the points ledger are unchanged.
        </p>
      )}
      {erased && !justErased && (
        <p className="mt-4 max-w-3xl rounded-lg bg-stone-200 px-4 py-3 text-stone-900">This person has been erased. Only anonymous records remain.</p>
      )}

      <dl className="mt-6 grid max-w-3xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="font-semibold">Email</dt>
        <dd>{c.email ?? "–"}</dd>
        <dt className="font-semibold">Phone</dt>
        <dd>{c.phone ?? "–"}</dd>
        <dt className="font-semibold">Name</dt>
        <dd>{c.name ?? "–"}</dd>
        <dt className="font-semibold">First seen (UTC)</dt>
        <dd>{when(c.createdAt)}</dd>
        <dt className="font-semibold">Responded</dt>
        <dd>{when(c.respondedAt)}</dd>
        <dt className="font-semibold">Marketing opt-out</dt>
        <dd>{when(c.marketingOptOutAt)}</dd>
        <dt className="font-semibold">Referral code</dt>
        <dd>
          <code>{c.referralCode}</code>
        </dd>
        <dt className="font-semibold">Referred by</dt>
        <dd>
          {data.referredBy ? (
            <a href={`/console/people/${encodeURIComponent(data.referredBy.id)}`} className="text-brand underline underline-offset-4">
              {data.referredBy.name ?? "(no name)"}
            </a>
          ) : (
            "–"
          )}
        </dd>
        <dt className="font-semibold">Referred</dt>
        <dd>
          {data.referred.length ? (
            <ul className="flex flex-wrap gap-x-4">
              {data.referred.map((r) => (
                <li key={r.id}>
                  <a href={`/console/people/${encodeURIComponent(r.id)}`} className="text-brand underline underline-offset-4">
                    {r.name ?? "(no name)"}
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            "–"
          )}
        </dd>
      </dl>

      <div className="mt-6 flex flex-wrap gap-4">
        <a href={`${base}/export`} download className="inline-flex min-h-11 items-center rounded-full bg-brand px-5 font-semibold text-white">
          Export as JSON
        </a>
        <a href={`${base}/erase`} className="inline-flex min-h-11 items-center rounded-full px-5 font-semibold text-red-800 ring-1 ring-red-800">
          Erase this person…
        </a>
      </div>

      {samePhone.length > 0 && (
        <Section id="same-phone" title="Other records with the same phone number">
          <p className="mt-2 max-w-3xl text-sm text-ink/80">
            These may be the same person (for example a call-back request without an email address). Each record is exported and
            erased on its own.
          </p>
          <ul className="mt-2 list-disc pl-6 text-sm">
            {samePhone.map((p) => (
              <li key={p.id}>
                <a href={`/console/people/${encodeURIComponent(p.id)}`} className="text-brand underline underline-offset-4">
                  {p.name ?? p.email ?? p.id}
                </a>{" "}
                {p.email && <span className="text-ink/80">({p.email})</span>}, first seen {when(p.createdAt)}
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section id="leads-heading" title={`Leads (${data.leads.length})`}>
        <TableBox label="Leads">
          <thead className="bg-ink/5">
            <tr>
              <th scope="col" className={head}>Received (UTC)</th>
              <th scope="col" className={head}>Form</th>
              <th scope="col" className={head}>Status</th>
              <th scope="col" className={head}>Attribution</th>
              <th scope="col" className={head}>What they sent</th>
            </tr>
          </thead>
          <tbody>
            {data.leads.map((l) => (
              <tr key={l.id} className="border-t border-ink/10">
                <td className={`${cell} whitespace-nowrap`}>
                  <a href={`/console/leads/${encodeURIComponent(l.id)}`} className="text-brand underline underline-offset-4">
                    {when(l.createdAt)}
                    <span className="sr-only">: open the lead</span>
                  </a>
                </td>
                <td className={cell}>{formLabel(l.formType)}</td>
                <td className={cell}>{l.status}</td>
                <td className={cell}>
                  {[l.utmSource && `source ${l.utmSource}`, l.article && `article ${l.article}`, l.cta && `CTA ${l.cta}`].filter(Boolean).join(", ") || "–"}
                </td>
                <td className={cell}>
                  <details>
                    <summary className="cursor-pointer text-brand underline underline-offset-4">
                      Fields<span className="sr-only"> of the {formLabel(l.formType).toLowerCase()} from {when(l.createdAt)}</span>
                    </summary>
                    <div className="mt-2">
                      <FieldList fields={l.fields} />
                      <p className="mt-2 text-xs text-ink/80">
                        Consent {l.consentVersion ?? "–"} at {when(l.consentAt)}
                        {l.landingPage && <>; landing page {l.landingPage}</>}
                        {l.referrerUrl && <>; referrer {l.referrerUrl}</>}
                      </p>
                    </div>
                  </details>
                </td>
              </tr>
            ))}
            {data.leads.length === 0 && (
              <tr>
                <td colSpan={5} className="px-3 py-6 text-center text-ink/80">
                  No leads.
                </td>
              </tr>
            )}
          </tbody>
        </TableBox>
      </Section>

      <Section id="activity-heading" title={`Staff activity (${activities.length})`}>
        <TableBox label="Staff activity">
          <thead className="bg-ink/5">
            <tr>
              <th scope="col" className={head}>When (UTC)</th>
              <th scope="col" className={head}>Lead</th>
              <th scope="col" className={head}>What</th>
              <th scope="col" className={head}>Detail</th>
              <th scope="col" className={head}>By</th>
            </tr>
          </thead>
          <tbody>
            {activities.map((a) => (
              <tr key={a.id} className="border-t border-ink/10">
                <td className={`${cell} whitespace-nowrap`}>{when(a.createdAt)}</td>
                <td className={cell}>{formLabel(a.formType)}</td>
                <td className={cell}>{a.type === "status" ? `status ${a.fromStatus ?? "?"} → ${a.toStatus ?? "?"}` : a.type}</td>
                <td className={`${cell} whitespace-pre-wrap break-words`}>{a.detail ?? "–"}</td>
                <td className={cell}>{a.actorId ? (actors.get(a.actorId) ?? "(removed staff account)") : "–"}</td>
              </tr>
            ))}
            {activities.length === 0 && (
              <tr>
                <td colSpan={5} className="px-3 py-6 text-center text-ink/80">
                  Nothing yet.
                </td>
              </tr>
            )}
          </tbody>
        </TableBox>
      </Section>

      <Section id="emails-heading" title={`Emails (${data.emails.length})`}>
        <TableBox label="Emails">
          <thead className="bg-ink/5">
            <tr>
              <th scope="col" className={head}>Queued (UTC)</th>
              <th scope="col" className={head}>To</th>
              <th scope="col" className={head}>Subject</th>
              <th scope="col" className={head}>Template</th>
              <th scope="col" className={head}>Status</th>
              <th scope="col" className={head}>Sent</th>
              <th scope="col" className={head}>Delivered</th>
            </tr>
          </thead>
          <tbody>
            {data.emails.map((e) => (
              <tr key={e.id} className="border-t border-ink/10">
                <td className={`${cell} whitespace-nowrap`}>{when(e.createdAt)}</td>
                <td className={`${cell} break-all`}>{e.to}</td>
                <td className={cell}>
                  <a href={`/mailbox/${encodeURIComponent(e.id)}`} className="text-brand underline underline-offset-4">
                    {e.subject ?? "(no subject stored)"}
                  </a>
                </td>
                <td className={cell}>{e.template}</td>
                <td className={cell}>{e.status}</td>
                <td className={`${cell} whitespace-nowrap`}>{when(e.sentAt)}</td>
                <td className={`${cell} whitespace-nowrap`}>{when(e.deliveredAt)}</td>
              </tr>
            ))}
            {data.emails.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-ink/80">
                  No emails.
                </td>
              </tr>
            )}
          </tbody>
        </TableBox>
      </Section>

      <Section id="points-heading" title="Referral points">
        <p className="mt-2 text-sm">
          Balance: {data.points.balance.confirmed.toLocaleString("en-US")} confirmed, {data.points.balance.pending.toLocaleString("en-US")} pending.
        </p>
        {data.points.entries.length > 0 && (
          <TableBox label="Points ledger">
            <thead className="bg-ink/5">
              <tr>
                <th scope="col" className={head}>When (UTC)</th>
                <th scope="col" className={head}>Reason</th>
                <th scope="col" className={head}>Bucket</th>
                <th scope="col" className={`${head} text-right`}>Points</th>
              </tr>
            </thead>
            <tbody>
              {data.points.entries.map((p) => (
                <tr key={p.id} className="border-t border-ink/10">
                  <td className={`${cell} whitespace-nowrap`}>{when(p.createdAt)}</td>
                  <td className={cell}>{p.reason}</td>
                  <td className={cell}>{p.bucket}</td>
                  <td className={`${cell} text-right tabular-nums`}>{p.amount.toLocaleString("en-US")}</td>
                </tr>
              ))}
            </tbody>
          </TableBox>
        )}
      </Section>

      <Section id="newsletter-heading" title="Newsletter and email preferences">
        {data.newsletter ? (
          <p className="mt-2 text-sm">
            Subscribed {when(data.newsletter.createdAt)} (consent {data.newsletter.consentVersion}), discount code{" "}
            <code>{data.newsletter.discountCode}</code>
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
            A suppression entry for their former address, if there was one, is kept on purpose: it is what keeps marketing email from
            reaching that address again. It is no longer linked to this record.
          </p>
        )}
      </Section>
    </>
  );
}
