/**
 * On SQLite the app has one connection per process (@prisma/adapter-better-sqlite3), and the
 * adapter serialises transactions on it but not the queries made outside one. Without
 * lib/db/index.ts's gate, such a query, made by another request while a transaction waits
 * between two statements, ran inside that transaction: a read saw rows that were never
 * committed, and a write was rolled back with someone else's failed transaction, after its
 * caller had been told it was saved.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";

const t = createTestDb();
afterAll(() => t.cleanup());

/** A transaction that writes `key`, then waits for `release` and rolls back. */
function heldTransaction(key: string) {
  let entered!: () => void;
  let release!: () => void;
  const inside = new Promise<void>((r) => (entered = r));
  const hold = new Promise<void>((r) => (release = r));
  const done = t.db
    .$transaction(async (tx) => {
      await tx.setting.create({ data: { key, value: "uncommitted" } });
      entered();
      await hold;
      throw new Error("this transaction fails and rolls back");
    })
    .then(
      () => "committed",
      () => "rolled back",
    );
  return { inside, release, done };
}

const countOf = async (key: string) =>
  Number((await t.db.$queryRawUnsafe<{ c: number | bigint }[]>(`SELECT count(*) AS c FROM "Setting" WHERE key = ?`, key))[0].c);

describe.skipIf(t.provider !== "sqlite")("SQLite: queries outside a transaction wait for the open one", () => {
  it("a read made while another request's transaction is open does not see its uncommitted rows", async () => {
    const held = heldTransaction("held-1");
    await held.inside;
    const read = countOf("held-1");
    await new Promise((r) => setTimeout(r, 100));
    held.release();
    expect(await held.done).toBe("rolled back");
    expect(await read).toBe(0);
  });

  it("writes made while another request's transaction is open survive its rollback", async () => {
    const held = heldTransaction("held-2");
    await held.inside;
    const order: string[] = [];
    const model = t.db.setting.create({ data: { key: "outside-2", value: "saved" } }).then(() => order.push("model write"));
    const raw = t.db
      .$executeRawUnsafe(`INSERT INTO "Setting" (key, value, updatedAt) VALUES ('outside-3', 'saved', '2026-12-07T00:00:00.000+00:00')`)
      .then(() => order.push("raw write"));
    const read = countOf("held-2").then(() => order.push("read"));
    await new Promise((r) => setTimeout(r, 100));
    order.push("released");
    held.release();
    expect(await held.done).toBe("rolled back");
    await Promise.all([model, raw, read]);
    expect(order[0]).toBe("released");
    const keys = (await t.db.setting.findMany({ where: { key: { in: ["held-2", "outside-2", "outside-3"] } }, select: { key: true } }))
      .map((r) => r.key)
      .sort();
    expect(keys).toEqual(["outside-2", "outside-3"]);
  });
});
