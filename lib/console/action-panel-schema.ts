import { z } from "zod";
import { INVISIBLE_CHARS_MESSAGE, isCleanText, isSingleLine, SINGLE_LINE_MESSAGE } from "../text-checks";
import type { LeadStatus } from "./inbox";
import { TASK_KINDS } from "./tasks";

/**
 * The lead page's action panel: status (with a lost-reason code and note when Lost), owner,
 * a next task and a note, saved by one button. This one schema is used by the browser (before
 * posting, with JavaScript) and by the server (always). It imports nothing that touches the
 * database, so the client bundle can carry it.
 */

/** The pipeline's statuses (lib/console/inbox.ts LEAD_STATUSES; a unit test keeps the two equal without pulling the inbox into the browser). */
export const PANEL_STATUSES = ["new", "contacted", "qualified", "enrolled", "lost"] as const satisfies readonly LeadStatus[];

export const PANEL_LIMITS = { note: 5000, lostNote: 200, taskTitle: 200, id: 64 } as const;

/** The panel's fields, as the form names them (and as fieldErrors are keyed). */
export const PANEL_FIELDS = ["status", "lostReasonCode", "lostNote", "ownerId", "taskKind", "taskDue", "taskOwnerId", "taskTitle", "note"] as const;
export type PanelField = (typeof PANEL_FIELDS)[number];

/**
 * Hidden fields: the status and owner the page showed when it was drawn ("none" for nobody).
 * A save changes the status or the owner only where the user changed the select, so saving a
 * note never puts back a status or owner someone else set meanwhile.
 */
export const SHOWN_FIELDS = ["shownStatus", "shownOwnerId"] as const;
export const NO_OWNER_SHOWN = "none";

/** Posted text: anything that is not a string counts as empty. */
const str = (v: unknown) => (typeof v === "string" ? v : "");
const id = z.preprocess(str, z.string().trim().max(PANEL_LIMITS.id, "Choose from the list."));
const line = (max: number, what: string) =>
  z.preprocess(
    str,
    z.string().trim().max(max, `Keep ${what} under ${max} characters.`).refine(isSingleLine, SINGLE_LINE_MESSAGE).refine(isCleanText, INVISIBLE_CHARS_MESSAGE),
  );

/** "2026-12-08T09:00", as a datetime-local input sends it (seconds allowed and dropped). */
const LOCAL_DUE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

export const MESSAGES = {
  lostNeedsReason: "Choose why the lead was lost.",
  lostNoteWithoutLost: "A reason's note goes with Lost: choose Lost, or clear the note.",
  taskKind: "Choose call, email or follow-up.",
  taskNeedsKind: "Choose call, email or follow-up for this task, or clear its fields.",
  taskDue: "Choose a due date and time.",
  taskOwner: "Choose who does it.",
} as const;

export const actionPanelSchema = z
  .object({
    leadId: z.preprocess(str, z.string().trim().min(1).max(PANEL_LIMITS.id)),
    status: z.preprocess(str, z.enum(PANEL_STATUSES, { error: "Choose a status." })),
    lostReasonCode: id,
    lostNote: line(PANEL_LIMITS.lostNote, "the reason's note"),
    /** A staff user id, or "" for nobody. */
    ownerId: id,
    /** "" for no new task. */
    taskKind: z.preprocess(str, z.union([z.literal(""), z.enum(TASK_KINDS)], { error: MESSAGES.taskKind })),
    taskDue: z.preprocess(str, z.string().trim().max(40)),
    taskOwnerId: id,
    taskTitle: line(PANEL_LIMITS.taskTitle, "the task's note"),
    note: z.preprocess(str, z.string().trim().max(PANEL_LIMITS.note, `Keep notes under ${PANEL_LIMITS.note} characters.`)),
    /** What the page showed; "" when the post does not say (then the stored values are compared). */
    shownStatus: z.preprocess(str, z.union([z.literal(""), z.enum(PANEL_STATUSES)])).catch(""),
    shownOwnerId: z.preprocess(str, z.string().trim().max(PANEL_LIMITS.id)).catch(""),
  })
  .superRefine((v, ctx) => {
    const issue = (path: PanelField, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (v.status === "lost" && !v.lostReasonCode) issue("lostReasonCode", MESSAGES.lostNeedsReason);
    if (v.status !== "lost" && v.lostNote) issue("lostNote", MESSAGES.lostNoteWithoutLost);
    if (v.taskKind) {
      if (!LOCAL_DUE.test(v.taskDue)) issue("taskDue", MESSAGES.taskDue);
      if (!v.taskOwnerId) issue("taskOwnerId", MESSAGES.taskOwner);
    } else if (v.taskTitle) issue("taskKind", MESSAGES.taskNeedsKind);
  });

export type ActionPanelInput = z.infer<typeof actionPanelSchema>;

/** The field each problem belongs to (the first problem per field wins), in the form's order. */
export function panelFieldErrors(error: z.ZodError): Partial<Record<PanelField | "form", string>> {
  const out: Partial<Record<PanelField | "form", string>> = {};
  for (const issue of error.issues) {
    const key = (PANEL_FIELDS as readonly string[]).includes(String(issue.path[0])) ? (issue.path[0] as PanelField) : "form";
    out[key] ??= issue.message;
  }
  return out;
}

/** The first field (in the form's order) that has an error: focus goes there. */
export function firstErrorField(fieldErrors: Partial<Record<string, string>>): PanelField | undefined {
  return PANEL_FIELDS.find((f) => fieldErrors[f]);
}

/** What the lead is now, as far as the panel is concerned. */
export type PanelCurrent = { status: string; ownerId: string | null; lostReasonCode: string | null };

/** The parts of a valid post that change something; a part left as the lead already is makes no change (and no timeline entry). */
export type PanelChanges = {
  status?: { status: (typeof PANEL_STATUSES)[number]; lostReasonCode?: string; lostNote?: string };
  owner?: { ownerId: string | null };
  task?: { kind: (typeof TASK_KINDS)[number]; due: string; ownerId: string; title?: string };
  note?: { note: string };
};

export function panelChanges(current: PanelCurrent, input: ActionPanelInput): PanelChanges {
  const out: PanelChanges = {};
  if (input.status === "lost") {
    if (current.status !== "lost" || current.lostReasonCode !== input.lostReasonCode || input.lostNote)
      out.status = { status: "lost", lostReasonCode: input.lostReasonCode, lostNote: input.lostNote || undefined };
  } else if (input.status !== current.status && input.status !== input.shownStatus) out.status = { status: input.status };
  const shownOwner = input.shownOwnerId ? (input.shownOwnerId === NO_OWNER_SHOWN ? null : input.shownOwnerId) : undefined;
  const owner = input.ownerId || null;
  if (owner !== current.ownerId && owner !== shownOwner) out.owner = { ownerId: owner };
  if (input.taskKind) out.task = { kind: input.taskKind, due: input.taskDue, ownerId: input.taskOwnerId, title: input.taskTitle || undefined };
  if (input.note) out.note = { note: input.note };
  return out;
}

/** A form post (or the browser's FormData) as the schema's raw input. */
export function panelPost(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = { leadId: formData.get("leadId") };
  for (const f of [...PANEL_FIELDS, ...SHOWN_FIELDS]) out[f] = formData.get(f);
  return out;
}
