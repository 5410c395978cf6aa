/**
 * lib/db/sql.ts: typed SQL on the transaction Prisma already has (the submission path). What
 * it must keep: its statements are part of that transaction (they roll back with it), what it
 * writes reads back through Prisma as the same values, and a duplicate key is recognised as
 * one. On SQLite and PostgreSQL (TEST_DATABASE=postgres).
 */
import { afterAll, describe, expect, it } from "vitest";
import { at, newId, sqlInTransaction, sqlOutside } from "../../lib/db/sql";
import { isUniqueViolation } from "../../lib/leads/errors";
import { createTestDb } from "../helpers/test-db";

const t = createTestDb();
afterAll(() => t.cleanup());

const contact = (email: string, now: Date) => ({
  id: newId(),
  email,
  phone: null,
  name: "Typed Sql",
  nameSource: "submission",
  referralCode: newId().slice(-10).toUpperCase(),
  referredById: null,
  respondedAt: at(now),
  createdAt: at(now),
  updatedAt: at(now),
});

describe(`typed SQL in Prisma's transaction (${t.provider})`, () => {
  it("rolls back with the transaction it runs in", async () => {
    const now = new Date("2026-03-29T01:30:00.123Z");
    const email = `rollback-${newId()}@example.com`;
    await expect(
      t.db.$transaction(async (tx) => {
        const sql = sqlInTransaction(t.db, tx);
        await sql.run(sql.q.insertInto("Contact").values(contact(email, now)).compile());
        // Seen inside the transaction...
        expect(await sql.first(sql.q.selectFrom("Contact").select("email").where("email", "=", email).compile())).toEqual({ email });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    // ...and gone with it.
    expect(await t.db.contact.findUnique({ where: { email } })).toBeNull();
  });

  it("writes dates and values that Prisma reads back unchanged, and reads them back as Dates", async () => {
    const now = new Date("2026-10-25T00:59:59.987Z");
    const email = `roundtrip-${newId()}@example.com`;
    const row = contact(email, now);
    await t.db.$transaction(async (tx) => {
      const sql = sqlInTransaction(t.db, tx);
      await sql.run(sql.q.insertInto("Contact").values(row).compile());
    });
    const stored = await t.db.contact.findUniqueOrThrow({ where: { email } });
    expect(stored).toMatchObject({ id: row.id, email, name: "Typed Sql", nameSource: "submission", referralCode: row.referralCode });
    expect(stored.respondedAt?.toISOString()).toBe("2026-10-25T00:59:59.987Z");
    expect(stored.createdAt.toISOString()).toBe("2026-10-25T00:59:59.987Z");
    // Compared as dates in a WHERE, and read back through the runner.
    const sql = sqlOutside(t.db);
    const found = await sql.all(
      sql.q
        .selectFrom("Contact")
        .select(["id", "respondedAt"])
        .where("email", "=", email)
        .where("respondedAt", ">=", at(new Date("2026-10-25T00:59:59.987Z")))
        .where("respondedAt", "<", at(new Date("2026-10-25T00:59:59.988Z")))
        .compile(),
    );
    expect(found.map((f) => [f.id, sql.date(f.respondedAt)?.toISOString()])).toEqual([[row.id, "2026-10-25T00:59:59.987Z"]]);
  });

  it("a duplicate key from typed SQL is a unique violation, inside a transaction or not", async () => {
    const now = new Date("2026-06-01T12:00:00.000Z");
    const email = `twice-${newId()}@example.com`;
    const sql = sqlOutside(t.db);
    await sql.run(sql.q.insertInto("Contact").values(contact(email, now)).compile());
    const outside = await sql.run(sql.q.insertInto("Contact").values(contact(email, now)).compile()).catch((e: unknown) => e);
    expect(isUniqueViolation(outside)).toBe(true);
    const inside = await t.db
      .$transaction(async (tx) => {
        const s = sqlInTransaction(t.db, tx);
        await s.run(s.q.insertInto("Contact").values(contact(email, now)).compile());
      })
      .catch((e: unknown) => e);
    expect(isUniqueViolation(inside)).toBe(true);
    // Any other failure is not one.
    const other = await sql
      .run(
        sql.q
          .insertInto("Contact")
          .values({ ...contact(`other-${newId()}@example.com`, now), referralCode: null as never })
          .compile(),
      )
      .catch((e: unknown) => e);
    expect(other).toBeInstanceOf(Error);
    expect(isUniqueViolation(other)).toBe(false);
  });
});

describe("newId", () => {
  it("is 25 lower-case letters and digits, starting with c, in the order made, and does not repeat", () => {
    const ids = Array.from({ length: 20_000 }, newId);
    for (const id of ids.slice(0, 100)) expect(id).toMatch(/^c[a-z0-9]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // Sorted as text, they keep the order they were made in (rows inserted in one
    // millisecond list in insertion order by id, as with Prisma's cuid()).
    expect([...ids].sort()).toEqual(ids);
  });
});
