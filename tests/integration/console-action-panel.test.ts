/**
 * The lead page's action panel against a real database (SQLite by default, PostgreSQL with
 * TEST_DATABASE=postgres): one save makes every change in one transaction, each on the
 * timeline; a refused part writes nothing at all; unchanged parts write nothing; and lost
 * reasons are codes that staff rename, reorder and retire while old leads keep theirs.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { saveActionPanel } from "@/lib/console/action-panel";
import {
  addLostReason,
  listLostReasons,
  lostReasonChoices,
  moveLostReason,
  renameLostReason,
  seedLostReasons,
  setLostReasonActive,
} from "@/lib/console/lost-reasons";
import { changeStatus } from "@/lib/console/pipeline";

const t = createTestDb();
const NOW = new Date("2026-12-08T12:00:00Z");

async function user(name: string, extra: { banned?: boolean } = {}) {
  return t.db.user.create({
    data: { id: randomUUID(), name, email: `${randomUUID().slice(0, 8)}@loomstack.example`, role: "staff", ...extra },
  });
}

async function lead(extra: { status?: string; ownerId?: string; lostReasonCode?: string; lostReason?: string } = {}) {
  const contact = await t.db.contact.create({
    data: { email: `${randomUUID().slice(0, 8)}@example.com`, referralCode: randomUUID().slice(0, 8).toUpperCase() },
  });
  return t.db.lead.create({ data: { contactId: contact.id, formType: "enroll", fields: "{}", name: "Panel Person", email: contact.email, ...extra } });
}

/** What the panel posts when nothing is touched: the lead's own status and owner, no task, no note. */
const untouched = (l: { id: string; status: string; ownerId: string | null; lostReasonCode?: string | null }, meId: string) => ({
  leadId: l.id,
  status: l.status,
  lostReasonCode: l.lostReasonCode ?? "",
  lostNote: "",
  ownerId: l.ownerId ?? "",
  taskKind: "",
  taskDue: "2026-12-09T09:00",
  taskOwnerId: meId,
  taskTitle: "",
  note: "",
});

const save = (raw: Record<string, unknown>, actorId: string) => saveActionPanel(t.db, { raw, actorId, timeZone: "Europe/London", now: NOW });

const trail = (leadId: string) => t.db.leadActivity.findMany({ where: { leadId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

let dana: Awaited<ReturnType<typeof user>>;
let sam: Awaited<ReturnType<typeof user>>;

beforeAll(async () => {
  await seedLostReasons(t.db);
  dana = await user("Dana Panel");
  sam = await user("Sam Panel");
});
afterAll(() => t.cleanup());

describe("saving the action panel", () => {
  it("makes status, owner, task and note in one save, each its own timeline entry in the panel's order", async () => {
    const l = await lead();
    const out = await save(
      {
        ...untouched(l, dana.id),
        status: "contacted",
        ownerId: sam.id,
        taskKind: "call",
        taskDue: "2026-12-09T09:00",
        taskOwnerId: sam.id,
        taskTitle: "Ask about funding",
        note: "Keen on evenings",
      },
      dana.id,
    );
    expect(out).toEqual({ ok: true, changed: 4 });
    const after = await t.db.lead.findUniqueOrThrow({ where: { id: l.id } });
    expect(after).toMatchObject({ status: "contacted", ownerId: sam.id, firstContactedAt: NOW });
    const tasks = await t.db.task.findMany({ where: { leadId: l.id } });
    // 09:00 in London in December is 09:00 UTC.
    expect(tasks.map((x) => [x.kind, x.ownerId, x.title, x.dueAt.toISOString()])).toEqual([["call", sam.id, "Ask about funding", "2026-12-09T09:00:00.000Z"]]);
    expect((await trail(l.id)).map((a) => [a.type, a.actorId, a.detail])).toEqual([
      ["status", dana.id, null],
      ["assign", dana.id, "Sam Panel"],
      ["task", dana.id, "added a call task for Sam Panel: Ask about funding"],
      ["note", dana.id, "Keen on evenings"],
    ]);
  });

  it("writes nothing at all when one part is refused (a task for a banned staff member)", async () => {
    const gone = await user("Gone Panel", { banned: true });
    const l = await lead();
    const out = await save(
      { ...untouched(l, dana.id), status: "qualified", ownerId: sam.id, taskKind: "email", taskOwnerId: gone.id, note: "Should not stay" },
      dana.id,
    );
    expect(out).toEqual({ ok: false, fieldErrors: { taskOwnerId: "Choose an active staff member." } });
    expect(await t.db.lead.findUniqueOrThrow({ where: { id: l.id } })).toMatchObject({ status: "new", ownerId: null, firstContactedAt: null });
    expect(await trail(l.id)).toEqual([]);
    expect(await t.db.task.count({ where: { leadId: l.id } })).toBe(0);
  });

  it("writes nothing when the schema refuses the post (Lost without a reason)", async () => {
    const l = await lead();
    const out = await save({ ...untouched(l, dana.id), status: "lost", ownerId: sam.id, note: "Kept by the form" }, dana.id);
    expect(out).toEqual({ ok: false, fieldErrors: { lostReasonCode: "Choose why the lead was lost." } });
    expect(await trail(l.id)).toEqual([]);
  });

  it("makes no timeline entry for parts left as they are", async () => {
    const l = await lead({ status: "contacted", ownerId: sam.id });
    expect(await save(untouched(l, dana.id), dana.id)).toEqual({ ok: true, changed: 0 });
    expect(await save({ ...untouched(l, dana.id), note: "Only a note" }, dana.id)).toEqual({ ok: true, changed: 1 });
    expect((await trail(l.id)).map((a) => a.type)).toEqual(["note"]);
  });

  it("marks a lead lost with a code: the lead shows the label and the note, the timeline keeps the code", async () => {
    const l = await lead({ status: "contacted" });
    const out = await save({ ...untouched(l, dana.id), status: "lost", lostReasonCode: "price", lostNote: "Wants a payment plan" }, dana.id);
    expect(out).toEqual({ ok: true, changed: 1 });
    expect(await t.db.lead.findUniqueOrThrow({ where: { id: l.id } })).toMatchObject({
      status: "lost",
      lostReasonCode: "price",
      lostReason: "Price: Wants a payment plan",
    });
    expect((await trail(l.id)).map((a) => [a.toStatus, a.reasonCode, a.detail])).toEqual([["lost", "price", "Price: Wants a payment plan"]]);
    // Leaving lost clears the reason.
    await save({ ...untouched(l, dana.id), status: "qualified", lostReasonCode: "price" }, dana.id);
    expect(await t.db.lead.findUniqueOrThrow({ where: { id: l.id } })).toMatchObject({ status: "qualified", lostReasonCode: null, lostReason: null });
  });

  it("refuses an unknown reason code", async () => {
    const l = await lead();
    expect(await save({ ...untouched(l, dana.id), status: "lost", lostReasonCode: "made-up" }, dana.id)).toEqual({
      ok: false,
      fieldErrors: { lostReasonCode: "Choose a reason from the list." },
    });
  });

  it("keeps changeStatus's older call shape: free text for a lost lead", async () => {
    const l = await lead();
    expect(await changeStatus(t.db, { leadId: l.id, actorId: dana.id, status: "lost", lostReason: "Moved abroad", now: NOW })).toMatchObject({ ok: true });
    expect(await t.db.lead.findUniqueOrThrow({ where: { id: l.id } })).toMatchObject({ status: "lost", lostReason: "Moved abroad", lostReasonCode: null });
  });
});

describe("lost reasons as codes", () => {
  it("starts with the default list, in order", async () => {
    const codes = (await listLostReasons(t.db)).map((r) => r.code);
    expect(codes.slice(0, 6)).toEqual(["price", "timing", "chose-another-school", "not-qualified", "no-response", "other"]);
    expect(await seedLostReasons(t.db)).toEqual({ lostReasons: 0 });
  });

  it("adds, renames (the code stays), reorders and retires a reason; a retired one stays on the leads that have it", async () => {
    const added = await addLostReason(t.db, { label: "Visa refused" });
    if (!added.ok) throw new Error(added.error);
    expect(await addLostReason(t.db, { label: "Visa refused" })).toEqual({ ok: false, error: "There is already a reason with this name." });
    expect(await addLostReason(t.db, { label: "  " })).toEqual({ ok: false, error: "Enter the reason." });
    const made = await t.db.lostReason.findUniqueOrThrow({ where: { id: added.id } });
    expect(made.code).toBe("visa-refused");

    expect(await renameLostReason(t.db, { id: added.id, label: "Visa not granted" })).toEqual({ ok: true, id: added.id });
    expect(await t.db.lostReason.findUniqueOrThrow({ where: { id: added.id } })).toMatchObject({ code: "visa-refused", label: "Visa not granted" });

    const before = (await listLostReasons(t.db)).map((r) => r.code);
    await moveLostReason(t.db, { id: added.id, direction: "up" });
    const after = (await listLostReasons(t.db)).map((r) => r.code);
    const at = before.indexOf("visa-refused");
    expect(after.indexOf("visa-refused")).toBe(at - 1);
    expect(after[at]).toBe(before[at - 1]);

    // A lead lost for it, then the reason is retired.
    const l = await lead({ status: "contacted" });
    expect(await save({ ...untouched(l, dana.id), status: "lost", lostReasonCode: "visa-refused" }, dana.id)).toMatchObject({ ok: true });
    await setLostReasonActive(t.db, { id: added.id, active: false });

    // Still readable on the lead, and still offered on that lead's page only.
    expect(await t.db.lead.findUniqueOrThrow({ where: { id: l.id } })).toMatchObject({ lostReasonCode: "visa-refused", lostReason: "Visa not granted" });
    expect((await lostReasonChoices(t.db, "visa-refused")).find((r) => r.code === "visa-refused")).toMatchObject({ active: false });
    expect((await lostReasonChoices(t.db, null)).map((r) => r.code)).not.toContain("visa-refused");

    // Its own lead can be saved with it kept (another part changing); no other lead can be given it.
    const kept = await t.db.lead.findUniqueOrThrow({ where: { id: l.id } });
    expect(await save({ ...untouched(kept, dana.id), ownerId: sam.id }, dana.id)).toEqual({ ok: true, changed: 1 });
    const other = await lead({ status: "contacted" });
    expect(await save({ ...untouched(other, dana.id), status: "lost", lostReasonCode: "visa-refused", note: "Not written" }, dana.id)).toEqual({
      ok: false,
      fieldErrors: { lostReasonCode: "That reason has been retired. Choose another." },
    });
    expect(await trail(other.id)).toEqual([]);
  });
});
