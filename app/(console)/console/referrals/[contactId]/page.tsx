import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireStaffPage } from "@/lib/auth/next";
import { can } from "@/lib/auth/roles";
import { getReferrer, type FriendRow } from "@/lib/console/referrals";
import { db } from "@/lib/db";
import { FORM_LABELS } from "@/lib/leads/form-types";
import { DecisionFlash, DecisionForm, num, personLabel, RedemptionStatus, rewardLabel, when } from "../decision";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Referrer" };

type Props = { params: Promise<{ contactId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const formLabel = (formType: string) => FORM_LABELS[formType as keyof typeof FORM_LABELS] ?? formType;

const REASONS: Record<string, string> = {
  referral: "Friend referred",
  referral_confirmed: "Friend responded",
  redemption: "Redeemed",
};

const SUPPRESSION_REASONS: Record<string, string> = {
  unsubscribe: "unsubscribed",
  complaint: "marked as spam",
  hard_bounce: "email bounced",
};

const FRIEND_STATUS: Record<FriendRow["status"], { label: string; style: string }> = {
  invited: { label: "Invited, no response", style: "bg-amber-100 text-amber-900" },
  responded: { label: "Responded", style: "bg-emerald-100 text-emerald-900" },
  opted_out: { label: "Opted out", style: "bg-stone-200 text-stone-900" },
};

function Facts({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-semibold">{k}</dt>
          <dd className="break-words">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export default async function ReferrerPage({ params, searchParams }: Props) {
  const { contactId: raw } = await params;
  const contactId = raw.slice(0, 64);
  const path = `/console/referrals/${encodeURIComponent(contactId)}`;
  const staff = await requireStaffPage("leads:read", path);
  const q = await searchParams;
  const d = await getReferrer(db(), contactId);
  if (!d) notFound();
  const canDecide = can(staff.role, "referrals:decide");
  const { contact, balance } = d;

  return (
    <>
      <p>
        <a href="/console/referrals" className="text-sm underline">
          ← Referrers
        </a>
      </p>
      <h1 className="mt-3 text-2xl font-bold tracking-tight">{personLabel(contact)}</h1>

      <DecisionFlash params={q} rows={d.redemptions} />

      <div className="mt-6 grid gap-6 md:grid-cols-2">
        <section aria-labelledby="who" className="rounded-xl border border-ink/10 bg-white p-4">
          <h2 id="who" className="font-semibold">
            Contact
          </h2>
          <div className="mt-3">
            <Facts
              rows={[
                ["Name", contact.name ?? "—"],
                ["Email", contact.email ?? "—"],
                ["Phone", contact.phone ?? "—"],
                ["Referral code", <code key="code">{contact.referralCode}</code>],
                ["Contact since", `${when(contact.createdAt)} UTC`],
              ]}
            />
          </div>
        </section>
        <section aria-labelledby="balance" className="rounded-xl border border-ink/10 bg-white p-4">
          <h2 id="balance" className="font-semibold">
            Points balance
          </h2>
          <div className="mt-3">
            <Facts
              rows={[
                ["Confirmed (can be redeemed)", <strong key="c">{num(balance.confirmed)}</strong>],
                ["Pending (until friends respond)", num(balance.pending)],
                ["Friends referred", num(d.friends.length)],
                ["Friends who responded", num(d.friends.filter((f) => f.respondedAt).length)],
              ]}
            />
          </div>
        </section>
      </div>

      <section aria-labelledby="redemptions" className="mt-10">
        <h2 id="redemptions" className="text-lg font-semibold">
          Redemption requests
        </h2>
        {d.redemptions.length === 0 ? (
          <p className="mt-2 text-ink/70">No redemption requests.</p>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-xl border border-ink/10 bg-white" role="region" aria-label="Redemption requests" tabIndex={0}>
            <table className="w-full text-left text-sm">
              <thead className="bg-ink/5">
                <tr>
                  <th scope="col" className="px-3 py-2">Requested (UTC)</th>
                  <th scope="col" className="px-3 py-2">Reward</th>
                  <th scope="col" className="px-3 py-2 text-right">Points requested</th>
                  <th scope="col" className="px-3 py-2">Status</th>
                  <th scope="col" className="px-3 py-2">Decision</th>
                </tr>
              </thead>
              <tbody>
                {d.redemptions.map((r) => (
                  <tr key={r.id} className="border-t border-ink/10 align-top">
                    <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-normal">
                      <a href={`/console/leads/${r.id}`} className="text-brand underline">
                        {when(r.createdAt)}
                      </a>
                    </th>
                    <td className="px-3 py-2">
                      {rewardLabel(r.reward)}
                      {r.details && <p className="mt-1 max-w-64 whitespace-pre-wrap break-words text-xs text-ink/80">{r.details}</p>}
                    </td>
                    <td className="px-3 py-2 text-right font-semibold">{r.points === null ? "—" : num(r.points)}</td>
                    <td className="px-3 py-2">
                      <RedemptionStatus row={r} />
                    </td>
                    <td className="px-3 py-2">
                      <DecisionForm row={r} back={path} canDecide={canDecide} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="friends" className="mt-10">
        <h2 id="friends" className="text-lg font-semibold">
          Friends referred
        </h2>
        {d.friends.length === 0 ? (
          <p className="mt-2 text-ink/70">Nobody names this person as their referrer.</p>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-xl border border-ink/10 bg-white" role="region" aria-label="Friends referred" tabIndex={0}>
            <table className="w-full text-left text-sm">
              <thead className="bg-ink/5">
                <tr>
                  <th scope="col" className="px-3 py-2">Friend</th>
                  <th scope="col" className="px-3 py-2">Referred (UTC)</th>
                  <th scope="col" className="px-3 py-2">Status</th>
                  <th scope="col" className="px-3 py-2 text-right">Points earned</th>
                  <th scope="col" className="px-3 py-2">Their own leads</th>
                </tr>
              </thead>
              <tbody>
                {d.friends.map((f) => (
                  <tr key={f.id} className="border-t border-ink/10 align-top">
                    <th scope="row" className="px-3 py-2 text-left font-normal">
                      <span className="font-medium">{personLabel(f)}</span>
                      {f.name && f.email && <p className="text-xs text-ink/70">{f.email}</p>}
                    </th>
                    <td className="whitespace-nowrap px-3 py-2">{when(f.invitedAt)}</td>
                    <td className="px-3 py-2">
                      <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${FRIEND_STATUS[f.status].style}`}>{FRIEND_STATUS[f.status].label}</span>
                      {f.respondedAt && f.status !== "responded" && <p className="mt-1 text-xs">Responded {when(f.respondedAt)} UTC</p>}
                      {f.respondedAt && f.status === "responded" && <p className="mt-1 text-xs text-ink/70">{when(f.respondedAt)} UTC</p>}
                      {f.optedOut && (
                        <p className="mt-1 text-xs text-ink/70">
                          {SUPPRESSION_REASONS[f.optedOut.reason] ?? f.optedOut.reason}
                          {f.optedOut.at ? `, ${when(f.optedOut.at)} UTC` : ""}
                        </p>
                      )}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 text-right">
                      {num(f.points.confirmed)} confirmed
                      {f.points.pending ? <p className="text-xs text-ink/70">{num(f.points.pending)} pending</p> : null}
                    </td>
                    <td className="px-3 py-2">
                      {f.leads.length === 0 ? (
                        <span className="text-ink/70">None</span>
                      ) : (
                        <ul className="space-y-1">
                          {f.leads.map((l) => (
                            <li key={l.id}>
                              <a href={`/console/leads/${l.id}`} className="text-brand underline">
                                {formLabel(l.formType)}
                              </a>{" "}
                              <span className="text-xs text-ink/70">
                                {when(l.createdAt)} · {l.status}
                              </span>
                            </li>
                          ))}
                          {f.leadCount > f.leads.length && (
                            <li className="text-xs text-ink/70">and {num(f.leadCount - f.leads.length)} more</li>
                          )}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="ledger" className="mt-10">
        <h2 id="ledger" className="text-lg font-semibold">
          Points ledger
        </h2>
        <p className="mt-1 text-sm text-ink/70">Every movement, newest first. Rows are never changed or removed; balances are their sums.</p>
        {d.ledger.length === 0 ? (
          <p className="mt-2 text-ink/70">No points yet.</p>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-xl border border-ink/10 bg-white" role="region" aria-label="Points ledger" tabIndex={0}>
            <table className="w-full text-left text-sm">
              <thead className="bg-ink/5">
                <tr>
                  <th scope="col" className="px-3 py-2">Date (UTC)</th>
                  <th scope="col" className="px-3 py-2 text-right">Amount</th>
                  <th scope="col" className="px-3 py-2">Bucket</th>
                  <th scope="col" className="px-3 py-2">Reason</th>
                  <th scope="col" className="px-3 py-2">Friend</th>
                  <th scope="col" className="px-3 py-2">Lead</th>
                </tr>
              </thead>
              <tbody>
                {d.ledger.map((e) => (
                  <tr key={e.id} className="border-t border-ink/10 align-top">
                    <td className="whitespace-nowrap px-3 py-2">{when(e.createdAt)}</td>
                    <td className={`whitespace-nowrap px-3 py-2 text-right font-semibold ${e.amount < 0 ? "text-red-800" : ""}`}>
                      {e.amount > 0 ? `+${num(e.amount)}` : num(e.amount)}
                    </td>
                    <td className="px-3 py-2">{e.bucket}</td>
                    <td className="px-3 py-2">{REASONS[e.reason] ?? e.reason}</td>
                    <td className="px-3 py-2">{e.friend ? personLabel(e.friend) : "—"}</td>
                    <td className="px-3 py-2">
                      {e.lead ? (
                        <a href={`/console/leads/${e.lead.id}`} className="text-brand underline">
                          {formLabel(e.lead.formType)}
                        </a>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
