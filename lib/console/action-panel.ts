import type { Db } from "../db";
import { actionPanelSchema, panelChanges, panelFieldErrors, type PanelField } from "./action-panel-schema";
import { addNoteIn, assignLeadIn, changeStatusIn, type PipelineResult } from "./pipeline";
import { addTaskIn, type TaskResult } from "./tasks";

/**
 * Saves the lead page's action panel: every change it holds (status, owner, next task, note)
 * in ONE transaction, each as its own timeline entry, through the same rules as the single
 * changes (changeStatusIn, assignLeadIn, addTaskIn, addNoteIn). If any part is refused,
 * nothing is written. Parts left as the lead already is write nothing.
 */

export type PanelOutcome = { ok: true; changed: number; warning?: string } | { ok: false; fieldErrors: Partial<Record<PanelField | "form", string>> };

/** A refused part: thrown inside the transaction so that everything before it rolls back. */
class Refused extends Error {
  constructor(
    readonly field: PanelField | "form",
    readonly reason: string,
  ) {
    super(reason);
  }
}

const TASK_FIELDS: Record<string, PanelField> = { kind: "taskKind", due: "taskDue", ownerId: "taskOwnerId", title: "taskTitle" };

function check(result: PipelineResult | TaskResult, field: (f: string | undefined) => PanelField | "form") {
  if (!result.ok) throw new Refused(field(result.field), result.error);
}

export async function saveActionPanel(db: Db, a: { raw: Record<string, unknown>; actorId: string; timeZone: string; now: Date }): Promise<PanelOutcome> {
  const parsed = actionPanelSchema.safeParse(a.raw);
  if (!parsed.success) return { ok: false, fieldErrors: panelFieldErrors(parsed.error) };
  const input = parsed.data;
  const { leadId } = input;
  // One instant per part, a millisecond apart, so the timeline lists them in the panel's order.
  const at = (i: number) => new Date(a.now.getTime() + i);
  try {
    return await db.$transaction(async (tx) => {
      const lead = await tx.lead.findUnique({ where: { id: leadId }, select: { status: true, ownerId: true, lostReasonCode: true } });
      if (!lead) throw new Refused("form", "That lead does not exist (it may have been erased).");
      const changes = panelChanges(lead, input);
      let changed = 0;
      let warning: string | undefined;
      if (changes.status) {
        const result = await changeStatusIn(tx, { leadId, actorId: a.actorId, ...changes.status, now: at(0) });
        check(result, (f) => (f === "lostReason" ? "lostReasonCode" : "status"));
        if (result.ok && result.changed !== false) changed++;
        if (result.ok) warning = result.warning;
      }
      if (changes.owner) {
        const result = await assignLeadIn(tx, { leadId, actorId: a.actorId, ownerId: changes.owner.ownerId, now: at(1) });
        check(result, () => "ownerId");
        if (result.ok && result.changed !== false) changed++;
      }
      if (changes.task) {
        const result = await addTaskIn(tx, { leadId, actorId: a.actorId, ...changes.task, timeZone: a.timeZone, now: at(2) });
        check(result, (f) => (f ? (TASK_FIELDS[f] ?? "form") : "form"));
        changed++;
      }
      if (changes.note) {
        check(await addNoteIn(tx, { leadId, actorId: a.actorId, note: changes.note.note, now: at(3) }), () => "note");
        changed++;
      }
      return warning ? { ok: true as const, changed, warning } : { ok: true as const, changed };
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, fieldErrors: { [error.field]: error.reason } };
    throw error;
  }
}
