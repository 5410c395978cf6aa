import { DECIDE_MESSAGES, NOTE_MAX, type DecideError, type RedemptionRow } from "@/lib/console/referrals";
import { OPTION_LABELS } from "@/lib/leads/schemas";
import { decideRedemptionAction } from "./actions";

/** Shared by the referral pages: dates, labels, the decision form and its result. */

type SearchParams = Record<string, string | string[] | undefined>;
export const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim().slice(0, 300) || undefined;

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
export const when = (d: Date | null | undefined) => (d ? dateTime.format(d) : "—");
export const num = (n: number) => n.toLocaleString("en-US");

export const rewardLabel = (reward: string | null) =>
  reward ? (OPTION_LABELS.reward[reward as keyof typeof OPTION_LABELS.reward] ?? reward) : "—";

export const personLabel = (c: { name: string | null; email: string | null }) => c.name || c.email || "(no name)";

const STATUS_STYLE = {
  pending: "bg-amber-100 text-amber-900",
  approved: "bg-emerald-100 text-emerald-900",
  rejected: "bg-stone-200 text-stone-900",
} as const;

export function RedemptionStatus({ row }: { row: RedemptionRow }) {
  return (
    <>
      <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[row.status]}`}>{row.status}</span>
      {row.status !== "pending" && (
        <p className="mt-1 text-xs text-ink/70">
          {when(row.decidedAt)} UTC{row.decidedBy ? ` by ${row.decidedBy.name}` : ""}
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
  const what = `${row.points === null ? "an unknown number of" : num(row.points)} points from ${who}`;
  const why =
    row.points === null
      ? "The request does not say how many points; it can only be rejected."
      : !row.canApprove
        ? `Confirmed balance ${num(row.confirmedBalance)} is less than the ${num(row.points)} requested.`
        : null;
  return (
    <form action={decideRedemptionAction} className="min-w-56 space-y-2">
      <input type="hidden" name="leadId" value={row.id} />
      <input type="hidden" name="back" value={back} />
      <div>
        <label htmlFor={`note-${row.id}`} className="block text-xs font-semibold">
          Note<span className="sr-only"> on the request for {what}</span> (optional)
        </label>
        <input
          id={`note-${row.id}`}
          name="note"
          type="text"
          maxLength={NOTE_MAX}
          className="mt-1 block min-h-10 w-full rounded-lg border border-ink/30 bg-white px-2 text-sm"
        />
      </div>
      {why && (
        <p id={`why-${row.id}`} className="text-xs text-red-800">
          {why}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          name="decision"
          value="approved"
          disabled={!row.canApprove}
          aria-describedby={why ? `why-${row.id}` : undefined}
          className="min-h-10 rounded-full bg-brand px-4 text-sm font-semibold text-white disabled:cursor-not-allowed disabled:opacity-50"
        >
          Approve<span className="sr-only"> {what}</span>
        </button>
        <button type="submit" name="decision" value="rejected" className="min-h-10 rounded-full px-4 text-sm font-semibold ring-1 ring-ink/30 hover:bg-ink/5">
          Reject<span className="sr-only"> {what}</span>
        </button>
      </div>
    </form>
  );
}

const ACTION_ERRORS: Record<string, string> = {
  ...DECIDE_MESSAGES,
  forbidden: "Your role does not allow deciding redemption requests.",
  note_too_long: `Keep the note under ${NOTE_MAX} characters. Nothing was decided.`,
  invalid: "Choose approve or reject. Nothing was decided.",
};

/** What the last decision did, after the redirect back here. */
export function DecisionFlash({ params, rows }: { params: SearchParams; rows: RedemptionRow[] }) {
  const decided = one(params.decided);
  const error = one(params.error);
  if (!decided && !error) return null;
  const row = rows.find((r) => r.id === one(params.lead));
  const about = row ? ` (${personLabel(row.contact)}, requested ${when(row.createdAt)} UTC)` : "";
  if (decided === "approved" || decided === "rejected") {
    const points = Number(one(params.points));
    const balance = Number(one(params.balance));
    return (
      <p id="decision-result" role="status" tabIndex={-1} className="mt-4 rounded-lg bg-brand-soft px-4 py-3">
        {decided === "approved"
          ? `Request approved${about}: ${Number.isFinite(points) ? num(points) : "the"} points deducted. Confirmed balance now ${Number.isFinite(balance) ? num(balance) : "updated"}.`
          : `Request rejected${about}. No points were deducted.`}
      </p>
    );
  }
  let message = ACTION_ERRORS[error as DecideError] ?? "That did not work. Nothing was decided.";
  if (error === "insufficient_points") {
    const have = one(params.have);
    const asked = one(params.asked);
    message = `Not approved${about}: it would take the confirmed balance below zero${have && asked ? ` (${num(Number(have))} confirmed, ${num(Number(asked))} requested)` : ""}.`;
  } else if (row) {
    message = `${message}${about ? ` ${about.trim()}` : ""}`;
  }
  return (
    <div id="decision-result" role="alert" tabIndex={-1} className="mt-4 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-red-900">
      {message}
    </div>
  );
}
