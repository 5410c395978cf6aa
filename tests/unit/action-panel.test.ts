/**
 * The lead page's action panel schema (shared by the browser and the server) and the rule
 * that a part left as the lead already is changes nothing.
 */
import { describe, expect, it } from "vitest";
import { actionPanelSchema, firstErrorField, PANEL_STATUSES, panelChanges, panelFieldErrors, type PanelCurrent } from "@/lib/console/action-panel-schema";
import { LEAD_STATUSES } from "@/lib/console/inbox";

/** A post with nothing to do: the lead's own status and owner, no task, no note. */
const post = (fields: Record<string, string> = {}) => ({
  leadId: "lead-1",
  status: "contacted",
  lostReasonCode: "",
  lostNote: "",
  ownerId: "user-1",
  taskKind: "",
  taskDue: "2026-12-09T09:00",
  taskOwnerId: "user-1",
  taskTitle: "",
  note: "",
  ...fields,
});

const errorsOf = (raw: Record<string, unknown>) => {
  const parsed = actionPanelSchema.safeParse(raw);
  return parsed.success ? {} : panelFieldErrors(parsed.error);
};

const parse = (fields: Record<string, string>) => actionPanelSchema.parse(post(fields));

const lead: PanelCurrent = { status: "contacted", ownerId: "user-1", lostReasonCode: null };

describe("the action panel's schema", () => {
  it("offers exactly the pipeline's statuses", () => {
    expect([...PANEL_STATUSES]).toEqual([...LEAD_STATUSES]);
  });

  it("refuses Lost without a reason code, next to the reason, and nothing else", () => {
    expect(errorsOf(post({ status: "lost", note: "Called twice", ownerId: "user-2" }))).toEqual({ lostReasonCode: "Choose why the lead was lost." });
  });

  it("takes Lost with a code, the note optional", () => {
    expect(errorsOf(post({ status: "lost", lostReasonCode: "price" }))).toEqual({});
    expect(errorsOf(post({ status: "lost", lostReasonCode: "price", lostNote: "Wants a payment plan" }))).toEqual({});
  });

  it("refuses a reason's note without Lost, so it is never dropped unseen", () => {
    expect(errorsOf(post({ lostNote: "Too dear" }))).toEqual({ lostNote: "A reason's note goes with Lost: choose Lost, or clear the note." });
  });

  it("needs a due time and an owner for a task, and a kind for a task's note", () => {
    expect(errorsOf(post({ taskKind: "call", taskDue: "", taskOwnerId: "" }))).toEqual({
      taskDue: "Choose a due date and time.",
      taskOwnerId: "Choose who does it.",
    });
    expect(errorsOf(post({ taskTitle: "Ask about funding" }))).toEqual({ taskKind: "Choose call, email or follow-up for this task, or clear its fields." });
    expect(errorsOf(post({ taskKind: "meeting" }))).toEqual({ taskKind: "Choose call, email or follow-up." });
  });

  it("reads anything that is not text as empty, and refuses an unknown status", () => {
    expect(errorsOf({ ...post(), note: 42, status: "won" })).toEqual({ status: "Choose a status." });
  });

  it("names the first field with an error in the form's order", () => {
    expect(firstErrorField({ note: "x", ownerId: "y", lostReasonCode: "z" })).toBe("lostReasonCode");
    expect(firstErrorField({})).toBeUndefined();
  });
});

describe("what a save changes", () => {
  it("changes nothing when every part is as the lead already is", () => {
    expect(panelChanges(lead, parse({}))).toEqual({});
  });

  it("changes only the parts that differ", () => {
    expect(panelChanges(lead, parse({ ownerId: "" }))).toEqual({ owner: { ownerId: null } });
    expect(panelChanges(lead, parse({ status: "qualified", note: "Keen" }))).toEqual({ status: { status: "qualified" }, note: { note: "Keen" } });
    expect(panelChanges(lead, parse({ taskKind: "email", taskTitle: "Send the syllabus" }))).toEqual({
      task: { kind: "email", due: "2026-12-09T09:00", ownerId: "user-1", title: "Send the syllabus" },
    });
  });

  it("keeps a status or owner someone else set after the page was drawn, unless the user changed that select", () => {
    // The page showed a new, unassigned lead; meanwhile someone moved it to contacted and took it.
    const meanwhile: PanelCurrent = { status: "contacted", ownerId: "user-2", lostReasonCode: null };
    const shown = { shownStatus: "new", shownOwnerId: "none" };
    expect(panelChanges(meanwhile, parse({ ...shown, status: "new", ownerId: "", note: "Left a voicemail" }))).toEqual({ note: { note: "Left a voicemail" } });
    // What the user did change still applies.
    expect(panelChanges(meanwhile, parse({ ...shown, status: "qualified", ownerId: "user-1" }))).toEqual({
      status: { status: "qualified" },
      owner: { ownerId: "user-1" },
    });
    // A post that does not say what it showed is compared with the lead as stored.
    expect(panelChanges(meanwhile, parse({ status: "new", ownerId: "" }))).toEqual({ status: { status: "new" }, owner: { ownerId: null } });
  });

  it("leaves a lost lead alone when its reason is chosen again without a note, and records a new reason or a note", () => {
    const lost: PanelCurrent = { status: "lost", ownerId: "user-1", lostReasonCode: "price" };
    expect(panelChanges(lost, parse({ status: "lost", lostReasonCode: "price" }))).toEqual({});
    expect(panelChanges(lost, parse({ status: "lost", lostReasonCode: "timing" }))).toEqual({ status: { status: "lost", lostReasonCode: "timing" } });
    expect(panelChanges(lost, parse({ status: "lost", lostReasonCode: "price", lostNote: "Still too dear" }))).toEqual({
      status: { status: "lost", lostReasonCode: "price", lostNote: "Still too dear" },
    });
  });
});
