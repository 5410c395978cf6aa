import { roleOf } from "../auth/roles";
import type { Db } from "../db";
import { isUniqueViolation } from "../leads/errors";
import { localDate } from "../booking/zones";
import { queueEmail } from "../email/outbox";
import type { DigestTask, TaskDigestData } from "../email/template-data";
import { STATUS_LABELS } from "./pipeline";
import { leadName } from "./lead-display";
import { formatDue, groupTasks, leadsWithoutNextTask, openTasksOf, TASK_KIND_LABELS, type TaskKind } from "./tasks";
import type { LeadStatus } from "./inbox";

/**
 * The daily task digest: one email a day to each active staff member who has something to
 * do, listing their overdue tasks, the tasks due later today, and the leads they own that
 * need a next task (lib/console/tasks.ts, needsNextTask). It goes through the outbox with
 * the key `tasks-digest:<user id>:<their local date>`, so however many processes run it, and
 * however often, each person gets one per day of their own calendar.
 *
 * It is sent from the first run at or after TASK_DIGEST_HOUR (default 7) on the person's
 * local clock; the dispatcher's loop runs it (lib/email/app-dispatcher.ts), and so does
 * `npm run tasks:digest`.
 */

/** How many rows each part of the email lists; the rest is counted ("and 12 more"). */
export const DIGEST_LIST_LIMIT = 25;
export const DEFAULT_DIGEST_HOUR = 7;

export function digestHourFromEnv(env: Record<string, string | undefined> = process.env): number {
  const hour = Number(env.TASK_DIGEST_HOUR);
  return env.TASK_DIGEST_HOUR && Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : DEFAULT_DIGEST_HOUR;
}

/** The idempotency key of one person's digest for one local date ("2026-12-08"). */
export function digestKey(userId: string, date: string): string {
  return `tasks-digest:${userId}:${date}`;
}

const dayFormat = (timeZone: string) => new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "long", day: "numeric", month: "long", year: "numeric" });

/** The zone's hour (0–23) at the instant. */
function localHour(at: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(at));
}

/**
 * What one person's digest says at `now`, with every time written in their zone; null when
 * they have nothing overdue, nothing due today and no lead without a next task.
 */
export async function buildDigest(
  db: Db,
  a: { user: { id: string; name: string }; now: Date; timeZone: string; siteUrl: string },
): Promise<TaskDigestData | null> {
  const [tasks, flagged] = await Promise.all([openTasksOf(db, a.user.id), leadsWithoutNextTask(db, a.user.id, 500)]);
  const { overdue, today } = groupTasks(tasks, a.now, a.timeZone);
  if (!overdue.length && !today.length && !flagged.length) return null;
  const row = (t: (typeof tasks)[number]): DigestTask => ({
    kind: TASK_KIND_LABELS[t.kind as TaskKind] ?? t.kind,
    lead: leadName(t.lead),
    due: formatDue(t.dueAt, a.timeZone),
    title: t.title,
    url: `${a.siteUrl}/console/leads/${t.leadId}`,
  });
  return {
    name: a.user.name,
    date: dayFormat(a.timeZone).format(a.now),
    timeZone: a.timeZone,
    overdue: overdue.slice(0, DIGEST_LIST_LIMIT).map(row),
    overdueMore: Math.max(0, overdue.length - DIGEST_LIST_LIMIT),
    today: today.slice(0, DIGEST_LIST_LIMIT).map(row),
    todayMore: Math.max(0, today.length - DIGEST_LIST_LIMIT),
    noNextTask: flagged.slice(0, DIGEST_LIST_LIMIT).map((l) => ({
      lead: leadName(l),
      status: STATUS_LABELS[l.status as LeadStatus] ?? l.status,
      url: `${a.siteUrl}/console/leads/${l.id}`,
    })),
    noNextTaskMore: Math.max(0, flagged.length - DIGEST_LIST_LIMIT),
    tasksUrl: `${a.siteUrl}/console/tasks`,
  };
}

export type DigestRun = { queued: number; already: number; nothingToDo: number; notYet: number };

/**
 * Queues today's digest for every active staff member (a role, not banned) whose local clock
 * has reached `hour` and who has something to do. Safe to run from any number of processes
 * at once: the key is unique in the outbox, and a run that loses the race counts "already".
 */
export async function queueTaskDigests(
  db: Db,
  a: {
    now: Date;
    siteUrl: string;
    timeZoneOf: (user: { id: string; timeZone?: string | null; advisor?: { timeZone: string } | null }) => string;
    hour?: number;
  },
): Promise<DigestRun> {
  const hour = a.hour ?? DEFAULT_DIGEST_HOUR;
  const run: DigestRun = { queued: 0, already: 0, nothingToDo: 0, notYet: 0 };
  const users = await db.user.findMany({
    where: { OR: [{ banned: false }, { banned: null }] },
    include: { advisor: { select: { timeZone: true } } },
    orderBy: { id: "asc" },
  });
  for (const user of users.filter((u) => roleOf(u.role))) {
    const timeZone = a.timeZoneOf(user);
    if (localHour(a.now, timeZone) < hour) {
      run.notYet++;
      continue;
    }
    const key = digestKey(user.id, localDate(a.now, timeZone));
    if (await db.emailMessage.findUnique({ where: { idempotencyKey: key }, select: { id: true } })) {
      run.already++;
      continue;
    }
    const data = await buildDigest(db, { user, now: a.now, timeZone, siteUrl: a.siteUrl });
    if (!data) {
      run.nothingToDo++;
      continue;
    }
    try {
      // One row, so no transaction: the unique key alone decides between racing runs.
      const queued = await queueEmail(db, { to: user.email, template: "task-digest", data, category: "transactional", idempotencyKey: key });
      run[queued ? "queued" : "already"]++;
    } catch (error) {
      // Another process queued the same key between our look and our write.
      if (!isUniqueViolation(error)) throw error;
      run.already++;
    }
  }
  return run;
}
