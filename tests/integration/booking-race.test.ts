import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimedBlocks } from "@/lib/booking/blocks";
import { bookSlot, rescheduleBooking, type BookRequest, type BookResult } from "@/lib/booking/book";
import { createDb, type Db } from "@/lib/db";
import { dialectOf, type Tx } from "@/lib/db/dialect";
import { createTestDb } from "../helpers/test-db";
import { narrow } from "../helpers/narrow";
import { PROJECT_ROOT } from "../helpers/app-server";
import { book, bookRequest, makeAdvisor, makeCallType, makeVisitor, MINUTE, SITE, txOptions, type Isolation } from "../helpers/booking";

/**
 * Visitors racing for one time, all at once. On PostgreSQL each booking runs in its own
 * transaction on its own database client (its own pool), as on several app servers. On
 * SQLite they share the file's one client, as the requests of one app server do (two
 * clients in one process would block each other: better-sqlite3 waits for a lock
 * synchronously); the last test races separate processes on either database.
 *
 * On PostgreSQL the racers are held at the claim until every one of them has read the
 * advisors' bookings and found the time free, so what decides is the database's unique
 * claim, not a check in the application. On SQLite one write transaction runs at a time
 * (BEGIN IMMEDIATE), so each racer reads what the one before committed.
 *
 * "The claim decides" shows the same on either database with a check that missed the
 * booking already made, as a stale read on another server would.
 *
 * Each race runs with the client's own transactions (SERIALIZABLE on PostgreSQL: the loser
 * of the claim is aborted and runs again) and with READ COMMITTED (the loser's claim waits
 * for the winner, then inserts nothing and counts short), as a submission's transaction runs.
 */
const t = createTestDb();
const parallel = dialectOf(t.db).parallelWriters;
const NOW = new Date("2027-03-01T06:00:00Z");
const RACERS = 10;
let clients: Db[] = [];

beforeAll(async () => {
  clients = parallel ? Array.from({ length: RACERS }, () => createDb(t.url, { pg: { max: 2 } })) : [t.db];
  // Connected before any race, so the racers start together.
  await Promise.all(clients.map((c) => c.callType.count()));
});
afterAll(async () => {
  await Promise.all(clients.filter((c) => c !== t.db).map((c) => c.$disconnect()));
  await t.cleanup();
});

/** Resolves for everyone once `n` have arrived (or after a while, so a racer that never arrives cannot hang the test). */
function barrier(n: number) {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const timer = setTimeout(open, 5_000);
  return async () => {
    if (++arrived >= n) {
      clearTimeout(timer);
      open();
    }
    await opened;
  };
}

/** The transaction, with its first claim held at the barrier (PostgreSQL only; SQLite would wait for itself). */
function heldAtClaim(tx: Tx, wait: () => Promise<void>): Tx {
  return new Proxy(tx, {
    get(target, prop) {
      const value = Reflect.get(target, prop) as unknown;
      if (prop !== "$executeRaw" || typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        await wait();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** Every request at once, each on its own client. */
async function race(requests: BookRequest[], isolation: Isolation): Promise<BookResult[]> {
  const wait = barrier(requests.length);
  return Promise.all(
    requests.map((r, i) => {
      const db = clients[i % clients.length];
      return db.$transaction((tx) => bookSlot(parallel ? heldAtClaim(tx, wait) : tx, r), txOptions(db, isolation));
    }),
  );
}

/** What must hold whatever the race: no two live calls of an advisor meet (buffers included), every live call holds all its blocks. */
async function expectNoOverlap(advisorIds: string[]) {
  for (const advisorId of advisorIds) {
    const rows = await t.db.booking.findMany({ where: { advisorId, status: "booked" }, orderBy: { startsAt: "asc" }, include: { claims: true } });
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i].startsAt.getTime()).toBeGreaterThanOrEqual(rows[i - 1].endsAt.getTime() + rows[i - 1].bufferMinutes * MINUTE);
    }
    for (const b of rows) expect(b.claims.map((c) => c.block).sort((x, y) => x - y)).toEqual(claimedBlocks(b.startsAt, b.endsAt, b.bufferMinutes));
  }
}

const visitors = (n: number) => Promise.all(Array.from({ length: n }, () => makeVisitor(t.db)));

describe.each<Isolation>(["default", "read-committed"])("racing for one time (%s transactions)", (isolation) => {
  it("two visitors, one advisor: one booking, and the other is told the time was just taken, with the next times", async () => {
    const ct = await makeCallType(t.db);
    const adv = await makeAdvisor(t.db, { callTypeIds: [ct.id] });
    const startsAt = new Date("2027-03-02T10:00:00Z");
    const people = await visitors(2);
    const results = await race(
      people.map((v) => bookRequest(v, ct.id, startsAt, NOW)),
      isolation,
    );
    const won = results.filter((r) => r.ok);
    const lost = results.filter((r) => !r.ok);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const loser = narrow(lost[0], "ok", false);
    expect(loser.reason).toBe("taken");
    expect(loser.message).toBe("That time was just taken. Please choose another time.");
    // 10:00–10:20 and its 10-minute buffer are gone: the next starts are 10:30 on.
    expect(loser.nextSlots.map((s) => s.startsAt.toISOString())).toEqual([
      "2027-03-02T10:30:00.000Z",
      "2027-03-02T10:45:00.000Z",
      "2027-03-02T11:00:00.000Z",
      "2027-03-02T11:15:00.000Z",
      "2027-03-02T11:30:00.000Z",
    ]);
    expect(await t.db.booking.count({ where: { callTypeId: ct.id } })).toBe(1);
    // The loser left nothing behind: no booking, no emails, no timeline line.
    const loserLead = people[results.indexOf(loser)].leadId;
    expect(await t.db.emailMessage.count({ where: { leadId: loserLead } })).toBe(0);
    expect(await t.db.leadActivity.count({ where: { leadId: loserLead } })).toBe(0);
    await expectNoOverlap([adv.id]);
  });

  it(`${RACERS} visitors, one advisor: one booking, ${RACERS - 1} times "taken"`, async () => {
    const ct = await makeCallType(t.db);
    const adv = await makeAdvisor(t.db, { callTypeIds: [ct.id] });
    const startsAt = new Date("2027-03-03T10:00:00Z");
    const results = await race(
      (await visitors(RACERS)).map((v) => bookRequest(v, ct.id, startsAt, NOW)),
      isolation,
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(Array(RACERS - 1).fill("taken"));
    expect(results.every((r) => r.ok || r.nextSlots.length === 5)).toBe(true);
    expect(await t.db.booking.count({ where: { callTypeId: ct.id } })).toBe(1);
    await expectNoOverlap([adv.id]);
  });

  it("three visitors, two advisors: two bookings on different advisors, the third is taken", async () => {
    const ct = await makeCallType(t.db);
    const a = await makeAdvisor(t.db, { callTypeIds: [ct.id] });
    const b = await makeAdvisor(t.db, { callTypeIds: [ct.id] });
    const startsAt = new Date("2027-03-04T10:00:00Z");
    const results = await race(
      (await visitors(3)).map((v) => bookRequest(v, ct.id, startsAt, NOW)),
      isolation,
    );
    const won = results.filter((r) => r.ok);
    expect(won.map((r) => r.advisorId).sort()).toEqual([a.id, b.id].sort());
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(["taken"]);
    await expectNoOverlap([a.id, b.id]);
  });

  it("calls of different lengths that would overlap: only one of them is booked", async () => {
    const short = await makeCallType(t.db, { durationMinutes: 20 });
    const long = await makeCallType(t.db, { durationMinutes: 60 });
    const adv = await makeAdvisor(t.db, { callTypeIds: [short.id, long.id], bufferMinutes: 15 });
    const [v1, v2, v3] = await visitors(3);
    // 11:00–12:00 (+15) against 11:45–12:05 and 10:30–10:50 (+15 ends at 11:05).
    const results = await race(
      [
        bookRequest(v1, long.id, new Date("2027-03-05T11:00:00Z"), NOW),
        bookRequest(v2, short.id, new Date("2027-03-05T11:45:00Z"), NOW),
        bookRequest(v3, short.id, new Date("2027-03-05T10:30:00Z"), NOW),
      ],
      isolation,
    );
    const won = results.filter((r) => r.ok);
    // The long call meets both short ones, which do not meet each other: the long one alone, or both short ones.
    const startsWon = won.map((r) => r.ok && r.startsAt.toISOString().slice(11, 16)).sort();
    expect([["11:00"], ["10:30", "11:45"]]).toContainEqual(startsWon);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === "taken")).toBe(true);
    await expectNoOverlap([adv.id]);
  });

  it("a call being moved and a new booking race for one time: one of them gets it", async () => {
    const ct = await makeCallType(t.db);
    const adv = await makeAdvisor(t.db, { callTypeIds: [ct.id] });
    const [mover, newcomer] = await visitors(2);
    const booked = narrow(await book(t.db, bookRequest(mover, ct.id, new Date("2027-03-08T09:00:00Z"), NOW), isolation), "ok", true);
    const target = new Date("2027-03-08T14:00:00Z");
    const wait = barrier(2);
    const held = (tx: Tx) => (parallel ? heldAtClaim(tx, wait) : tx);
    const [moved, fresh] = await Promise.all([
      clients[0].$transaction(
        (tx) => rescheduleBooking(held(tx), { bookingId: booked.bookingId, startsAt: target, now: NOW, siteUrl: SITE }),
        txOptions(clients[0], isolation),
      ),
      clients[1 % clients.length].$transaction((tx) => bookSlot(held(tx), bookRequest(newcomer, ct.id, target, NOW)), txOptions(clients[0], isolation)),
    ]);
    expect([moved.ok, fresh.ok].filter(Boolean)).toHaveLength(1);
    const row = await t.db.booking.findUniqueOrThrow({ where: { id: booked.bookingId } });
    // The move that lost leaves the call where it was, with its claims.
    expect(row.startsAt.toISOString()).toBe(moved.ok ? target.toISOString() : "2027-03-08T09:00:00.000Z");
    await expectNoOverlap([adv.id]);
  });
});

/** The transaction as one whose read of the advisors' bookings came too early and saw none (a stale read). */
function blindToBookings(tx: Tx): Tx {
  const bookings = new Proxy(tx.booking, {
    get(target, prop) {
      const value = Reflect.get(target, prop) as unknown;
      return prop === "findMany" ? async () => [] : value;
    },
  });
  return new Proxy(tx, { get: (target, prop) => (prop === "booking" ? bookings : Reflect.get(target, prop)) });
}

describe("the claim decides", () => {
  it("refuses a booking whose availability check missed the call already there, and leaves nothing behind", async () => {
    const ct = await makeCallType(t.db);
    const adv = await makeAdvisor(t.db, { callTypeIds: [ct.id] });
    const [first, second] = await visitors(2);
    narrow(await book(t.db, bookRequest(first, ct.id, new Date("2027-03-10T10:00:00Z"), NOW)), "ok", true);
    // 10:15 meets 10:00–10:20 and its buffer; the blind check offers it anyway.
    const out = await t.db.$transaction((tx) => bookSlot(blindToBookings(tx), bookRequest(second, ct.id, new Date("2027-03-10T10:15:00Z"), NOW)));
    expect(out).toMatchObject({ ok: false, reason: "taken" });
    expect(await t.db.booking.count({ where: { callTypeId: ct.id } })).toBe(1);
    expect(await t.db.emailMessage.count({ where: { leadId: second.leadId } })).toBe(0);
    await expectNoOverlap([adv.id]);
  });
});

describe("racing from separate processes", () => {
  it("three processes book one time: one booking, two times taken", async () => {
    const ct = await makeCallType(t.db);
    const adv = await makeAdvisor(t.db, { callTypeIds: [ct.id] });
    const startsAt = new Date("2027-03-09T10:00:00Z");
    const people = await visitors(3);
    const children = people.map((v) =>
      spawn(
        process.execPath,
        ["--import", "tsx", path.join("tests/helpers/booking-race-worker.ts"), JSON.stringify(bookRequest(v, ct.id, startsAt, NOW)), "read-committed"],
        {
          cwd: PROJECT_ROOT,
          env: { ...process.env, DATABASE_URL: t.url },
          stdio: ["pipe", "pipe", "pipe"],
        },
      ),
    );
    const outputs = children.map((child) => {
      let out = "";
      let err = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (err += d));
      const ready = new Promise<void>((resolve) => {
        const check = () => (out.includes("ready\n") ? resolve() : setTimeout(check, 20));
        check();
      });
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      return { ready, exited, out: () => out, err: () => err };
    });
    await Promise.all(outputs.map((o) => o.ready));
    for (const child of children) child.stdin.write("go\n");
    const codes = await Promise.all(outputs.map((o) => o.exited));
    if (codes.some((c) => c !== 0)) console.error(outputs.map((o) => o.err()).join("\n---\n"));
    expect(codes).toEqual([0, 0, 0]);
    const results = outputs.map((o) => JSON.parse(o.out().split("\n").filter(Boolean).pop()!) as { ok: boolean; reason?: string });
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => r.reason)).toEqual(["taken", "taken"]);
    expect(await t.db.booking.count({ where: { callTypeId: ct.id } })).toBe(1);
    await expectNoOverlap([adv.id]);
  }, 60_000);
});
