/**
 * lib/db/dialect.ts against a real database (SQLite, or PostgreSQL with
 * TEST_DATABASE=postgres): what each dialect promises, checked by what the database does.
 * Waiting is on conditions the database reports (pg_stat_activity), never on a timer.
 */
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { dialectOf, type Tx } from "@/lib/db/dialect";
import { sqlInTransaction } from "@/lib/db/sql";

const t = createTestDb();
const dialect = dialectOf(t.db);
const onPostgres = t.provider === "postgres";
afterAll(() => t.cleanup());

/** A promise and its resolve function. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Resolves once some other session waits for an advisory lock (PostgreSQL). */
async function someoneWaitsForAnAdvisoryLock() {
  for (;;) {
    const rows = await t.db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`;
    if (Number(rows[0].n) > 0) return;
    await new Promise((r) => setImmediate(r));
  }
}

describe("the dialect of the test database", () => {
  it("names the provider Better Auth's adapter expects", () => {
    expect(dialect.name).toBe(t.provider);
    expect(dialect.authProvider).toBe(onPostgres ? "postgresql" : "sqlite");
    expect(dialect.parallelWriters).toBe(onPostgres);
  });

  it("runs readCommitted transactions at READ COMMITTED where there are levels", async () => {
    if (!onPostgres) {
      expect(dialect.readCommitted).toEqual({});
      return;
    }
    const level = (options = {}) =>
      t.db.$transaction(async (tx) => (await tx.$queryRaw<{ transaction_isolation: string }[]>`SHOW transaction_isolation`)[0].transaction_isolation, options);
    expect(await level()).toBe("serializable"); // the client's default
    expect(await level(dialect.readCommitted)).toBe("read committed");
  });
});

describe("lockPerson", () => {
  it.skipIf(!onPostgres)("queues one person's transactions (any case of their email) and lets other people through", async () => {
    const aHolds = deferred();
    const releaseA = deferred();
    const order: string[] = [];
    const a = t.db.$transaction(async (tx) => {
      await dialect.lockPerson(tx, "ada@example.com");
      aHolds.resolve();
      await releaseA.promise;
      order.push("a done");
    }, dialect.readCommitted);
    await aHolds.promise;

    // Someone else: does not wait for Ada (if it did, this await would never return).
    await t.db.$transaction((tx) => dialect.lockPerson(tx, "bob@example.com"), dialect.readCommitted);

    const b = t.db.$transaction(async (tx) => {
      await dialect.lockPerson(tx, "ADA@Example.com");
      order.push("b locked");
    }, dialect.readCommitted);
    await someoneWaitsForAnAdvisoryLock();
    expect(order).toEqual([]);
    releaseA.resolve();
    await Promise.all([a, b]);
    expect(order).toEqual(["a done", "b locked"]);
  });

  it.skipIf(onPostgres)("is nothing to do on SQLite, where one write transaction runs at a time", async () => {
    await expect(t.db.$transaction((tx) => dialect.lockPerson(tx, "ada@example.com"))).resolves.toBeUndefined();
  });
});

describe("claimDue", () => {
  const now = new Date("2026-06-15T12:00:00.000Z");
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
  const message = (id: string, over: { status?: string; nextAttemptAt: Date; lockedUntil?: Date | null }) => ({
    id,
    toAddress: `${id}@example.com`,
    template: "newsletter-welcome",
    data: "{}",
    category: "transactional",
    idempotencyKey: id,
    ...over,
  });

  beforeEach(async () => {
    await t.db.emailMessage.deleteMany();
    await t.db.emailMessage.createMany({
      data: [
        message("due-1", { nextAttemptAt: at(-40) }),
        message("due-2", { nextAttemptAt: at(-30) }),
        message("due-3", { nextAttemptAt: at(-20), lockedUntil: at(-1) }), // lease over
        message("due-4", { nextAttemptAt: at(-10) }),
        message("leased", { nextAttemptAt: at(-50), lockedUntil: at(5) }),
        message("later", { nextAttemptAt: at(10) }),
        message("sent", { nextAttemptAt: at(-60), status: "sent" }),
      ],
    });
  });

  it("gives pending, due, unleased messages, oldest first, up to the limit", async () => {
    const ids = (limit: number) => t.db.$transaction(async (tx) => (await dialect.claimDue(tx, now, limit)).map((m) => m.id));
    expect(await ids(10)).toEqual(["due-1", "due-2", "due-3", "due-4"]);
    expect(await ids(2)).toEqual(["due-1", "due-2"]);
    const three = await t.db.$transaction((tx) => dialect.claimDue(tx, now, 10));
    expect(three.find((m) => m.id === "due-3")?.lockedUntil).toEqual(at(-1));
  });

  it.skipIf(!onPostgres)("hands claimers at the same moment different rows, without waiting for each other", async () => {
    const firstHolds = deferred<string[]>();
    const releaseFirst = deferred();
    const first = t.db.$transaction(async (tx) => {
      firstHolds.resolve((await dialect.claimDue(tx, now, 2)).map((m) => m.id));
      await releaseFirst.promise;
    }, dialect.readCommitted);
    expect(await firstHolds.promise).toEqual(["due-1", "due-2"]);
    // While the first still holds its rows (if this waited for them, it would never return):
    const second = await t.db.$transaction(async (tx) => (await dialect.claimDue(tx, now, 10)).map((m) => m.id), dialect.readCommitted);
    expect(second).toEqual(["due-3", "due-4"]);
    releaseFirst.resolve();
    await first;
  });
});

describe("insensitive", () => {
  it("matches names whatever their case", async () => {
    await t.db.contact.create({ data: { email: "ada.insensitive@example.com", name: "ADA Lovelace", referralCode: "INSENS01" } });
    const found = await t.db.contact.findMany({ where: { name: dialect.insensitive({ startsWith: "ada l" }) }, select: { email: true } });
    expect(found.map((c) => c.email)).toEqual(["ada.insensitive@example.com"]);
  });
});

describe("Kysely on a Prisma transaction's connection", () => {
  it("sees the transaction's own uncommitted writes, and nothing once it rolls back", async () => {
    const query = dialect.builder.selectFrom("Setting").select(["key", "value"]).where("key", "=", "dialect-test").compile();
    const seen = deferred<unknown[]>();
    await expect(
      t.db.$transaction(async (tx: Tx) => {
        await tx.setting.create({ data: { key: "dialect-test", value: "inside" } });
        seen.resolve(await sqlInTransaction(t.db, tx).all(query));
        throw new Error("roll back (test)");
      }),
    ).rejects.toThrow(/roll back/);
    expect(await seen.promise).toEqual([{ key: "dialect-test", value: "inside" }]);
    expect(await t.db.$transaction((tx) => sqlInTransaction(t.db, tx).all(query))).toEqual([]);
  });
});
