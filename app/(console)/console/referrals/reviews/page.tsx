import type { Metadata } from "next";
import { StatusFilter } from "@/components/console/filters";
import { formLabel } from "@/components/console/format";
import { When } from "@/components/console/when";
import { BackLink, Badge, Notice } from "@/components/console/page-parts";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { ConsoleTable } from "@/components/console/table";
import { requireStaffPage } from "@/app/(console)/auth";
import { can } from "@/lib/auth/roles";
import { listReferralReviews, REVIEW_NOTE_MAX, REVIEW_STATUSES, type ReviewRow } from "@/lib/console/referral-reviews";
import { db } from "@/lib/db";
import { decideReviewAction } from "../actions";
import { DECISION_STATUS_LABELS, DECISION_TONE, DecisionButtons, NoteField, PersonCell, personLabel } from "../decision";

export const metadata: Metadata = { title: "Referrals held for review" };

const MESSAGES: Record<string, string> = {
  forbidden: "Your role does not allow deciding referrals.",
  not_found: "That review does not exist.",
  already_decided: "Someone already decided that referral.",
  note_too_long: `Keep the note under ${REVIEW_NOTE_MAX} characters. Nothing was decided.`,
  invalid: "Choose approve or reject. Nothing was decided.",
};

function ReviewForm({ row, canDecide }: { row: ReviewRow; canDecide: boolean }) {
  if (row.status !== "pending") {
    return (
      <p className="text-xs text-ink/70">
        <When at={row.decidedAt} />
        {row.decidedBy ? ` by ${row.decidedBy}` : ""}
        {row.note ? <span className="block whitespace-pre-wrap break-words">Note: {row.note}</span> : null}
      </p>
    );
  }
  if (!canDecide) return <p className="text-xs text-ink/70">Your role cannot decide referrals.</p>;
  const what = `the referral of ${personLabel(row.friend)} by ${personLabel(row.referrer)}`;
  return (
    <form action={decideReviewAction} className="min-w-56 space-y-2">
      <input type="hidden" name="reviewId" value={row.id} />
      <NoteField rowId={row.id} about={`on ${what}`} internal maxLength={REVIEW_NOTE_MAX} />
      <DecisionButtons what={what} />
    </form>
  );
}

export default async function ReferralReviewsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  // Pending by default; the filter's "All" posts an empty status.
  const status = queryParam(params, "status") === undefined ? "pending" : REVIEW_STATUSES.find((s) => s === queryParam(params, "status"));
  const staff = await requireStaffPage("leads:read", "/console/referrals/reviews");
  const canDecide = can(staff.role, "referrals:decide");
  const { rows, counts } = await listReferralReviews(db(), { status });
  const decided = queryParam(params, "decided");
  const error = queryParam(params, "error");

  return (
    <>
      <BackLink href="/console/referrals">← Referrers</BackLink>
      <h1 className="mt-3 text-2xl font-bold tracking-tight">Referrals held for review</h1>
      <p className="mt-2 max-w-3xl text-ink/80">
        The friend signed up from the referrer&apos;s own IP address or browser, close in time, so their points were not confirmed automatically. Approving
        confirms the points; rejecting reverses them with a ledger entry. Nothing was blocked: the friend&apos;s leads are in the inbox either way.
      </p>
      {decided ? (
        <Notice id="review-result" className="mt-4">
          {decided === "approved" ? "Referral approved: the points are confirmed." : "Referral rejected: the points were reversed."}
        </Notice>
      ) : error ? (
        <Notice id="review-result" tone="error" className="mt-4">
          {MESSAGES[error] ?? "That did not work. Nothing was decided."}
        </Notice>
      ) : null}

      <StatusFilter action="/console/referrals/reviews" label="Filter reviews" value={status} labels={DECISION_STATUS_LABELS} counts={counts} any="All" />

      <ConsoleTable
        className="mt-4"
        label="Referrals held for review"
        rows={rows}
        empty={status === "pending" ? "No referrals wait for review." : "No reviews."}
        columns={[
          { header: "Held", className: "whitespace-nowrap", cell: (r) => <When at={r.createdAt} /> },
          {
            header: "Friend",
            rowHeader: true,
            className: "font-normal",
            cell: (r) => (
              <>
                <PersonCell person={r.friend} />
                <ul className="mt-1 space-y-0.5 text-xs">
                  {r.friend.leads.map((l) => (
                    <li key={l.id}>
                      <a href={`/console/leads/${l.id}`} className="text-brand underline">
                        {formLabel(l.formType)}
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            ),
          },
          {
            header: "Referrer",
            cell: (r) => (
              <a href={`/console/referrals/${r.referrer.id}`} className="text-brand underline">
                {personLabel(r.referrer)}
              </a>
            ),
          },
          {
            header: "Why",
            cell: (r) => (
              <ul className="list-disc space-y-1 pl-4 text-sm">
                {r.reasons.map((x) => (
                  <li key={x.code}>{x.text}</li>
                ))}
              </ul>
            ),
          },
          { header: "Status", cell: (r) => <Badge tone={DECISION_TONE[r.status]}>{r.status}</Badge> },
          { header: "Decision", cell: (r) => <ReviewForm row={r} canDecide={canDecide} /> },
        ]}
      />
    </>
  );
}
