import { z } from "zod";
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { applyCodeOnStatusChange } from "../discounts/use";
import { settleFriendPoints } from "../referrals/confirm";
import { INVISIBLE_CHARS_MESSAGE, isCleanText, isSingleLine, SINGLE_LINE_MESSAGE } from "../text-checks";
import { LEAD_STATUSES, type LeadStatus } from "./inbox";
import { lostReasonByCode, lostReasonText } from "./lost-reasons";

/**
 * Working a lead: status changes along the pipeline, assignment and notes. Every change
 * appends a LeadActivity row (who, what, when); nothing is ever edited in place.
 */

export const STATUS_LABELS: Record<LeadStatus, string> = {
  new: "New",
  contacted: "Contacted",
  qualified: "Qualified",
  enrolled: "Enrolled",
  lost: "Lost",
};

export const LIMITS = { note: 5000, lostReason: 300 } as const;

/** A status and, for "lost", its reason: the fields every status change form has (the board's and the inbox's bulk bar). */
const statusChoice = {
  status: z.enum(LEAD_STATUSES, { error: "Choose a status." }),
  lostReason: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .string()
      .trim()
      .max(LIMITS.lostReason, `Keep the reason under ${LIMITS.lostReason} characters.`)
      .refine(isSingleLine, SINGLE_LINE_MESSAGE)
      .refine(isCleanText, INVISIBLE_CHARS_MESSAGE)
      .optional(),
  ),
};

const lostNeedsReason = (v: { status: LeadStatus; lostReason?: string }, ctx: z.RefinementCtx) => {
  if (v.status === "lost" && !v.lostReason) ctx.addIssue({ code: "custom", path: ["lostReason"], message: "Say why the lead was lost." });
};

export const statusChangeSchema = z.object({ leadId: z.string().trim().min(1).max(64), ...statusChoice }).superRefine(lostNeedsReason);

/** The inbox's bulk status change: the same rule, for many leads. */
export const bulkStatusSchema = z.object(statusChoice).superRefine(lostNeedsReason);

export const assignSchema = z.object({
  leadId: z.string().trim().min(1).max(64),
  /** A staff user id, or "" for nobody. */
  ownerId: z.string().trim().max(64),
});

export const noteSchema = z.object({
  leadId: z.string().trim().min(1).max(64),
  note: z.string({ error: "Write a note." }).trim().min(1, "Write a note.").max(LIMITS.note, `Keep notes under ${LIMITS.note} characters.`),
});

/**
 * `warning`: the change was made, but something staff should know (a discount code not applied).
 * `changed` (only from the *In functions): whether anything was written; the wrappers leave it out.
 */
export type PipelineResult = { ok: true; warning?: string; changed?: boolean } | { ok: false; error: string; field?: string };

/** What the *In steps did: `changed` false when the lead already had that value; `notFound` for an erased lead (a bulk change skips it). */
export type PipelineChange = { ok: true; changed: boolean; warning?: string } | { ok: false; error: string; field?: string; notFound?: true };

type Tx = Prisma.TransactionClient;

/** A wrapper's answer, as it has always been: without `changed`. */
function plain(result: PipelineChange): PipelineResult {
  if (!result.ok) return result.field ? { ok: false, error: result.error, field: result.field } : { ok: false, error: result.error };
  return result.warning ? { ok: true, warning: result.warning } : { ok: true };
}

const notFound = { ok: false, error: "That lead does not exist (it may have been erased).", notFound: true } as const;
const UNCHANGED = { ok: true, changed: false } as const;
const LOST_NEEDS_REASON: PipelineChange = { ok: false, error: "Say why the lead was lost.", field: "lostReason" };

export type StatusChange = {
  leadId: string;
  actorId: string;
  status: LeadStatus;
  /** Free text (older callers); the lost-reason code below is preferred. */
  lostReason?: string;
  /** A LostReason code (lib/console/lost-reasons.ts); the lead's text becomes its label and the note. */
  lostReasonCode?: string;
  /** Goes with the code. */
  lostNote?: string;
  now?: Date;
  /** Set when the change is one of a bulk change (lib/console/bulk.ts), so undo can find it. */
  bulkChangeId?: string;
};

/** Moves a lead to another status. The first move out of "new" records the first contact. */
export async function changeStatus(db: Db, a: StatusChange): Promise<PipelineResult> {
  if (a.status === "lost" && !a.lostReason?.trim() && !a.lostReasonCode?.trim()) return LOST_NEEDS_REASON;
  return plain(await db.$transaction((tx) => changeStatusIn(tx, a)));
}

/**
 * changeStatus inside a transaction the caller holds (the lead page's action panel, the inbox's
 * bulk change and its undo): one lead at a time, so the paths cannot differ.
 */
export async function changeStatusIn(tx: Tx, a: StatusChange): Promise<PipelineChange> {
  const now = a.now ?? new Date();
  const lead = await tx.lead.findUnique({
    where: { id: a.leadId },
    select: { status: true, firstContactedAt: true, contactId: true, lostReason: true, lostReasonCode: true },
  });
  if (!lead) return notFound;
  if (lead.status === a.status && a.status !== "lost") return UNCHANGED;
  let reasonText: string | null = null;
  let reasonCode: string | null = null;
  if (a.status === "lost") {
    const code = a.lostReasonCode?.trim();
    if (code) {
      const reason = await lostReasonByCode(tx, code);
      if (!reason) return { ok: false, error: "Choose a reason from the list.", field: "lostReason" };
      // A retired reason stays on the leads that have it, but is not given anew.
      if (!reason.active && !(lead.status === "lost" && lead.lostReasonCode === code))
        return { ok: false, error: "That reason has been retired. Choose another.", field: "lostReason" };
      reasonText = lostReasonText(reason.label, a.lostNote);
      reasonCode = reason.code;
    } else if (a.lostReason?.trim()) {
      reasonText = a.lostReason.trim();
    } else return LOST_NEEDS_REASON;
    if (lead.status === "lost" && lead.lostReasonCode === reasonCode && lead.lostReason === reasonText) return UNCHANGED;
  }
  await tx.lead.update({
    where: { id: a.leadId },
    data: {
      status: a.status,
      statusChangedAt: now,
      lostReason: reasonText,
      lostReasonCode: reasonCode,
      firstContactedAt: lead.firstContactedAt ?? (a.status !== "new" ? now : null),
    },
  });
  await tx.leadActivity.create({
    data: {
      leadId: a.leadId,
      actorId: a.actorId,
      type: "status",
      fromStatus: lead.status,
      toStatus: a.status,
      detail: reasonText,
      reasonCode,
      bulkChangeId: a.bulkChangeId ?? null,
      createdAt: now,
    },
  });
  // An enrolment may confirm the referrer's points for this person (lib/referrals/rules.ts).
  if (a.status === "enrolled") await settleFriendPoints(tx, lead.contactId, { at: now });
  // Enrolled spends the lead's single-use discount code; leaving enrolled frees it.
  const { warning } = await applyCodeOnStatusChange(tx, { leadId: a.leadId, actorId: a.actorId, from: lead.status, to: a.status, now });
  return warning ? { ok: true, warning, changed: true } : { ok: true, changed: true };
}

export type Assignment = { leadId: string; actorId: string; ownerId: string | null; now?: Date; bulkChangeId?: string };

/** The staff member a lead may be assigned to: active staff, or null (nobody); undefined when `ownerId` is not one. */
export async function assignableOwner(tx: Tx, ownerId: string | null): Promise<{ id: string; name: string } | null | undefined> {
  if (!ownerId) return null;
  const owner = await tx.user.findUnique({ where: { id: ownerId }, select: { id: true, name: true, banned: true } });
  return owner && !owner.banned ? { id: owner.id, name: owner.name } : undefined;
}

/** Assigns the lead to a staff member (or to nobody). */
export async function assignLead(db: Db, a: Assignment): Promise<PipelineResult> {
  return plain(await db.$transaction((tx) => assignLeadIn(tx, a)));
}

/** assignLead inside a transaction the caller holds. */
export async function assignLeadIn(tx: Tx, a: Assignment): Promise<PipelineChange> {
  const now = a.now ?? new Date();
  const lead = await tx.lead.findUnique({ where: { id: a.leadId }, select: { ownerId: true } });
  if (!lead) return notFound;
  const owner = await assignableOwner(tx, a.ownerId);
  if (owner === undefined) return { ok: false, error: "Choose an active staff member.", field: "ownerId" };
  if (lead.ownerId === (owner?.id ?? null)) return UNCHANGED;
  await tx.lead.update({ where: { id: a.leadId }, data: { ownerId: owner?.id ?? null } });
  await tx.leadActivity.create({
    data: {
      leadId: a.leadId,
      actorId: a.actorId,
      type: "assign",
      detail: owner ? owner.name : "Unassigned",
      bulkChangeId: a.bulkChangeId ?? null,
      createdAt: now,
    },
  });
  return { ok: true, changed: true };
}

export type NoteInput = { leadId: string; actorId: string; note: string; now?: Date };

export async function addNote(db: Db, a: NoteInput): Promise<PipelineResult> {
  const invalid = noteProblem(a.note);
  if (invalid) return invalid;
  return plain(await db.$transaction((tx) => addNoteIn(tx, a)));
}

function noteProblem(raw: string): Extract<PipelineChange, { ok: false }> | null {
  const note = raw.trim();
  if (!note) return { ok: false, error: "Write a note.", field: "note" };
  if (note.length > LIMITS.note) return { ok: false, error: `Keep notes under ${LIMITS.note} characters.`, field: "note" };
  return null;
}

/** addNote inside a transaction the caller holds. */
export async function addNoteIn(tx: Tx, a: NoteInput): Promise<PipelineChange> {
  const invalid = noteProblem(a.note);
  if (invalid) return invalid;
  if (!(await tx.lead.findUnique({ where: { id: a.leadId }, select: { id: true } }))) return notFound;
  await tx.leadActivity.create({ data: { leadId: a.leadId, actorId: a.actorId, type: "note", detail: a.note.trim(), createdAt: a.now ?? new Date() } });
  return { ok: true, changed: true };
}

/** Everything the lead page shows: the lead, its contact's other leads, emails and the activity trail. */
export async function leadDetail(db: Db, leadId: string) {
  const lead = await db.lead.findUnique({
    where: { id: leadId },
    include: { owner: { select: { id: true, name: true } }, decidedBy: { select: { name: true } }, contact: true },
  });
  if (!lead) return null;
  const [leads, emails, activities, cohort, program] = await Promise.all([
    db.lead.findMany({
      where: { contactId: lead.contactId },
      orderBy: { createdAt: "desc" },
      take: 200,
      select: { id: true, formType: true, status: true, createdAt: true },
    }),
    db.emailMessage.findMany({
      where: { OR: [{ contactId: lead.contactId }, { lead: { contactId: lead.contactId } }] },
      orderBy: { createdAt: "desc" },
      take: 200,
      select: {
        id: true,
        toAddress: true,
        template: true,
        status: true,
        subject: true,
        createdAt: true,
        sentAt: true,
        deliveredAt: true,
        lastError: true,
        leadId: true,
      },
    }),
    db.leadActivity.findMany({
      where: { lead: { contactId: lead.contactId } },
      orderBy: { createdAt: "desc" },
      take: 500,
      include: { actor: { select: { name: true } } },
    }),
    lead.cohortId ? db.cohort.findUnique({ where: { id: lead.cohortId }, select: { name: true, startDate: true } }) : null,
    lead.programSlug ? db.program.findUnique({ where: { slug: lead.programSlug }, select: { name: true } }) : null,
  ]);
  // Which activities were one lead's part of an inbox bulk change, or of its undo (lib/console/bulk.ts).
  const bulkIds = [...new Set(activities.flatMap((a) => (a.bulkChangeId ? [a.bulkChangeId] : [])))];
  const bulkRows = bulkIds.length ? await db.bulkChange.findMany({ where: { id: { in: bulkIds } }, select: { id: true, kind: true } }) : [];
  const bulk = new Map(bulkRows.map((b) => [b.id, b.kind === "undo" ? ("undo" as const) : ("change" as const)]));
  return { lead, leads, emails, activities, cohort, program, bulk };
}

export type TimelineItem =
  | { kind: "lead"; at: Date; id: string; formType: string; status: string }
  | { kind: "email"; at: Date; id: string; template: string; status: string; subject: string | null; to: string }
  | {
      kind: "activity";
      at: Date;
      id: string;
      leadId: string;
      type: string;
      actor: string | null;
      fromStatus: string | null;
      toStatus: string | null;
      detail: string | null;
      /** Part of an inbox bulk change, or of its undo. */
      bulk?: "change" | "undo";
    };

/** One time-ordered list (newest first) of the contact's leads, emails and the changes made to their leads. */
export function timeline(d: NonNullable<Awaited<ReturnType<typeof leadDetail>>>): TimelineItem[] {
  const items: TimelineItem[] = [
    ...d.leads.map((l) => ({ kind: "lead" as const, at: l.createdAt, id: l.id, formType: l.formType, status: l.status })),
    ...d.emails.map((e) => ({
      kind: "email" as const,
      at: e.createdAt,
      id: e.id,
      template: e.template,
      status: e.status,
      subject: e.subject,
      to: e.toAddress,
    })),
    ...d.activities.map((a) => ({
      kind: "activity" as const,
      at: a.createdAt,
      id: a.id,
      leadId: a.leadId,
      type: a.type,
      actor: a.actor?.name ?? null,
      fromStatus: a.fromStatus,
      toStatus: a.toStatus,
      detail: a.detail,
      ...(a.bulkChangeId && d.bulk.has(a.bulkChangeId) ? { bulk: d.bulk.get(a.bulkChangeId) } : {}),
    })),
  ];
  return items.sort((x, y) => y.at.getTime() - x.at.getTime());
}

/** Active staff, for the assignment list and the owner filter. */
export function listStaff(db: Db) {
  return db.user.findMany({ where: { OR: [{ banned: false }, { banned: null }] }, orderBy: { name: "asc" }, select: { id: true, name: true, role: true } });
}
