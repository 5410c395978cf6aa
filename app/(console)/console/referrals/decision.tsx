import { formatCount } from "@/components/console/format";
import { When } from "@/components/console/when";
import { consoleClock } from "@/app/(console)/time-zone";
import { Badge, Notice } from "@/components/console/page-parts";
import { queryParam, type SearchParams } from "@/lib/query-param";
import type { Column } from "@/components/console/table";
import { DECIDE_MESSAGES, NOTE_MAX, type DecideError, type RedemptionRow } from "@/lib/console/referrals";
import { OPTION_LABELS } from "@/lib/leads/schemas";
import { decideRedemptionAction } from "./actions";

/** Shared by the referral pages: labels, the decision form and its result. */

export const rewardLabel = (reward: string | null) => (reward ? (OPTION_LABELS.reward[reward as keyof typeof OPTION_LABELS.reward] ?? reward) : "—");

type Person = { name: string | null; email: string | null };

export const personLabel = (c: Person) => c.name || c.email || "(no name)";

/** A person in a table cell: their name (a link to `href` if given), and their address under it when the name is shown. */
export function PersonCell({ person, href }: { person: Person; href?: string }) {
  return (
    <>
      {href ? (
        <a href={href} className="font-medium text-brand underline">
          {personLabel(person)}
        </a>
      ) : (
        <span className="font-medium">{personLabel(person)}</span>
      )}
      {person.name && person.email && <p className="text-xs text-ink/70">{person.email}</p>}
    </>
  );
}

/** Redemption requests and held referrals go through the same three states. */
export const DECISION_STATUS_LABELS = { pending: "Pending", approved: "Approved", rejected: "Rejected" } as const;
export const DECISION_TONE = { pending: "amber", approved: "emerald", rejected: "stone" } as const;

/** Approve and reject buttons; `what` completes their accessible names ("Approve 300 points from Ada"). */
export function DecisionButtons({
  what,
  approveBlockedBy,
}: {
  what: string;
  /** The id of the text saying why approving is impossible. */ approveBlockedBy?: string;
}) {
  return (
    <div className="flex flex-wrap gap-2">
      <button
        type="submit"
        name="decision"
        value="approved"
        disabled={approveBlockedBy !== undefined}
        aria-describedby={approveBlockedBy}
        className="min-h-10 rounded-full bg-brand px-4 text-sm font-semibold text-white disabled:cursor-not-allowed disabled:opacity-50"
      >
        Approve<span className="sr-only"> {what}</span>
      </button>
      <button type="submit" name="decision" value="rejected" className="min-h-10 rounded-full px-4 text-sm font-semibold ring-1 ring-ink/30 hover:bg-ink/5">
        Reject<span className="sr-only"> {what}</span>
      </button>
    </div>
  );
}

/**
 * The decision's optional note: its label (`about` completes it for screen readers: "Note on
 * the referral of …"), the input, and a hint under it if any. An `internal` note is never sent.
 */
export function NoteField({
  rowId,
  about,
  internal = false,
  maxLength,
  hint,
}: {
  rowId: string;
  about: string;
  internal?: boolean;
  maxLength: number;
  hint?: string;
}) {
  const hintId = hint ? `note-hint-${rowId}` : undefined;
  return (
    <div>
      <label htmlFor={`note-${rowId}`} className="block text-xs font-semibold">
        Note<span className="sr-only"> {about}</span> {internal ? "(optional, internal)" : "(optional)"}
      </label>
      <input
        id={`note-${rowId}`}
        name="note"
        type="text"
        maxLength={maxLength}
        aria-describedby={hintId}
        className="mt-1 block min-h-10 w-full rounded-lg border border-ink/30 bg-white px-2 text-sm"
      />
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-ink/70">
          {hint}
        </p>
      )}
    </div>
  );
}

export function RedemptionStatus({ row }: { row: RedemptionRow }) {
  return (
    <>
      <Badge tone={DECISION_TONE[row.status]}>{row.status}</Badge>
      {row.status !== "pending" && (
        <p className="mt-1 text-xs text-ink/70">
          <When at={row.decidedAt} />
          {row.decidedBy ? ` by ${row.decidedBy.name}` : ""}
        </p>
      )}
      {row.note && <p className="mt-1 whitespace-pre-wrap break-words text-xs">Note: {row.note}</p>}
    </>
  );
}

/** Approve / reject with an optional note; only for pending requests and staff who may decide. */
export function DecisionForm({ row, back, canDecide }: { row: RedemptionRow; back: string; canDecide: boolean }) {
  if (row.status !== "pending") return null;
  if (!canDecide) return <p className="text-xs text-ink/70">Your role cannot decide requests.</p>;
  const who = personLabel(row.contact);
  const what = `${row.points === null ? "an unknown number of" : formatCount(row.points)} points from ${who}`;
  const why =
    row.points === null
      ? "The request does not say how many points; it can only be rejected."
      : !row.canApprove
        ? `Confirmed balance ${formatCount(row.confirmedBalance)} is less than the ${formatCount(row.points)} requested.`
        : null;
  return (
    <form action={decideRedemptionAction} className="min-w-56 space-y-2">
      <input type="hidden" name="leadId" value={row.id} />
      <input type="hidden" name="back" value={back} />
      <NoteField
        rowId={row.id}
        about={`on the request for ${what}`}
        maxLength={NOTE_MAX}
        hint="On a rejection it is emailed to the requester as the reason; on an approval it stays internal."
      />
      {why && (
        <p id={`why-${row.id}`} className="text-xs text-red-800">
          {why}
        </p>
      )}
      <DecisionButtons what={what} approveBlockedBy={why ? `why-${row.id}` : undefined} />
    </form>
  );
}

/**
 * The columns of a table of redemption requests. The list of all requests also names the
 * requester (the row's heading) and their confirmed balance now; on a referrer's own page
 * the request date heads the row.
 */
export function redemptionColumns({ back, canDecide, everyone }: { back: string; canDecide: boolean; everyone: boolean }): Column<RedemptionRow>[] {
  return [
    {
      header: "Requested",
      rowHeader: !everyone,
      className: everyone ? "whitespace-nowrap" : "whitespace-nowrap font-normal",
      cell: (r) => (
        <a href={`/console/leads/${r.id}`} className="text-brand underline">
          <When at={r.createdAt} />
        </a>
      ),
    },
    ...(everyone
      ? [
          {
            header: "Requester",
            rowHeader: true,
            className: "font-normal",
            cell: (r: RedemptionRow) => <PersonCell person={r.contact} href={`/console/referrals/${r.contact.id}`} />,
          },
        ]
      : []),
    {
      header: "Reward",
      cell: (r) => (
        <>
          {rewardLabel(r.reward)}
          {r.details && <p className="mt-1 max-w-64 whitespace-pre-wrap break-words text-xs text-ink/80">{r.details}</p>}
        </>
      ),
    },
    { header: "Points requested", align: "right", className: "font-semibold", cell: (r) => (r.points === null ? "—" : formatCount(r.points)) },
    ...(everyone ? [{ header: "Confirmed balance now", align: "right" as const, cell: (r: RedemptionRow) => formatCount(r.confirmedBalance) }] : []),
    { header: "Status", cell: (r) => <RedemptionStatus row={r} /> },
    { header: "Decision", cell: (r) => <DecisionForm row={r} back={back} canDecide={canDecide} /> },
  ];
}

const ACTION_ERRORS: Record<string, string> = {
  ...DECIDE_MESSAGES,
  forbidden: "Your role does not allow deciding redemption requests.",
  note_too_long: `Keep the note under ${NOTE_MAX} characters. Nothing was decided.`,
  invalid: "Choose approve or reject. Nothing was decided.",
};

/** What the last decision did, after the redirect back here. */
export async function DecisionFlash({ params, rows }: { params: SearchParams; rows: RedemptionRow[] }) {
  const decided = queryParam(params, "decided");
  const error = queryParam(params, "error");
  if (!decided && !error) return null;
  const row = rows.find((r) => r.id === queryParam(params, "lead"));
  const about = row ? ` (${personLabel(row.contact)}, requested ${(await consoleClock()).formatDateTime(row.createdAt)})` : "";
  if (decided === "approved" || decided === "rejected") {
    const points = Number(queryParam(params, "points"));
    const balance = Number(queryParam(params, "balance"));
    return (
      <Notice id="decision-result" focusable className="mt-4">
        {decided === "approved"
          ? `Request approved${about}: ${Number.isFinite(points) ? formatCount(points) : "the"} points deducted. Confirmed balance now ${Number.isFinite(balance) ? formatCount(balance) : "updated"}.`
          : `Request rejected${about}. No points were deducted.`}
      </Notice>
    );
  }
  let message = ACTION_ERRORS[error as DecideError] ?? "That did not work. Nothing was decided.";
  if (error === "insufficient_points") {
    const have = queryParam(params, "have");
    const asked = queryParam(params, "asked");
    message = `Not approved${about}: it would take the confirmed balance below zero${have && asked ? ` (${formatCount(Number(have))} confirmed, ${formatCount(Number(asked))} requested)` : ""}.`;
  } else if (row) {
    message = `${message}${about ? ` ${about.trim()}` : ""}`;
  }
  return (
    <Notice id="decision-result" tone="error" focusable className="mt-4">
      {message}
    </Notice>
  );
}
