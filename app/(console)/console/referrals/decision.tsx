import { formatCount, formatWhen } from "@/components/console/format";
import { Badge } from "@/components/console/page-parts";
import { param, type SearchParams } from "@/components/console/search-params";
import type { Column } from "@/components/console/table";
import { DECIDE_MESSAGES, NOTE_MAX, type DecideError, type RedemptionRow } from "@/lib/console/referrals";
import { OPTION_LABELS } from "@/lib/leads/schemas";
import { decideRedemptionAction } from "./actions";

/** Shared by the referral pages: labels, the decision form and its result. */

export const rewardLabel = (reward: string | null) =>
  reward ? (OPTION_LABELS.reward[reward as keyof typeof OPTION_LABELS.reward] ?? reward) : "—";

export const personLabel = (c: { name: string | null; email: string | null }) => c.name || c.email || "(no name)";

const STATUS_TONE = { pending: "amber", approved: "emerald", rejected: "stone" } as const;

export function RedemptionStatus({ row }: { row: RedemptionRow }) {
  return (
    <>
      <Badge tone={STATUS_TONE[row.status]}>{row.status}</Badge>
      {row.status !== "pending" && (
        <p className="mt-1 text-xs text-ink/70">
          {formatWhen(row.decidedAt)} UTC{row.decidedBy ? ` by ${row.decidedBy.name}` : ""}
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
      <div>
        <label htmlFor={`note-${row.id}`} className="block text-xs font-semibold">
          Note<span className="sr-only"> on the request for {what}</span> (optional)
        </label>
        <input
          id={`note-${row.id}`}
          name="note"
          type="text"
          maxLength={NOTE_MAX}
          aria-describedby={`note-hint-${row.id}`}
          className="mt-1 block min-h-10 w-full rounded-lg border border-ink/30 bg-white px-2 text-sm"
        />
        <p id={`note-hint-${row.id}`} className="mt-1 text-xs text-ink/70">
          On a rejection it is emailed to the requester as the reason; on an approval it stays internal.
        </p>
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

/**
 * The columns of a table of redemption requests. The list of all requests also names the
 * requester (the row's heading) and their confirmed balance now; on a referrer's own page
 * the request date heads the row.
 */
export function redemptionColumns({ back, canDecide, everyone }: { back: string; canDecide: boolean; everyone: boolean }): Column<RedemptionRow>[] {
  return [
    {
      header: "Requested (UTC)",
      rowHeader: !everyone,
      className: everyone ? "whitespace-nowrap" : "whitespace-nowrap font-normal",
      cell: (r) => (
        <a href={`/console/leads/${r.id}`} className="text-brand underline">
          {formatWhen(r.createdAt)}
        </a>
      ),
    },
    ...(everyone
      ? [
          {
            header: "Requester",
            rowHeader: true,
            className: "font-normal",
            cell: (r: RedemptionRow) => (
              <>
                <a href={`/console/referrals/${r.contact.id}`} className="font-medium text-brand underline">
                  {personLabel(r.contact)}
                </a>
                {r.contact.name && r.contact.email && <p className="text-xs text-ink/70">{r.contact.email}</p>}
              </>
            ),
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
export function DecisionFlash({ params, rows }: { params: SearchParams; rows: RedemptionRow[] }) {
  const decided = param(params, "decided");
  const error = param(params, "error");
  if (!decided && !error) return null;
  const row = rows.find((r) => r.id === param(params, "lead"));
  const about = row ? ` (${personLabel(row.contact)}, requested ${formatWhen(row.createdAt)} UTC)` : "";
  if (decided === "approved" || decided === "rejected") {
    const points = Number(param(params, "points"));
    const balance = Number(param(params, "balance"));
    return (
      <p id="decision-result" role="status" tabIndex={-1} className="mt-4 rounded-lg bg-brand-soft px-4 py-3">
        {decided === "approved"
          ? `Request approved${about}: ${Number.isFinite(points) ? formatCount(points) : "the"} points deducted. Confirmed balance now ${Number.isFinite(balance) ? formatCount(balance) : "updated"}.`
          : `Request rejected${about}. No points were deducted.`}
      </p>
    );
  }
  let message = ACTION_ERRORS[error as DecideError] ?? "That did not work. Nothing was decided.";
  if (error === "insufficient_points") {
    const have = param(params, "have");
    const asked = param(params, "asked");
    message = `Not approved${about}: it would take the confirmed balance below zero${have && asked ? ` (${formatCount(Number(have))} confirmed, ${formatCount(Number(asked))} requested)` : ""}.`;
  } else if (row) {
    message = `${message}${about ? ` ${about.trim()}` : ""}`;
  }
  return (
    <div id="decision-result" role="alert" tabIndex={-1} className="mt-4 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-red-900">
      {message}
    </div>
  );
}
