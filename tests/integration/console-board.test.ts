import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { boardAfterMove, inboxHref, loadBoard, moveOnBoard, parseBoardFeedback, parseBoardFilters } from "@/lib/console/board";
import { changeStatus } from "@/lib/console/pipeline";

// The pipeline board (lib/console/board.ts): what each column holds, and a move that is a
// status change like the lead page's, on SQLite and PostgreSQL.

const t = createTestDb();
const staff = { me: "", other: "" };
const base = new Date("2026-11-02T09:00:00Z");
let n = 0;

async function user(name: string) {
  return (await t.db.user.create({ data: { id: randomUUID(), name, email: `${randomUUID().slice(0, 8)}@loomstack.example`, role: "staff" } })).id;
}

/** A lead made `minutes` after the base time, in a stage, for an owner and a program. */
async function lead(name: string, a: { minutes: number; status?: string; ownerId?: string; program?: string }) {
  const email = `board-${++n}-${randomUUID().slice(0, 6)}@example.com`;
  const contact = await t.db.contact.create({ data: { email, referralCode: `BRD${n}${randomUUID().slice(0, 4)}`.toUpperCase() } });
  const l = await t.db.lead.create({
    data: {
      contactId: contact.id,
      formType: "enroll",
      fields: "{}",
      name,
      email,
      status: a.status ?? "new",
      ownerId: a.ownerId,
      programSlug: a.program,
      createdAt: new Date(base.getTime() + a.minutes * 60_000),
      // The programs a lead names, as a submission writes them (the program filter reads these).
      ...(a.program ? { programs: { create: { programSlug: a.program } } } : {}),
    },
  });
  return l.id;
}

beforeAll(async () => {
  staff.me = await user("Mia Me");
  staff.other = await user("Otto Other");
});
afterAll(() => t.cleanup());

describe("the board's columns", () => {
  const program = `board-prog-${randomUUID().slice(0, 6)}`;
  beforeAll(async () => {
    // Five new leads of the program (minutes 1–5), two contacted, one lost, and leads of other programs.
    for (let i = 1; i <= 5; i++) await lead(`New ${i}`, { minutes: i, program, ownerId: i % 2 ? staff.me : undefined });
    await lead("Contacted A", { minutes: 10, status: "contacted", program, ownerId: staff.other });
    await lead("Contacted B", { minutes: 11, status: "contacted", program });
    await lead("Lost A", { minutes: 12, status: "lost", program, ownerId: staff.me });
    await lead("Elsewhere", { minutes: 20, program: "some-other-program", ownerId: staff.me });
  });

  const names = (cols: Awaited<ReturnType<typeof loadBoard>>) => Object.fromEntries(cols.map((c) => [c.status, c.cards.map((l) => l.name)]));

  it("has one column per stage in pipeline order, each with its count and newest cards first, capped", async () => {
    const cols = await loadBoard(t.db, { program }, { me: staff.me, perColumn: 3 });
    expect(cols.map((c) => c.status)).toEqual(["new", "contacted", "qualified", "enrolled", "lost"]);
    expect(names(cols)).toEqual({
      new: ["New 5", "New 4", "New 3"],
      contacted: ["Contacted B", "Contacted A"],
      qualified: [],
      enrolled: [],
      lost: ["Lost A"],
    });
    expect(cols.map((c) => [c.count, c.capped])).toEqual([
      [5, false],
      [2, false],
      [0, false],
      [0, false],
      [1, false],
    ]);
  });

  it("filters by owner (me, unassigned, a person) and program, read from the URL like the inbox", async () => {
    const mine = await loadBoard(t.db, parseBoardFilters(new URLSearchParams(`owner=me&program=${program}`)), { me: staff.me });
    expect(names(mine)).toMatchObject({ new: ["New 5", "New 3", "New 1"], contacted: [], lost: ["Lost A"] });
    const nobody = await loadBoard(t.db, { owner: "none", program }, { me: staff.me });
    expect(names(nobody)).toMatchObject({ new: ["New 4", "New 2"], contacted: ["Contacted B"], lost: [] });
    const otto = await loadBoard(t.db, { owner: staff.other, program }, { me: staff.me });
    expect(names(otto)).toMatchObject({ new: [], contacted: ["Contacted A"] });
    // Any other parameter in the URL (status, search) does not narrow the board.
    expect(parseBoardFilters(new URLSearchParams(`status=lost&q=x&program=${program}`))).toEqual({ owner: undefined, program });
  });

  it("links a column's other leads to the inbox with the same filters and that status", () => {
    expect(inboxHref({ owner: "me", program: "data-analytics" }, "contacted")).toBe("/console/leads?status=contacted&program=data-analytics&owner=me");
  });
});

describe("moving a card", () => {
  it("writes the same timeline row, first-contact stamp and status as a status change on the lead page", async () => {
    const viaBoard = await lead("Board Move", { minutes: 30 });
    const viaPage = await lead("Page Move", { minutes: 31 });
    const at = new Date("2026-11-03T10:15:00Z");
    expect(await moveOnBoard(t.db, { leadId: viaBoard, status: "contacted" }, staff.me, at)).toEqual({ ok: true, status: "contacted" });
    expect(await changeStatus(t.db, { leadId: viaPage, actorId: staff.me, status: "contacted", now: at })).toEqual({ ok: true });

    const row = async (leadId: string) => {
      const [a] = await t.db.leadActivity.findMany({ where: { leadId } });
      const l = await t.db.lead.findUniqueOrThrow({ where: { id: leadId } });
      return {
        activity: { actorId: a.actorId, type: a.type, fromStatus: a.fromStatus, toStatus: a.toStatus, detail: a.detail, createdAt: a.createdAt },
        lead: [l.status, l.firstContactedAt, l.statusChangedAt],
      };
    };
    const board = await row(viaBoard);
    expect(board).toEqual({
      activity: { actorId: staff.me, type: "status", fromStatus: "new", toStatus: "contacted", detail: null, createdAt: at },
      lead: ["contacted", at, at],
    });
    expect(board).toEqual(await row(viaPage));
  });

  it("refuses Lost without a reason and changes nothing; with one, records it", async () => {
    const id = await lead("Lost Without", { minutes: 40, status: "qualified" });
    expect(await moveOnBoard(t.db, { leadId: id, status: "lost" }, staff.me)).toEqual({ ok: false, error: "reason" });
    expect(await moveOnBoard(t.db, { leadId: id, status: "lost", lostReason: "   " }, staff.me)).toEqual({ ok: false, error: "reason" });
    expect((await t.db.lead.findUniqueOrThrow({ where: { id } })).status).toBe("qualified");
    expect(await t.db.leadActivity.count({ where: { leadId: id } })).toBe(0);

    expect(await moveOnBoard(t.db, { leadId: id, status: "lost", lostReason: "Chose a cheaper course" }, staff.me)).toEqual({ ok: true, status: "lost" });
    const l = await t.db.lead.findUniqueOrThrow({ where: { id } });
    expect([l.status, l.lostReason]).toEqual(["lost", "Chose a cheaper course"]);
    expect(await t.db.leadActivity.findFirstOrThrow({ where: { leadId: id } })).toMatchObject({ toStatus: "lost", detail: "Chose a cheaper course" });
  });

  it("answers bad input with a clean refusal: an unknown stage, a reason on two lines, a lead that is gone", async () => {
    const id = await lead("Tampered", { minutes: 50 });
    expect(await moveOnBoard(t.db, { leadId: id, status: "won" }, staff.me)).toEqual({ ok: false, error: "stage" });
    expect(await moveOnBoard(t.db, { leadId: id, status: "lost", lostReason: "a\nb" }, staff.me)).toEqual({ ok: false, error: "reason-invalid" });
    expect(await moveOnBoard(t.db, { leadId: "", status: "contacted" }, staff.me)).toEqual({ ok: false, error: "missing" });
    expect(await moveOnBoard(t.db, { leadId: "no-such-lead", status: "contacted" }, staff.me)).toEqual({ ok: false, error: "missing" });
    expect((await t.db.lead.findUniqueOrThrow({ where: { id } })).status).toBe("new");
  });

  it("comes back to the board with its filters and what happened, which the board reads again", () => {
    const f = { owner: "me", program: "data-analytics" };
    const moved = boardAfterMove(f, "lead1", { ok: true, status: "qualified" }, {});
    expect(moved).toBe("/console/board?program=data-analytics&owner=me&lead=lead1&moved=qualified#board-status");
    expect(parseBoardFeedback(new URL(moved, "http://x").searchParams)).toEqual({ kind: "moved", leadId: "lead1", status: "qualified", warning: false });

    const refused = boardAfterMove(f, "lead1", { ok: false, error: "reason" }, { status: "lost", reason: "" });
    const back = new URL(refused, "http://x").searchParams;
    expect(parseBoardFilters(back)).toEqual(f);
    expect(parseBoardFeedback(back)).toEqual({ kind: "error", leadId: "lead1", error: "reason", tried: "lost", reason: undefined });
    // Only known codes and stages are read back.
    expect(parseBoardFeedback(new URLSearchParams("error=<b>hi</b>&lead=x"))).toBeNull();
    expect(parseBoardFeedback(new URLSearchParams("error=reason&lead=x&tried=won"))).toMatchObject({ tried: undefined });
  });
});
