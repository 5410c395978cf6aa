import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Facts } from "@/components/console/facts";
import { formLabel, formatCount } from "@/components/console/format";
import { When } from "@/components/console/when";
import { BackLink, Badge, Section, type BadgeTone } from "@/components/console/page-parts";
import type { SearchParams } from "@/lib/query-param";
import { TableSection, type Column } from "@/components/console/table";
import { requireStaffPage } from "@/app/(console)/auth";
import { can } from "@/lib/auth/roles";
import { getReferrer, REVERSE_REASON_MAX, type FriendRow, type LedgerRow } from "@/lib/console/referrals";
import { REVERSE_MESSAGES } from "@/lib/referrals/points";
import { reverseAwardAction } from "../actions";
import { db } from "@/lib/db";
import { DecisionFlash, PersonCell, personLabel, redemptionColumns } from "../decision";

export const metadata: Metadata = { title: "Referrer" };

type Props = { params: Promise<{ contactId: string }>; searchParams: Promise<SearchParams> };

const REASONS: Record<string, string> = {
  referral: "Friend referred",
  referral_confirmed: "Friend confirmed",
  referral_reversed: "Reversed (refunded referral)",
  referral_rejected: "Rejected in review (reversed)",
  redemption: "Redeemed",
};

const SUPPRESSION_REASONS: Record<string, string> = {
  unsubscribe: "unsubscribed",
  complaint: "marked as spam",
  hard_bounce: "email bounced",
};

const FRIEND_STATUS = {
  invited: { label: "Invited, no response", tone: "amber" },
  responded: { label: "Responded", tone: "emerald" },
  opted_out: { label: "Opted out", tone: "stone" },
} as const satisfies Record<FriendRow["status"], { label: string; tone: BadgeTone }>;

const FRIEND_COLUMNS: Column<FriendRow>[] = [
  { header: "Friend", rowHeader: true, className: "font-normal", cell: (f) => <PersonCell person={f} /> },
  { header: "Referred", className: "whitespace-nowrap", cell: (f) => <When at={f.invitedAt} /> },
  {
    header: "Status",
    cell: (f) => (
      <>
        <Badge tone={FRIEND_STATUS[f.status].tone}>{FRIEND_STATUS[f.status].label}</Badge>
        {f.respondedAt && f.status !== "responded" && (
          <p className="mt-1 text-xs">
            Responded <When at={f.respondedAt} />
          </p>
        )}
        {f.respondedAt && f.status === "responded" && (
          <p className="mt-1 text-xs text-ink/70">
            <When at={f.respondedAt} />
          </p>
        )}
        {f.optedOut && (
          <p className="mt-1 text-xs text-ink/70">
            {SUPPRESSION_REASONS[f.optedOut.reason] ?? f.optedOut.reason}
            {f.optedOut.at ? (
              <>
                , <When at={f.optedOut.at} />
              </>
            ) : null}
          </p>
        )}
      </>
    ),
  },
  {
    header: "Points earned",
    align: "right",
    className: "whitespace-nowrap",
    cell: (f) => (
      <>
        {formatCount(f.points.confirmed)} confirmed
        {f.points.pending ? <p className="text-xs text-ink/70">{formatCount(f.points.pending)} pending</p> : null}
      </>
    ),
  },
  {
    header: "Their own leads",
    cell: (f) =>
      f.leads.length === 0 ? (
        <span className="text-ink/70">None</span>
      ) : (
        <ul className="space-y-1">
          {f.leads.map((l) => (
            <li key={l.id}>
              <a href={`/console/leads/${l.id}`} className="text-brand underline">
                {formLabel(l.formType)}
              </a>{" "}
              <span className="text-xs text-ink/70">
                <When at={l.createdAt} /> · {l.status}
              </span>
            </li>
          ))}
          {f.leadCount > f.leads.length && <li className="text-xs text-ink/70">and {formatCount(f.leadCount - f.leads.length)} more</li>}
        </ul>
      ),
  },
];

const REVERSE_FLASH: Record<string, string> = {
  done: "Points reversed. The reversal is a new ledger entry linked to the award.",
  reason_required: "Give a reason for the reversal: the referrer's record keeps it.",
  not_found: REVERSE_MESSAGES.not_found,
  not_an_award: REVERSE_MESSAGES.not_an_award,
  already_reversed: REVERSE_MESSAGES.already_reversed,
  already_spent: REVERSE_MESSAGES.already_spent,
  forbidden: "Your role cannot reverse points.",
};

function ReverseForm({ entry, back }: { entry: LedgerRow; back: string }) {
  const id = `reverse-${entry.id}`;
  return (
    <form action={reverseAwardAction} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="entryId" value={entry.id} />
      <input type="hidden" name="back" value={back} />
      <label htmlFor={id} className="text-sm">
        Reason
        <input id={id} name="reason" required maxLength={REVERSE_REASON_MAX} className="ml-1 rounded border border-ink/30 px-2 py-1" />
      </label>
      <button type="submit" className="rounded-full px-3 py-1 text-sm font-semibold text-red-800 ring-1 ring-red-800">
        Reverse
      </button>
    </form>
  );
}

const ledgerColumns = (canReverse: boolean, back: string): Column<LedgerRow>[] => [
  ...LEDGER_COLUMNS,
  {
    header: "Reversal",
    cell: (e) => (e.reversed ? "Reversed" : e.reversible && canReverse ? <ReverseForm entry={e} back={back} /> : "—"),
  },
];

const LEDGER_COLUMNS: Column<LedgerRow>[] = [
  { header: "Date", className: "whitespace-nowrap", cell: (e) => <When at={e.createdAt} /> },
  {
    header: "Amount",
    align: "right",
    className: (e) => (e.amount < 0 ? "whitespace-nowrap font-semibold text-red-800" : "whitespace-nowrap font-semibold"),
    cell: (e) => (e.amount > 0 ? `+${formatCount(e.amount)}` : formatCount(e.amount)),
  },
  { header: "Bucket", cell: (e) => e.bucket },
  { header: "Reason", cell: (e) => REASONS[e.reason] ?? e.reason },
  { header: "Friend", cell: (e) => (e.friend ? personLabel(e.friend) : "—") },
  {
    header: "Lead",
    cell: (e) =>
      e.lead ? (
        <a href={`/console/leads/${e.lead.id}`} className="text-brand underline">
          {formLabel(e.lead.formType)}
        </a>
      ) : (
        "—"
      ),
  },
];

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
      <BackLink href="/console/referrals">← Referrers</BackLink>
      <h1 className="mt-3 text-2xl font-bold tracking-tight">{personLabel(contact)}</h1>

      <DecisionFlash params={q} rows={d.redemptions} />

      <div className="mt-6 grid gap-6 md:grid-cols-2">
        <Section headingId="who" title="Contact" panel>
          <Facts
            className="mt-3"
            rows={[
              ["Name", contact.name],
              ["Email", contact.email],
              ["Phone", contact.phone],
              ["Referral code", <code key="code">{contact.referralCode}</code>],
              ["Contact since", <When key="since" at={contact.createdAt} />],
            ]}
          />
        </Section>
        <Section headingId="balance" title="Points balance" panel>
          <Facts
            className="mt-3"
            rows={[
              ["Confirmed (can be redeemed)", <strong key="c">{formatCount(balance.confirmed)}</strong>],
              ["Pending (until friends confirm)", formatCount(balance.pending)],
              ["Redeemed (spent on approved requests)", formatCount(balance.redeemed)],
              ["Reversed (rejected or refunded referrals)", formatCount(balance.reversed)],
              ["Friends referred", formatCount(d.friends.length)],
              ["Friends who responded", formatCount(d.friends.filter((f) => f.respondedAt).length)],
            ]}
          />
        </Section>
      </div>

      <TableSection
        headingId="redemptions"
        title="Redemption requests"
        rows={d.redemptions}
        noRows="No redemption requests."
        columns={redemptionColumns({ back: path, canDecide, everyone: false })}
      />
      <TableSection
        headingId="friends"
        title="Friends referred"
        rows={d.friends}
        noRows="Nobody names this person as their referrer."
        columns={FRIEND_COLUMNS}
      />
      <TableSection headingId="ledger" title="Points ledger" rows={d.ledger} noRows="No points yet." columns={ledgerColumns(canDecide, path)}>
        <p className="mt-1 text-sm text-ink/70">
          Every movement, newest first. Rows are never changed or removed; balances are their sums. Reversing a confirmed award (a refunded referral) adds a
          negative entry linked to it, once, and only while the referrer still has the points.
        </p>
        {typeof q.reverse === "string" && REVERSE_FLASH[q.reverse] ? (
          <p role={q.reverse === "done" ? "status" : "alert"} className="mt-2 rounded-xl bg-brand-soft/60 p-3">
            {REVERSE_FLASH[q.reverse]}
          </p>
        ) : null}
      </TableSection>
    </>
  );
}
