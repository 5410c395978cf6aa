import { z } from "zod";
import { addDays, localDate, startOfLocalDay } from "../booking/zones";
import type { Db } from "../db";
import { zonedTimeToUtc } from "../events/time";
import type { Prisma } from "../generated/prisma/client";
import { INVISIBLE_CHARS_MESSAGE, isCleanText, isSingleLine, SINGLE_LINE_MESSAGE } from "../text-checks";
import type { LeadStatus } from "./inbox";

/**
 * Tasks on a lead: a call, an email or a follow-up, due at an instant, owned by one staff
 * member, open until done. Adding, completing, reopening and reassigning each append a
 * LeadActivity row of type "task" whose detail is the sentence the timeline shows after the
 * actor's name. Every day boundary ("today", "overdue") is taken in a time zone the caller
 * passes (lib/console/staff-time-zone.ts), and the clock is always passed in.
 */

export const TASK_KINDS = ["call", "email", "follow-up"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const TASK_KIND_LABELS: Record<TaskKind, string> = { call: "Call", email: "Email", "follow-up": "Follow-up" };
export const TASK_LIMITS = { title: 200 } as const;

const leadId = z.string().trim().min(1).max(64);
const taskId = z.string().trim().min(1).max(64);
const ownerId = z.string({ error: "Choose who does it." }).trim().min(1, "Choose who does it.").max(64, "Choose who does it.");

/** "2026-12-08T09:00", as a datetime-local input sends it (seconds allowed and dropped). */
const LOCAL_DUE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** The "Add a task" form. `due` is a wall-clock time in the adding staff member's zone (parseDue). */
export const addTaskSchema = z.object({
  leadId,
  kind: z.enum(TASK_KINDS, { error: "Choose call, email or follow-up." }),
  due: z.string({ error: "Choose a due date and time." }).trim().regex(LOCAL_DUE, "Choose a due date and time."),
  ownerId,
  title: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .string()
      .trim()
      .max(TASK_LIMITS.title, `Keep the note under ${TASK_LIMITS.title} characters.`)
      .refine(isSingleLine, SINGLE_LINE_MESSAGE)
      .refine(isCleanText, INVISIBLE_CHARS_MESSAGE)
      .optional(),
  ),
});

/** The complete and reopen buttons. */
export const taskRefSchema = z.object({ taskId });

/** The "Reassign" form. */
export const reassignTaskSchema = z.object({ taskId, ownerId });

export type TaskField = "kind" | "due" | "ownerId" | "title";
export type TaskResult = { ok: true; taskId: string } | { ok: false; error: string; field?: TaskField };

/**
 * The instant a datetime-local value names in the zone; null for a time that does not exist
 * there (skipped when the clocks go forward). A time shown twice (clocks going back) is its
 * first showing.
 */
export function parseDue(due: string, timeZone: string): Date | null {
  return zonedTimeToUtc(due.slice(0, 16), timeZone);
}

const dueFormats = new Map<string, Intl.DateTimeFormat>();

/** "8 Dec 2026, 09:00": an instant on the zone's clock (the console's date style). */
export function formatDue(at: Date, timeZone: string): string {
  let f = dueFormats.get(timeZone);
  if (!f) dueFormats.set(timeZone, (f = new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "medium", timeStyle: "short" })));
  return f.format(at);
}

const NO_LEAD: TaskResult = { ok: false, error: "That lead does not exist (it may have been erased)." };
const NO_TASK: TaskResult = { ok: false, error: "That task does not exist (its lead may have been erased)." };
const NO_OWNER: TaskResult = { ok: false, error: "Choose an active staff member.", field: "ownerId" };

/** An active staff member (not banned, with a role), or null. */
async function activeStaff(tx: Prisma.TransactionClient, id: string) {
  const user = await tx.user.findUnique({ where: { id }, select: { id: true, name: true, banned: true, role: true } });
  return user && !user.banned && user.role ? user : null;
}

/** "call task for Dana Whitfield: Ask about funding" */
function describe(task: { kind: string; title: string | null }, ownerName: string): string {
  const kind = TASK_KIND_LABELS[task.kind as TaskKind] ?? task.kind;
  return `${kind.toLowerCase()} task for ${ownerName}${task.title ? `: ${task.title}` : ""}`;
}

export type NewTask = { leadId: string; actorId: string; kind: TaskKind; due: string; ownerId: string; title?: string; timeZone: string; now: Date };

const SKIPPED_TIME: TaskResult = { ok: false, error: "That time does not exist in your time zone (the clocks skip it). Choose another.", field: "due" };

/** Adds a task on a lead. `due` is read in `timeZone` (the adding staff member's). */
export async function addTask(db: Db, a: NewTask): Promise<TaskResult> {
  if (!parseDue(a.due, a.timeZone)) return SKIPPED_TIME;
  return db.$transaction((tx) => addTaskIn(tx, a));
}

/** addTask inside a transaction the caller holds (the lead page's action panel). */
export async function addTaskIn(tx: Prisma.TransactionClient, a: NewTask): Promise<TaskResult> {
  const dueAt = parseDue(a.due, a.timeZone);
  if (!dueAt) return SKIPPED_TIME;
  if (!(await tx.lead.findUnique({ where: { id: a.leadId }, select: { id: true } }))) return NO_LEAD;
  const owner = await activeStaff(tx, a.ownerId);
  if (!owner) return NO_OWNER;
  const title = a.title?.trim() || null;
  const task = await tx.task.create({
    data: { leadId: a.leadId, ownerId: owner.id, createdById: a.actorId, kind: a.kind, dueAt, title, createdAt: a.now },
  });
  await tx.leadActivity.create({
    data: { leadId: a.leadId, actorId: a.actorId, type: "task", detail: `added a ${describe(task, owner.name)}`, createdAt: a.now },
  });
  return { ok: true as const, taskId: task.id };
}

/** Marks a task done (by the actor, now), or open again. Doing what is already so changes nothing. */
export async function setTaskDone(db: Db, a: { taskId: string; actorId: string; done: boolean; now: Date }): Promise<TaskResult & { leadId?: string }> {
  return db.$transaction(async (tx) => {
    const task = await tx.task.findUnique({ where: { id: a.taskId }, include: { owner: { select: { name: true } } } });
    if (!task) return NO_TASK;
    if (Boolean(task.doneAt) === a.done) return { ok: true as const, taskId: task.id, leadId: task.leadId };
    await tx.task.update({
      where: { id: task.id },
      data: a.done ? { doneAt: a.now, doneById: a.actorId } : { doneAt: null, doneById: null },
    });
    await tx.leadActivity.create({
      data: {
        leadId: task.leadId,
        actorId: a.actorId,
        type: "task",
        detail: `${a.done ? "completed" : "reopened"} the ${describe(task, task.owner.name)}`,
        createdAt: a.now,
      },
    });
    return { ok: true as const, taskId: task.id, leadId: task.leadId };
  });
}

/** Gives a task to another active staff member. */
export async function reassignTask(db: Db, a: { taskId: string; actorId: string; ownerId: string; now: Date }): Promise<TaskResult & { leadId?: string }> {
  return db.$transaction(async (tx) => {
    const task = await tx.task.findUnique({ where: { id: a.taskId } });
    if (!task) return NO_TASK;
    const owner = await activeStaff(tx, a.ownerId);
    if (!owner) return NO_OWNER;
    if (task.ownerId === owner.id) return { ok: true as const, taskId: task.id, leadId: task.leadId };
    await tx.task.update({ where: { id: task.id }, data: { ownerId: owner.id } });
    await tx.leadActivity.create({
      data: { leadId: task.leadId, actorId: a.actorId, type: "task", detail: `reassigned a ${describe(task, owner.name)}`, createdAt: a.now },
    });
    return { ok: true as const, taskId: task.id, leadId: task.leadId };
  });
}

const taskSelect = {
  id: true,
  leadId: true,
  kind: true,
  dueAt: true,
  title: true,
  doneAt: true,
  ownerId: true,
  owner: { select: { name: true } },
  doneBy: { select: { name: true } },
} as const;

/** A lead's tasks: the open ones by due time, then the last done ones (newest first). */
export async function leadTasks(db: Db, leadId: string) {
  const [open, done] = await Promise.all([
    db.task.findMany({ where: { leadId, doneAt: null }, orderBy: [{ dueAt: "asc" }, { id: "asc" }], take: 200, select: taskSelect }),
    db.task.findMany({ where: { leadId, doneAt: { not: null } }, orderBy: [{ doneAt: "desc" }, { id: "asc" }], take: 20, select: taskSelect }),
  ]);
  return { open, done };
}

/** The most open tasks "My tasks" lists (soonest first). */
export const MY_TASKS_LIMIT = 500;

/** One staff member's open tasks, soonest due first, with the lead each is on. */
export function openTasksOf(db: Db, ownerId: string, take = MY_TASKS_LIMIT) {
  return db.task.findMany({
    where: { ownerId, doneAt: null },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take,
    select: { ...taskSelect, lead: { select: { id: true, name: true, email: true, phone: true, status: true } } },
  });
}

export type TaskGroups<T> = { overdue: T[]; today: T[]; upcoming: T[] };

/**
 * Splits open tasks by when they are due: overdue once their due time has passed; today when
 * still ahead but before the end of the current day in `timeZone`; upcoming after that.
 * Each group keeps the order it was given.
 */
export function groupTasks<T extends { dueAt: Date }>(tasks: readonly T[], now: Date, timeZone: string): TaskGroups<T> {
  const endOfToday = startOfLocalDay(addDays(localDate(now, timeZone), 1), timeZone).getTime();
  const groups: TaskGroups<T> = { overdue: [], today: [], upcoming: [] };
  for (const task of tasks) {
    const due = task.dueAt.getTime();
    if (due < now.getTime()) groups.overdue.push(task);
    else if (due < endOfToday) groups.today.push(task);
    else groups.upcoming.push(task);
  }
  return groups;
}

/**
 * The "no next task" rule: a lead that has had its first contact and is still being worked
 * (status contacted or qualified: past "new", neither enrolled nor lost) with no open task
 * is flagged, because nobody is reminded to take the next step.
 */
export const NEEDS_NEXT_TASK_STATUSES = ["contacted", "qualified"] as const satisfies readonly LeadStatus[];

export function needsNextTask(lead: { status: string }, openTaskCount: number): boolean {
  return (NEEDS_NEXT_TASK_STATUSES as readonly string[]).includes(lead.status) && openTaskCount === 0;
}

/** The same rule as a query: the leads `ownerId` owns that need a next task. */
export function leadsWithoutNextTask(db: Db, ownerId: string, take = 100) {
  return db.lead.findMany({
    where: { ownerId, status: { in: [...NEEDS_NEXT_TASK_STATUSES] }, tasks: { none: { doneAt: null } } },
    orderBy: [{ statusChangedAt: "asc" }, { id: "asc" }],
    take,
    select: { id: true, name: true, email: true, phone: true, status: true },
  });
}
