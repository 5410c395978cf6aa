import type { Metadata } from "next";
import { PipelineBoard, type BoardCardData, type CardError } from "@/components/console/board";
import { FilterClear, FilterForm, FilterSelect, FilterSubmit, OwnerFilterSelect } from "@/components/console/filters";
import { formatCount, formLabel } from "@/components/console/format";
import { Age } from "@/components/console/lead-bits";
import { Notice } from "@/components/console/page-parts";
import { requireStaffPage } from "@/app/(console)/auth";
import { consoleClock } from "@/app/(console)/time-zone";
import { can } from "@/lib/auth/roles";
import { boardQuery, CODE_NOT_APPLIED, inboxHref, loadBoard, MOVE_ERRORS, parseBoardFeedback, parseBoardFilters } from "@/lib/console/board";
import { LEAD_STATUSES } from "@/lib/console/inbox";
import { leadName } from "@/lib/console/lead-display";
import { leadHref } from "@/lib/console/lead-neighbours";
import { listStaff, STATUS_LABELS } from "@/lib/console/pipeline";
import { listProgramsForForms } from "@/lib/content/programs";
import { db } from "@/lib/db";
import type { SearchParams } from "@/lib/query-param";
import { moveCardAction } from "./actions";

export const metadata: Metadata = { title: "Pipeline board" };

export default async function BoardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const filters = parseBoardFilters(params);
  const query = boardQuery(filters);
  const staff = await requireStaffPage("leads:read", `/console/board${query ? `?${query}` : ""}`);
  const clock = await consoleClock();
  const [columns, staffList, programs] = await Promise.all([loadBoard(db(), filters, { me: staff.id }), listStaff(db()), listProgramsForForms(db())]);
  const programName = new Map(programs.map((p) => [p.slug, p.name]));
  const feedback = parseBoardFeedback(params);
  const now = new Date();

  const cards: BoardCardData[] = columns.flatMap((col) =>
    col.cards.map((l) => ({
      id: l.id,
      status: col.status,
      name: leadName(l),
      createdAt: l.createdAt.toISOString(),
      body: (
        <>
          <a href={leadHref(l.id, {})} className="font-medium text-brand underline">
            {leadName(l)}
          </a>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 text-xs text-ink/80">
            <dt className="sr-only">Form</dt>
            <dd className="col-span-2">{formLabel(l.formType)}</dd>
            <dt>Program</dt>
            <dd className="min-w-0 break-words">{l.programSlug ? (programName.get(l.programSlug) ?? l.programSlug) : "—"}</dd>
            <dt>Owner</dt>
            <dd>{l.owner?.name ?? "Unassigned"}</dd>
            <dt>Received</dt>
            <dd>
              <Age at={l.createdAt} now={now} formatDateTime={clock.formatDateTime} />
            </dd>
          </dl>
        </>
      ),
    })),
  );
  const movedName = feedback?.kind === "moved" ? cards.find((c) => c.id === feedback.leadId)?.name : undefined;
  const errorCard = feedback?.kind === "error" && feedback.leadId ? cards.find((c) => c.id === feedback.leadId) : undefined;
  const cardError: CardError | undefined =
    feedback?.kind === "error" && errorCard
      ? {
          leadId: errorCard.id,
          message: MOVE_ERRORS[feedback.error],
          field: feedback.error === "reason" || feedback.error === "reason-invalid" ? "lostReason" : undefined,
          tried: feedback.tried,
          reason: feedback.reason,
        }
      : undefined;

  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-bold tracking-tight">Pipeline board</h1>
        <a href={`/console/leads${query ? `?${query}` : ""}`} className="text-sm font-semibold text-brand underline">
          These leads in the inbox
        </a>
      </div>
      <FilterForm action="/console/board" label="Filter the board" className="mt-4 flex flex-wrap items-end gap-3">
        <OwnerFilterSelect dense staff={staffList} defaultValue={filters.owner} />
        <FilterSelect dense id="program" label="Program" defaultValue={filters.program} options={programs.map((p) => ({ value: p.slug, label: p.name }))} />
        <FilterSubmit dense>Show</FilterSubmit>
        <FilterClear dense href="/console/board">
          Clear
        </FilterClear>
      </FilterForm>

      <div id="board-status">
        {feedback?.kind === "moved" && (
          <Notice tone={feedback.warning ? "warn" : "ok"} className="mt-4">
            Moved {movedName ?? "the lead"} to {STATUS_LABELS[feedback.status]}.{feedback.warning ? ` ${CODE_NOT_APPLIED}` : ""}
          </Notice>
        )}
        {feedback?.kind === "error" && (
          <Notice tone="error" className="mt-4">
            {errorCard ? `${errorCard.name} was not moved: ` : "Nothing was moved: "}
            {MOVE_ERRORS[feedback.error]}
          </Notice>
        )}
      </div>

      <PipelineBoard
        stages={LEAD_STATUSES.map((s) => ({ status: s, label: STATUS_LABELS[s] }))}
        columns={columns.map((col) => {
          const hidden = col.count - col.cards.length;
          return {
            status: col.status,
            heading: `${STATUS_LABELS[col.status]} (${col.capped ? `more than ${formatCount(col.count)}` : formatCount(col.count)})`,
            more:
              col.capped || hidden > 0
                ? { href: inboxHref(filters, col.status), text: col.capped ? "More in the inbox" : `${formatCount(hidden)} more in the inbox` }
                : undefined,
          };
        })}
        cards={cards}
        canMove={can(staff.role, "leads:work")}
        filters={filters}
        cardError={cardError}
        moveAction={moveCardAction}
      />
    </>
  );
}
