/**
 * Tasks on leads against a real database (SQLite by default, PostgreSQL with
 * TEST_DATABASE=postgres): adding, completing, reopening and reassigning, each on the lead's
 * timeline; "My tasks" and the "no next task" queries; and the daily digest, queued exactly
 * once per person per local day, even by two runs at once on two connections.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { createDb } from "@/lib/db";
import { buildDigest, digestKey, queueTaskDigests } from "@/lib/console/task-digest";
import { addTask, groupTasks, leadsWithoutNextTask, leadTasks, openTasksOf, reassignTask, setTaskDone } from "@/lib/console/tasks";
import { must, narrow } from "../helpers/narrow";

const t = createTestDb();
const SITE = "https://loomstack.example";
const NOW = new Date("2026-12-08T12:00:00Z");
const UTC = "UTC";

async function user(name: string, extra: { role?: string | null; banned?: boolean } = {}) {
  return t.db.user.create({
    data: {
      id: randomUUID(),
      name,
      email: `${name.toLowerCase().replace(/\W+/g, "-")}-${randomUUID().slice(0, 6)}@loomstack.example`,
      role: "staff",
      ...extra,
    },
  });
}

async function lead(name: string, extra: { ownerId?: string; status?: string } = {}) {
  const contact = await t.db.contact.create({
    data: { email: `${randomUUID().slice(0, 8)}@example.com`, referralCode: randomUUID().slice(0, 8).toUpperCase() },
  });
  return t.db.lead.create({ data: { contactId: contact.id, formType: "enroll", fields: "{}", name, email: contact.email, ...extra } });
}

const add = (leadId: string, actorId: string, ownerId: string, due: string, kind: "call" | "email" | "follow-up" = "call", title?: string) =>
  addTask(t.db, { leadId, actorId, ownerId, kind, due, title, timeZone: UTC, now: NOW });

afterAll(() => t.cleanup());

describe("adding and working tasks", () => {
  let dana: Awaited<ReturnType<typeof user>>;
  let sam: Awaited<ReturnType<typeof user>>;
  beforeAll(async () => {
    dana = await user("Dana Work");
    sam = await user("Sam Work");
  });

  it("adds a task due at the time typed in the adder's zone, and puts it on the lead's timeline", async () => {
    const l = await lead("Omar Task");
    const out = await addTask(t.db, {
      leadId: l.id,
      actorId: dana.id,
      ownerId: sam.id,
      kind: "follow-up",
      due: "2026-12-09T09:00",
      title: "Ask about funding",
      timeZone: "America/Chicago",
      now: NOW,
    });
    const id = narrow(out, "ok", true).taskId;
    const task = await t.db.task.findUniqueOrThrow({ where: { id } });
    expect(task).toMatchObject({ leadId: l.id, ownerId: sam.id, createdById: dana.id, kind: "follow-up", title: "Ask about funding", doneAt: null });
    expect(task.dueAt.toISOString()).toBe("2026-12-09T15:00:00.000Z");
    const activities = await t.db.leadActivity.findMany({ where: { leadId: l.id } });
    expect(activities.map((a) => [a.type, a.actorId, a.detail])).toEqual([["task", dana.id, "added a follow-up task for Sam Work: Ask about funding"]]);
  });

  it("refuses a banned owner, a missing lead and a skipped hour, and writes nothing", async () => {
    const l = await lead("Refused Task");
    const banned = await user("Gone Staff", { banned: true });
    expect(await add(l.id, dana.id, banned.id, "2026-12-09T09:00")).toEqual({ ok: false, error: "Choose an active staff member.", field: "ownerId" });
    expect(await add("no-such-lead", dana.id, sam.id, "2026-12-09T09:00")).toMatchObject({ ok: false });
    const skipped = await addTask(t.db, {
      leadId: l.id,
      actorId: dana.id,
      ownerId: sam.id,
      kind: "call",
      due: "2026-03-08T02:30",
      timeZone: "America/New_York",
      now: NOW,
    });
    expect(skipped).toMatchObject({ ok: false, field: "due" });
    expect(await t.db.task.count({ where: { leadId: l.id } })).toBe(0);
    expect(await t.db.leadActivity.count({ where: { leadId: l.id } })).toBe(0);
  });

  it("completes, reopens and reassigns, each once on the timeline", async () => {
    const l = await lead("Rita Task");
    const id = narrow(await add(l.id, dana.id, dana.id, "2026-12-08T15:00", "call"), "ok", true).taskId;
    const later = new Date(NOW.getTime() + 60_000);
    expect(await setTaskDone(t.db, { taskId: id, actorId: sam.id, done: true, now: later })).toMatchObject({ ok: true, leadId: l.id });
    // Done again: nothing changes.
    expect(await setTaskDone(t.db, { taskId: id, actorId: dana.id, done: true, now: later })).toMatchObject({ ok: true });
    const done = await t.db.task.findUniqueOrThrow({ where: { id } });
    expect([done.doneAt?.toISOString(), done.doneById]).toEqual([later.toISOString(), sam.id]);
    expect((await leadTasks(t.db, l.id)).done.map((x) => x.id)).toEqual([id]);

    await setTaskDone(t.db, { taskId: id, actorId: sam.id, done: false, now: later });
    expect(await t.db.task.findUniqueOrThrow({ where: { id } })).toMatchObject({ doneAt: null, doneById: null });
    await reassignTask(t.db, { taskId: id, actorId: dana.id, ownerId: sam.id, now: later });
    await reassignTask(t.db, { taskId: id, actorId: dana.id, ownerId: sam.id, now: later });
    expect((await t.db.task.findUniqueOrThrow({ where: { id } })).ownerId).toBe(sam.id);

    const trail = await t.db.leadActivity.findMany({ where: { leadId: l.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(trail.map((a) => a.detail).sort()).toEqual(
      [
        "added a call task for Dana Work",
        "completed the call task for Dana Work",
        "reopened the call task for Dana Work",
        "reassigned a call task for Sam Work",
      ].sort(),
    );
    expect(await reassignTask(t.db, { taskId: "nope", actorId: dana.id, ownerId: sam.id, now: later })).toMatchObject({ ok: false });
  });
});

describe("My tasks and the 'no next task' flag", () => {
  it("lists one person's open tasks soonest first, grouped by their day", async () => {
    const me = await user("Mia Mine");
    const other = await user("Oli Other");
    const l = await lead("Grouped Lead");
    const overdue = narrow(await add(l.id, me.id, me.id, "2026-12-07T10:00"), "ok", true).taskId;
    const today = narrow(await add(l.id, me.id, me.id, "2026-12-08T18:00", "email"), "ok", true).taskId;
    const upcoming = narrow(await add(l.id, me.id, me.id, "2026-12-10T09:00", "follow-up"), "ok", true).taskId;
    const doneOne = narrow(await add(l.id, me.id, me.id, "2026-12-07T09:00"), "ok", true).taskId;
    await setTaskDone(t.db, { taskId: doneOne, actorId: me.id, done: true, now: NOW });
    await add(l.id, me.id, other.id, "2026-12-08T13:00");

    const mine = await openTasksOf(t.db, me.id);
    expect(mine.map((x) => x.id)).toEqual([overdue, today, upcoming]);
    expect(mine[0].lead.name).toBe("Grouped Lead");
    const g = groupTasks(mine, NOW, UTC);
    expect([g.overdue.map((x) => x.id), g.today.map((x) => x.id), g.upcoming.map((x) => x.id)]).toEqual([[overdue], [today], [upcoming]]);
  });

  it("flags the owner's contacted or qualified leads that have no open task", async () => {
    const owner = await user("Flag Owner");
    const someone = await user("Flag Other");
    const contacted = await lead("Contacted No Task", { ownerId: owner.id, status: "contacted" });
    const qualified = await lead("Qualified Done Task", { ownerId: owner.id, status: "qualified" });
    const withTask = await lead("Contacted With Task", { ownerId: owner.id, status: "contacted" });
    await lead("Still New", { ownerId: owner.id, status: "new" });
    await lead("Won", { ownerId: owner.id, status: "enrolled" });
    await lead("Lost", { ownerId: owner.id, status: "lost" });
    await lead("Someone Else's", { ownerId: someone.id, status: "contacted" });
    const done = narrow(await add(qualified.id, owner.id, owner.id, "2026-12-01T09:00"), "ok", true).taskId;
    await setTaskDone(t.db, { taskId: done, actorId: owner.id, done: true, now: NOW });
    // An open task held by someone else still counts as the lead's next task.
    await add(withTask.id, owner.id, someone.id, "2026-12-12T09:00");
    expect((await leadsWithoutNextTask(t.db, owner.id)).map((l) => l.id).sort()).toEqual([contacted.id, qualified.id].sort());
  });
});

describe("the daily digest", () => {
  it("lists overdue and today's tasks and the flagged leads, in the reader's zone; nothing for someone with nothing to do", async () => {
    const reader = await user("Dee Digest");
    const l = await lead("Digest Lead", { ownerId: reader.id, status: "new" });
    const flagged = await lead("Digest Flagged", { ownerId: reader.id, status: "contacted" });
    await add(l.id, reader.id, reader.id, "2026-12-08T10:30", "call", "Ask about funding");
    await add(l.id, reader.id, reader.id, "2026-12-08T17:00", "email");
    await add(l.id, reader.id, reader.id, "2026-12-11T09:00", "follow-up", "Not in the digest");
    const data = must(await buildDigest(t.db, { user: reader, now: NOW, timeZone: "America/Chicago", siteUrl: SITE }));
    expect(data).toMatchObject({ name: "Dee Digest", date: "Tuesday, 8 December 2026", timeZone: "America/Chicago", overdueMore: 0, todayMore: 0 });
    expect(data.overdue).toEqual([
      { kind: "Call", lead: "Digest Lead", due: "8 Dec 2026, 04:30", title: "Ask about funding", url: `${SITE}/console/leads/${l.id}` },
    ]);
    expect(data.today).toEqual([{ kind: "Email", lead: "Digest Lead", due: "8 Dec 2026, 11:00", title: null, url: `${SITE}/console/leads/${l.id}` }]);
    expect(data.noNextTask).toEqual([{ lead: "Digest Flagged", status: "Contacted", url: `${SITE}/console/leads/${flagged.id}` }]);

    const idle = await user("Ida Idle");
    expect(await buildDigest(t.db, { user: idle, now: NOW, timeZone: UTC, siteUrl: SITE })).toBeNull();
  });

  it("queues one digest per person per local day, for active staff with something to do, even from two runs at once", async () => {
    // A database of its own, so the counts are this test's alone.
    const own = createTestDb();
    try {
      const mk = (name: string, extra: { role?: string | null; banned?: boolean } = {}) =>
        own.db.user.create({ data: { id: randomUUID(), name, email: `${randomUUID().slice(0, 8)}@loomstack.example`, role: "staff", ...extra } });
      const busy = await mk("Busy Advisor");
      const tokyo = await mk("Tokyo Advisor");
      const banned = await mk("Banned Advisor", { banned: true });
      const roleless = await mk("No Role", { role: null });
      await mk("Nothing To Do");
      const contact = await own.db.contact.create({ data: { email: "digest@example.com", referralCode: "DIGEST01" } });
      const l = await own.db.lead.create({ data: { contactId: contact.id, formType: "enroll", fields: "{}", name: "Digest Race" } });
      for (const owner of [busy, tokyo, banned, roleless])
        await own.db.task.create({ data: { leadId: l.id, ownerId: owner.id, kind: "call", dueAt: new Date("2026-12-08T06:00:00Z") } });

      const zones: Record<string, string> = { [tokyo.id]: "Asia/Tokyo" };
      const timeZoneOf = (u: { id: string }) => zones[u.id] ?? UTC;
      // 12:00 UTC is 21:00 in Tokyo: both are past 07:00.
      const second = createDb(own.url);
      try {
        const runs = await Promise.all([
          queueTaskDigests(own.db, { now: NOW, siteUrl: SITE, timeZoneOf, hour: 7 }),
          queueTaskDigests(second, { now: NOW, siteUrl: SITE, timeZoneOf, hour: 7 }),
        ]);
        expect(runs[0].queued + runs[1].queued).toBe(2);
        expect(runs[0].already + runs[1].already).toBe(2);
      } finally {
        await second.$disconnect();
      }
      const rows = await own.db.emailMessage.findMany({ where: { template: "task-digest" }, orderBy: { toAddress: "asc" } });
      expect(rows.map((r) => r.idempotencyKey).sort()).toEqual([digestKey(busy.id, "2026-12-08"), digestKey(tokyo.id, "2026-12-08")].sort());
      expect(rows.map((r) => r.toAddress).sort()).toEqual([busy.email, tokyo.email].sort());

      // Later the same day: nothing more. Tokyo's next day starts at 15:00 UTC: a second one for Tokyo only.
      const again = await queueTaskDigests(own.db, { now: new Date("2026-12-08T14:59:00Z"), siteUrl: SITE, timeZoneOf, hour: 7 });
      expect(again.queued).toBe(0);
      const early = await queueTaskDigests(own.db, { now: new Date("2026-12-08T15:30:00Z"), siteUrl: SITE, timeZoneOf, hour: 7 });
      // 00:30 in Tokyo: before 07:00, not yet.
      expect(early.queued).toBe(0);
      const tokyoMorning = await queueTaskDigests(own.db, { now: new Date("2026-12-08T22:00:00Z"), siteUrl: SITE, timeZoneOf, hour: 7 });
      expect(tokyoMorning.queued).toBe(1);
      expect(await own.db.emailMessage.count({ where: { idempotencyKey: digestKey(tokyo.id, "2026-12-09") } })).toBe(1);
      expect(await own.db.emailMessage.count({ where: { template: "task-digest" } })).toBe(3);
    } finally {
      await own.cleanup();
    }
  });
});
