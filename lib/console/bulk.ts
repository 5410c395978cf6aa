import type { Db } from "../db";
import type { Tx } from "../db/dialect";
import { COUNT_CAP, LEAD_STATUSES, type LeadStatus } from "./inbox";
import { assignableOwner, assignLeadIn, changeStatusIn, type PipelineChange } from "./pipeline";

/**
 * The inbox's bulk work (issue 19): one status or owner for many leads, in one transaction,
 * each lead's change through the same core as the lead page's (pipeline.ts), recorded on its
 * timeline as part of a BulkChange. The actor can undo a bulk change once, for
 * UNDO_WINDOW_MS; the undo reverts only the leads nobody has changed since. Read state per
 * staff member (LeadRead) and the "new since you last looked" mark (InboxMark) live here too.
 */

/** At most this many leads per request (a page holds 50; more means a tampered post). */
export const BULK_LIMIT = 500;
export const UNDO_WINDOW_MS = 10_000;
/**
 * A bulk change or undo is one transaction of a few queries per lead: 500 leads took 4 s on
 * SQLite and 6 s on PostgreSQL on a busy 2-core machine (a page holds 50), past Prisma's 5 s
 * default.
 */
const BULK_TRANSACTION = { maxWait: 10_000, timeout: 60_000 } as const;

/**
 * The lead ids a bulk form sent (its `id` checkboxes): trimmed, without blanks and repeats,
 * each at most 64 characters (longer cannot be an id and is dropped). More than BULK_LIMIT
 * is "many", none is "none" (lib/console/bulk-notice.ts has the words).
 */
export function bulkIds(values: readonly unknown[]): { ok: true; ids: string[] } | { ok: false; error: "many" | "none" } {
  const ids = [...new Set(values.filter((v): v is string => typeof v === "string").map((v) => v.trim()))].filter((v) => v && v.length <= 64);
  if (ids.length > BULK_LIMIT) return { ok: false, error: "many" };
  if (!ids.length) return { ok: false, error: "none" };
  return { ok: true, ids };
}

/** Whether a bulk change made at `createdAt` can still be undone at `now`. */
export function undoWindowOpen(createdAt: Date, now: Date): boolean {
  const age = now.getTime() - createdAt.getTime();
  return age >= 0 && age <= UNDO_WINDOW_MS;
}

/** When the undo closes (for the page's countdown; the server decides with undoWindowOpen). */
export const undoClosesAt = (createdAt: Date) => new Date(createdAt.getTime() + UNDO_WINDOW_MS);

/** One lead of a bulk change as it is now, for the undo. */
export type UndoCandidate = {
  leadId: string;
  /** False: the lead is gone or erased. */
  exists: boolean;
  /** The lead's value now: its status, or its owner's id ("" for nobody). */
  current: string;
  /** Someone changed the same thing on this lead after the bulk change (a later timeline row). */
  changedLater: boolean;
};

/**
 * Which leads an undo reverts: those still holding the value the bulk change set, with no
 * later change of the same kind. The others are skipped (someone has worked them since).
 */
export function undoPlan(set: string, candidates: readonly UndoCandidate[]): { revert: string[]; skip: string[] } {
  const revert: string[] = [];
  const skip: string[] = [];
  for (const c of candidates) (c.exists && !c.changedLater && c.current === set ? revert : skip).push(c.leadId);
  return { revert, skip };
}

export type BulkKind = "status" | "assign";

export type BulkResult =
  | {
      ok: true;
      /** The BulkChange to undo, when any lead changed. */
      bulkChangeId: string | null;
      changed: number;
      /** Already had that status or owner. */
      unchanged: number;
      /** Unknown or erased ids. */
      skipped: number;
      /** Leads whose change came with a warning (a discount code not applied; see their timeline). */
      warnings: number;
    }
  | { ok: false; error: string; field?: string };

type Input = { actorId: string; ids: readonly string[]; now?: Date };

/** Sets one status on many leads. "lost" needs a reason, as for one lead. */
export function bulkChangeStatus(db: Db, a: Input & { status: LeadStatus; lostReason?: string }): Promise<BulkResult> {
  if (a.status === "lost" && !a.lostReason?.trim()) return Promise.resolve({ ok: false, error: "Say why the lead was lost.", field: "lostReason" });
  return bulkChange(db, a, "status", a.status, (tx, leadId, now, bulkChangeId) =>
    changeStatusIn(tx, { leadId, actorId: a.actorId, status: a.status, lostReason: a.lostReason, now, bulkChangeId }),
  );
}

/** Assigns many leads to one staff member (or to nobody: ownerId null). */
export async function bulkAssign(db: Db, a: Input & { ownerId: string | null }): Promise<BulkResult> {
  return db.$transaction(async (tx) => {
    const owner = await assignableOwner(tx, a.ownerId);
    if (owner === undefined) return { ok: false, error: "Choose an active staff member.", field: "ownerId" };
    return bulkChangeIn(tx, a, "assign", owner?.id ?? "", (tx, leadId, now, bulkChangeId) =>
      assignLeadIn(tx, { leadId, actorId: a.actorId, ownerId: owner?.id ?? null, now, bulkChangeId }),
    );
  }, BULK_TRANSACTION);
}

type Step = (tx: Tx, leadId: string, now: Date, bulkChangeId: string) => Promise<PipelineChange>;

function bulkChange(db: Db, a: Input, kind: BulkKind, value: string, step: Step): Promise<BulkResult> {
  return db.$transaction((tx) => bulkChangeIn(tx, a, kind, value, step), BULK_TRANSACTION);
}

/** The leads among `ids` that exist and are not erased, with the values an undo restores. */
async function workable(tx: Tx, ids: readonly string[]) {
  const [leads, erased] = await Promise.all([
    tx.lead.findMany({ where: { id: { in: [...ids] } }, select: { id: true, status: true, lostReason: true, ownerId: true } }),
    tx.leadActivity.findMany({ where: { leadId: { in: [...ids] }, type: "erase" }, select: { leadId: true } }),
  ]);
  const gone = new Set(erased.map((e) => e.leadId));
  return new Map(leads.filter((l) => !gone.has(l.id)).map((l) => [l.id, l]));
}

async function bulkChangeIn(tx: Tx, a: Input, kind: BulkKind, value: string, step: Step): Promise<BulkResult> {
  const now = a.now ?? new Date();
  const leads = await workable(tx, a.ids);
  const bulk = await tx.bulkChange.create({ data: { actorId: a.actorId, kind, value, createdAt: now }, select: { id: true } });
  let changed = 0;
  let unchanged = 0;
  let warnings = 0;
  for (const id of a.ids) {
    const before = leads.get(id);
    if (!before) continue;
    const r = await step(tx, id, now, bulk.id);
    if (!r.ok) {
      if (r.notFound) continue;
      throw new Error(`bulk ${kind}: ${r.error}`);
    }
    if (!r.changed) {
      unchanged++;
      continue;
    }
    changed++;
    if (r.warning) warnings++;
    await tx.bulkChangeLead.create({
      data: {
        bulkChangeId: bulk.id,
        leadId: id,
        previousStatus: kind === "status" ? before.status : null,
        previousLostReason: kind === "status" ? before.lostReason : null,
        previousOwnerId: kind === "assign" ? before.ownerId : null,
      },
    });
  }
  if (!changed) await tx.bulkChange.delete({ where: { id: bulk.id } });
  return { ok: true, bulkChangeId: changed ? bulk.id : null, changed, unchanged, skipped: a.ids.length - leads.size, warnings };
}

export const UNDO_MESSAGES = {
  missing: "There is no such change to undo.",
  notYours: "Only the staff member who made a change can undo it.",
  done: "That change has already been undone.",
  late: "The 10 seconds to undo that change have passed. Change the leads again instead.",
} as const;

export type UndoRefusal = keyof typeof UNDO_MESSAGES;
export type UndoResult = { ok: true; reverted: number; skipped: number } | { ok: false; code: UndoRefusal; error: string };

const refuse = (code: UndoRefusal): UndoResult => ({ ok: false, code, error: UNDO_MESSAGES[code] });

/**
 * Undoes a bulk change, once, within UNDO_WINDOW_MS of it (by the server's clock `now`), for
 * its actor only. Each lead nobody has changed since goes back to its previous status or
 * owner through the same core as a single change; the undo is itself a BulkChange (kind
 * "undo"), so the timeline can say so.
 */
export async function undoBulkChange(db: Db, a: { bulkChangeId: string; actorId: string; now?: Date }): Promise<UndoResult> {
  const now = a.now ?? new Date();
  return db.$transaction(async (tx) => {
    const bulk = await tx.bulkChange.findUnique({ where: { id: a.bulkChangeId }, include: { leads: true } });
    if (!bulk || (bulk.kind !== "status" && bulk.kind !== "assign")) return refuse("missing");
    if (bulk.actorId !== a.actorId) return refuse("notYours");
    if (bulk.undoneAt) return refuse("done");
    if (!undoWindowOpen(bulk.createdAt, now)) return refuse("late");
    // Claimed once: a second undo racing this one finds undoneAt set and changes nothing.
    const claimed = await tx.bulkChange.updateMany({ where: { id: bulk.id, undoneAt: null }, data: { undoneAt: now } });
    if (claimed.count !== 1) return refuse("done");

    const ids = bulk.leads.map((l) => l.leadId);
    const leads = await workable(tx, ids);
    const later = await tx.leadActivity.findMany({
      where: {
        leadId: { in: ids },
        type: bulk.kind,
        createdAt: { gte: bulk.createdAt },
        OR: [{ bulkChangeId: null }, { bulkChangeId: { not: bulk.id } }],
      },
      select: { leadId: true },
    });
    const changedLater = new Set(later.map((l) => l.leadId));
    const plan = undoPlan(
      bulk.value,
      ids.map((leadId) => {
        const lead = leads.get(leadId);
        return {
          leadId,
          exists: Boolean(lead),
          current: (bulk.kind === "status" ? lead?.status : lead?.ownerId) ?? "",
          changedLater: changedLater.has(leadId),
        };
      }),
    );

    const undo = await tx.bulkChange.create({ data: { actorId: a.actorId, kind: "undo", value: bulk.id, createdAt: now }, select: { id: true } });
    const previous = new Map(bulk.leads.map((l) => [l.leadId, l]));
    let reverted = 0;
    let skipped = plan.skip.length;
    for (const leadId of plan.revert) {
      const before = previous.get(leadId)!;
      let r: PipelineChange;
      if (bulk.kind === "status") {
        const status = (LEAD_STATUSES as readonly string[]).includes(before.previousStatus ?? "") ? (before.previousStatus as LeadStatus) : "new";
        r = await changeStatusIn(tx, { leadId, actorId: a.actorId, status, lostReason: before.previousLostReason ?? undefined, now, bulkChangeId: undo.id });
      } else {
        const owner = await assignableOwner(tx, before.previousOwnerId);
        // A previous owner who has since lost their access cannot be given leads again.
        r =
          owner === undefined
            ? { ok: false, error: "inactive owner" }
            : await assignLeadIn(tx, { leadId, actorId: a.actorId, ownerId: owner?.id ?? null, now, bulkChangeId: undo.id });
      }
      if (r.ok && r.changed) {
        reverted++;
        await tx.bulkChangeLead.create({ data: { bulkChangeId: undo.id, leadId } });
      } else skipped++;
    }
    return { ok: true, reverted, skipped };
  }, BULK_TRANSACTION);
}

/** The actor's bulk change that can still be undone at `now`, if `bulkChangeId` is one (for the inbox's "Undo" button). */
export async function undoableChange(db: Db, a: { bulkChangeId: string; actorId: string; now: Date }) {
  const bulk = await db.bulkChange.findUnique({
    where: { id: a.bulkChangeId },
    select: { id: true, actorId: true, kind: true, createdAt: true, undoneAt: true },
  });
  if (!bulk || bulk.actorId !== a.actorId || bulk.undoneAt || (bulk.kind !== "status" && bulk.kind !== "assign")) return null;
  return undoWindowOpen(bulk.createdAt, a.now) ? { id: bulk.id, closesAt: undoClosesAt(bulk.createdAt) } : null;
}

// ---- Read state ----

/** Opening a lead's page marks it read for that staff member. */
export async function markLeadRead(db: Db, a: { userId: string; leadId: string; now?: Date }): Promise<void> {
  const readAt = a.now ?? new Date();
  await db.leadRead.upsert({
    where: { userId_leadId: { userId: a.userId, leadId: a.leadId } },
    create: { userId: a.userId, leadId: a.leadId, readAt },
    update: { readAt },
  });
}

/** Marks many leads read (or unread) for one staff member. Unknown ids are skipped and counted. */
export async function markLeadsRead(db: Db, a: { userId: string; ids: readonly string[]; read: boolean; now?: Date }) {
  const readAt = a.now ?? new Date();
  return db.$transaction(async (tx) => {
    const found = (await tx.lead.findMany({ where: { id: { in: [...a.ids] } }, select: { id: true } })).map((l) => l.id);
    await tx.leadRead.deleteMany({ where: { userId: a.userId, leadId: { in: found } } });
    if (a.read && found.length) await tx.leadRead.createMany({ data: found.map((leadId) => ({ userId: a.userId, leadId, readAt })) });
    return { changed: found.length, skipped: a.ids.length - found.length };
  });
}

/** Which of these leads the staff member has read. */
export async function readLeadIds(db: Db, userId: string, leadIds: readonly string[]): Promise<Set<string>> {
  if (!leadIds.length) return new Set();
  const rows = await db.leadRead.findMany({ where: { userId, leadId: { in: [...leadIds] } }, select: { leadId: true } });
  return new Set(rows.map((r) => r.leadId));
}

/**
 * "N new since you last looked": the leads received after the staff member's mark (up to
 * COUNT_CAP). The mark moves only when they say so (markInboxSeen), so a refresh never hides
 * the count before they have seen it. The first visit sets the mark (nothing is new yet).
 */
export async function newSinceLastLooked(db: Db, userId: string, now: Date): Promise<{ since: Date; count: number; capped: boolean }> {
  const mark = await db.inboxMark.upsert({ where: { userId }, create: { userId, seenAt: now }, update: {}, select: { seenAt: true } });
  const n = await db.lead.count({ where: { createdAt: { gt: mark.seenAt } }, orderBy: { createdAt: "desc" }, take: COUNT_CAP + 1 });
  return { since: mark.seenAt, count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

export async function markInboxSeen(db: Db, userId: string, now: Date): Promise<void> {
  await db.inboxMark.upsert({ where: { userId }, create: { userId, seenAt: now }, update: { seenAt: now } });
}

/** What the inbox shows of one staff member's bulk work: which rows they have read, what is new, and the Undo still open. */
export async function inboxWorkState(db: Db, a: { userId: string; leadIds: readonly string[]; undoId?: string; now: Date }) {
  const [read, fresh, undo] = await Promise.all([
    readLeadIds(db, a.userId, a.leadIds),
    newSinceLastLooked(db, a.userId, a.now),
    a.undoId ? undoableChange(db, { bulkChangeId: a.undoId, actorId: a.userId, now: a.now }) : null,
  ]);
  return { read, fresh, undo: undo && { id: undo.id, remainingMs: undo.closesAt.getTime() - a.now.getTime() } };
}
