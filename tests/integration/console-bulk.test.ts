import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { seedPrograms } from "@/lib/content/seed-programs";
import { createMemoryRateLimiter } from "@/lib/rate-limit";
import { submitLead, type SubmissionDeps } from "@/lib/leads/pipeline";
import { erasePerson } from "@/lib/console/privacy";
import { changeStatus, leadDetail, timeline } from "@/lib/console/pipeline";
import {
  BULK_LIMIT,
  bulkAssign,
  bulkChangeStatus,
  bulkIds,
  inboxWorkState,
  markInboxSeen,
  markLeadRead,
  markLeadsRead,
  newSinceLastLooked,
  undoBulkChange,
  UNDO_MESSAGES,
} from "@/lib/console/bulk";

/** Issue 19, item 1: bulk status and owner changes with their timeline rows and a 10-second undo; read state. */

const t = createTestDb();
const deps: SubmissionDeps = {
  db: t.db,
  limiter: createMemoryRateLimiter({ ip: { points: 1e6, durationSeconds: 600 }, identity: { points: 1e6, durationSeconds: 600 } }),
  siteUrl: "https://loomstack.example",
  staffRecipients: () => ["admissions@loomstack.example"],
};
let cohort: { id: string; program: string };
const staff = { sam: "", olu: "" };
const at = (iso: string) => new Date(iso);
const T0 = at("2026-12-08T10:00:00.000Z");
const plus = (ms: number) => new Date(T0.getTime() + ms);

async function user(name: string) {
  return (await t.db.user.create({ data: { id: randomUUID(), name, email: `${randomUUID().slice(0, 8)}@loomstack.example`, role: "staff" } })).id;
}

async function lead(name: string) {
  const out = await submitLead(
    deps,
    "enroll",
    {
      name,
      email: `${randomUUID().slice(0, 8)}@example.com`,
      phone: "",
      program: cohort.program,
      cohort: cohort.id,
      paymentOption: "upfront",
      experience: "none",
      consent: "on",
      submissionToken: randomUUID(),
    },
    { ip: "203.0.113.5" },
  );
  if (out.kind !== "saved") throw new Error(JSON.stringify(out));
  return out.leadId;
}

const state = (id: string) => t.db.lead.findUniqueOrThrow({ where: { id }, select: { status: true, ownerId: true, firstContactedAt: true, lostReason: true } });

beforeAll(async () => {
  await seedPrograms(t.db, new Date());
  const c = await t.db.cohort.findFirstOrThrow({ where: { status: "open" }, include: { program: true }, orderBy: { startDate: "asc" } });
  cohort = { id: c.id, program: c.program.slug };
  staff.sam = await user("Sam Staff");
  staff.olu = await user("Olu Other");
});
afterAll(() => t.cleanup());

describe("bulk status change", () => {
  it("moves every chosen lead through the single change's rules, with a timeline row saying it was a bulk change", async () => {
    const [a, b, c] = [await lead("Ada Bulk"), await lead("Ben Bulk"), await lead("Cy Bulk")];
    await changeStatus(t.db, { leadId: c, actorId: staff.olu, status: "contacted", now: at("2026-12-08T09:00:00Z") });
    const r = await bulkChangeStatus(t.db, { actorId: staff.sam, ids: [a, b, c], status: "contacted", now: T0 });
    expect(r).toMatchObject({ ok: true, changed: 2, unchanged: 1, skipped: 0 });
    for (const id of [a, b]) {
      // The first move out of "new" records the first contact, as a single change does.
      expect(await state(id)).toMatchObject({ status: "contacted", firstContactedAt: T0 });
      const items = timeline((await leadDetail(t.db, id))!).filter((i) => i.kind === "activity");
      expect(items[0]).toMatchObject({ type: "status", fromStatus: "new", toStatus: "contacted", actor: "Sam Staff", bulk: "change" });
    }
    // The lead that already had the status has no new row.
    expect(await t.db.leadActivity.count({ where: { leadId: c, bulkChangeId: { not: null } } })).toBe(0);
  });

  it("refuses lost without a reason, and changes nothing", async () => {
    const a = await lead("Lou Lost");
    expect(await bulkChangeStatus(t.db, { actorId: staff.sam, ids: [a], status: "lost", now: T0 })).toMatchObject({ ok: false, field: "lostReason" });
    expect((await state(a)).status).toBe("new");
    expect(await bulkChangeStatus(t.db, { actorId: staff.sam, ids: [a], status: "lost", lostReason: "Chose another school", now: T0 })).toMatchObject({
      ok: true,
      changed: 1,
    });
    expect(await state(a)).toMatchObject({ status: "lost", lostReason: "Chose another school" });
  });

  it("skips unknown and erased ids and reports them, never failing", async () => {
    const [a, gone] = [await lead("Kim Kept"), await lead("Eve Erased")];
    const { contactId } = await t.db.lead.findUniqueOrThrow({ where: { id: gone }, select: { contactId: true } });
    await erasePerson(t.db, { contactId, actorId: staff.sam });
    const r = await bulkChangeStatus(t.db, { actorId: staff.sam, ids: [a, gone, "no-such-lead"], status: "qualified", now: T0 });
    expect(r).toMatchObject({ ok: true, changed: 1, skipped: 2 });
    expect((await state(gone)).status).toBe("new");
    const assigned = await bulkAssign(t.db, { actorId: staff.sam, ids: ["no-such-lead", gone], ownerId: staff.olu, now: T0 });
    expect(assigned).toMatchObject({ ok: true, changed: 0, skipped: 2, bulkChangeId: null });
  });

  it("caps the ids per request", () => {
    const many = Array.from({ length: BULK_LIMIT + 1 }, (_, i) => `lead-${i}`);
    expect(bulkIds(many)).toEqual({ ok: false, error: "many" });
    expect(bulkIds(many.slice(0, BULK_LIMIT))).toMatchObject({ ok: true });
  });
});

describe("undo", () => {
  it("reverts each lead once, within 10 seconds, skipping a lead changed since, and says so on the timeline", async () => {
    const [a, b, c] = [await lead("Una Undo"), await lead("Vic Undo"), await lead("Wen Undo")];
    await bulkAssign(t.db, { actorId: staff.sam, ids: [c], ownerId: staff.sam, now: at("2026-12-08T09:00:00Z") });
    const r = await bulkAssign(t.db, { actorId: staff.sam, ids: [a, b, c], ownerId: staff.olu, now: T0 });
    if (!r.ok || !r.bulkChangeId) throw new Error("no bulk change");
    // Someone else moves b on after the bulk change: the undo must leave b alone.
    await t.db.lead.update({ where: { id: b }, data: { ownerId: staff.sam } });
    await t.db.leadActivity.create({ data: { leadId: b, actorId: staff.sam, type: "assign", detail: "Sam Staff", createdAt: plus(2_000) } });

    const undone = await undoBulkChange(t.db, { bulkChangeId: r.bulkChangeId, actorId: staff.sam, now: plus(9_000) });
    expect(undone).toEqual({ ok: true, reverted: 2, skipped: 1 });
    expect((await state(a)).ownerId).toBeNull();
    expect((await state(b)).ownerId).toBe(staff.sam);
    expect((await state(c)).ownerId).toBe(staff.sam);
    const items = timeline((await leadDetail(t.db, a))!).filter((i) => i.kind === "activity");
    expect(items[0]).toMatchObject({ type: "assign", detail: "Unassigned", bulk: "undo" });
    expect(items[1]).toMatchObject({ type: "assign", detail: "Olu Other", bulk: "change" });

    // Once only.
    expect(await undoBulkChange(t.db, { bulkChangeId: r.bulkChangeId, actorId: staff.sam, now: plus(9_500) })).toMatchObject({
      ok: false,
      error: UNDO_MESSAGES.done,
    });
  });

  it("reverts a status change through the same rules (back to its previous status and lost reason)", async () => {
    const a = await lead("Xia Status");
    await changeStatus(t.db, { leadId: a, actorId: staff.sam, status: "lost", lostReason: "No budget", now: at("2026-12-08T09:00:00Z") });
    const r = await bulkChangeStatus(t.db, { actorId: staff.sam, ids: [a], status: "qualified", now: T0 });
    if (!r.ok || !r.bulkChangeId) throw new Error("no bulk change");
    expect(await undoBulkChange(t.db, { bulkChangeId: r.bulkChangeId, actorId: staff.sam, now: plus(10_000) })).toEqual({ ok: true, reverted: 1, skipped: 0 });
    expect(await state(a)).toMatchObject({ status: "lost", lostReason: "No budget" });
  });

  it("is refused after 10 seconds, and for another staff member, changing nothing", async () => {
    const a = await lead("Yan Late");
    const r = await bulkChangeStatus(t.db, { actorId: staff.sam, ids: [a], status: "qualified", now: T0 });
    if (!r.ok || !r.bulkChangeId) throw new Error("no bulk change");
    expect(await undoBulkChange(t.db, { bulkChangeId: r.bulkChangeId, actorId: staff.olu, now: plus(1_000) })).toMatchObject({
      ok: false,
      error: UNDO_MESSAGES.notYours,
    });
    expect(await undoBulkChange(t.db, { bulkChangeId: r.bulkChangeId, actorId: staff.sam, now: plus(10_001) })).toMatchObject({
      ok: false,
      error: UNDO_MESSAGES.late,
    });
    expect((await state(a)).status).toBe("qualified");
    expect(await undoBulkChange(t.db, { bulkChangeId: "no-such-change", actorId: staff.sam, now: plus(1) })).toMatchObject({
      ok: false,
      error: UNDO_MESSAGES.missing,
    });
    // The inbox offers Undo only while the server would accept it.
    expect((await inboxWorkState(t.db, { userId: staff.sam, leadIds: [], undoId: r.bulkChangeId, now: plus(4_000) })).undo).toEqual({
      id: r.bulkChangeId,
      remainingMs: 6_000,
    });
    expect((await inboxWorkState(t.db, { userId: staff.sam, leadIds: [], undoId: r.bulkChangeId, now: plus(10_001) })).undo).toBeNull();
    expect((await inboxWorkState(t.db, { userId: staff.olu, leadIds: [], undoId: r.bulkChangeId, now: plus(1) })).undo).toBeNull();
  });
});

describe("read state", () => {
  it("marks a lead read per staff member when opened, and in bulk read or unread", async () => {
    const [a, b] = [await lead("Rae Read"), await lead("Sol Read")];
    await markLeadRead(t.db, { userId: staff.sam, leadId: a });
    await markLeadRead(t.db, { userId: staff.sam, leadId: a }); // twice: still one row
    expect(await t.db.leadRead.count({ where: { leadId: a } })).toBe(1);
    let work = await inboxWorkState(t.db, { userId: staff.sam, leadIds: [a, b], now: T0 });
    expect([...work.read]).toEqual([a]);
    work = await inboxWorkState(t.db, { userId: staff.olu, leadIds: [a, b], now: T0 });
    expect(work.read.size).toBe(0);

    expect(await markLeadsRead(t.db, { userId: staff.olu, ids: [a, b, "no-such-lead"], read: true })).toEqual({ changed: 2, skipped: 1 });
    expect((await inboxWorkState(t.db, { userId: staff.olu, leadIds: [a, b], now: T0 })).read.size).toBe(2);
    await markLeadsRead(t.db, { userId: staff.olu, ids: [a], read: false });
    expect([...(await inboxWorkState(t.db, { userId: staff.olu, leadIds: [a, b], now: T0 })).read]).toEqual([b]);
  });

  it("counts leads received since the mark, which moves only when the staff member says so", async () => {
    const me = await user("Mia Mark");
    const first = await newSinceLastLooked(t.db, me, T0);
    expect(first).toMatchObject({ since: T0, count: 0 });
    const a = await lead("Neo New");
    await t.db.lead.update({ where: { id: a }, data: { createdAt: plus(60_000) } });
    // A refresh later still shows it.
    expect((await newSinceLastLooked(t.db, me, plus(120_000))).count).toBe(1);
    expect((await newSinceLastLooked(t.db, me, plus(180_000))).count).toBe(1);
    await markInboxSeen(t.db, me, plus(200_000));
    expect((await newSinceLastLooked(t.db, me, plus(240_000))).count).toBe(0);
  });
});
