import { afterAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { randomCode } from "@/lib/leads/codes";
import { issueDiscountCode } from "@/lib/discounts/issue";

const t = createTestDb();
afterAll(() => t.cleanup());

const now = new Date(Date.UTC(2026, 11, 1, 9));
const contact = (email: string) => t.db.contact.create({ data: { email, referralCode: randomCode(10) } });

describe("issueDiscountCode", () => {
  it("mints a code with the given rules, defaulting to 20%, 90 days, every program, single use", async () => {
    const c = await contact("rules@example.com");
    const r = await t.db.$transaction((tx) => issueDiscountCode(tx, { contactId: c.id, email: "rules@example.com", now }));
    expect(r).toMatchObject({ ok: true, created: true });
    if (!r.ok) throw new Error("no code");
    expect(r.discount).toMatchObject({ percent: 20, programSlugs: [], singleUse: true, usedAt: null, contactId: c.id });
    expect(r.discount.code).toMatch(/^LOOM20-[A-Z2-9]{8}$/);
    expect(r.discount.expiresAt.toISOString()).toBe("2027-03-01T09:00:00.000Z");

    const d = await contact("custom@example.com");
    const custom = await t.db.$transaction((tx) =>
      issueDiscountCode(tx, { contactId: d.id, email: "custom@example.com", now, percent: 15, days: 30, programSlugs: ["data-analytics"], singleUse: false }),
    );
    expect(custom).toMatchObject({ ok: true, discount: { percent: 15, programSlugs: ["data-analytics"], singleUse: false } });
    if (custom.ok) expect(custom.discount.code).toMatch(/^LOOM15-/);
  });

  it("gives aliases of one inbox the code already issued, whoever asks", async () => {
    const a = await contact("sam.lee@gmail.com");
    const b = await contact("samlee+promo@googlemail.com");
    const first = await t.db.$transaction((tx) => issueDiscountCode(tx, { contactId: a.id, email: "sam.lee@gmail.com", now }));
    const later = new Date(now.getTime() + 86_400_000);
    const second = await t.db.$transaction((tx) => issueDiscountCode(tx, { contactId: b.id, email: "samlee+promo@googlemail.com", now: later, percent: 30 }));
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second).toMatchObject({ created: false, discount: { code: first.discount.code, percent: 20, contactId: a.id } });
    expect(await t.db.discountCode.count({ where: { normalizedEmail: "samlee@gmail.com" } })).toBe(1);
  });

  it("gives an enrolled student no code", async () => {
    const c = await contact("student@example.com");
    await t.db.lead.create({ data: { contactId: c.id, formType: "enroll", status: "enrolled", email: "student@example.com", fields: "{}" } });
    const r = await t.db.$transaction((tx) => issueDiscountCode(tx, { contactId: c.id, email: "student@example.com", now }));
    expect(r).toEqual({ ok: false, reason: "enrolled" });
    expect(await t.db.discountCode.count({ where: { contactId: c.id } })).toBe(0);

    // A lead that is only in progress does not count.
    const p = await contact("prospect@example.com");
    await t.db.lead.create({ data: { contactId: p.id, formType: "enroll", status: "qualified", email: "prospect@example.com", fields: "{}" } });
    expect(await t.db.$transaction((tx) => issueDiscountCode(tx, { contactId: p.id, email: "prospect@example.com", now }))).toMatchObject({ ok: true });
  });

  it("issues one code when several transactions ask for aliases at the same moment", async () => {
    const emails = ["race.x@gmail.com", "racex@gmail.com", "r.a.c.e.x+1@gmail.com", "RaceX+2@googlemail.com"];
    const people = await Promise.all(emails.map(contact));
    // On PostgreSQL every transaction is open (and has looked) before any issues, so they
    // truly overlap; SQLite runs one write transaction at a time, so they simply queue.
    let arrived = 0;
    let release!: () => void;
    const barrier = new Promise<void>((r) => (release = r));
    const together = async () => {
      if (t.provider !== "postgres") return;
      if (++arrived === emails.length) release();
      await barrier;
    };
    const results = await Promise.all(
      people.map((p, i) =>
        t.db.$transaction(
          async (tx) => {
            await tx.discountCode.findUnique({ where: { normalizedEmail: "racex@gmail.com" } });
            await together();
            return issueDiscountCode(tx, { contactId: p.id, email: emails[i], now });
          },
          { maxWait: 15_000, timeout: 15_000 },
        ),
      ),
    );
    const codes = new Set(results.map((r) => (r.ok ? r.discount.code : null)));
    expect(codes.size).toBe(1);
    expect(results.filter((r) => r.ok && r.created)).toHaveLength(1);
    expect(await t.db.discountCode.count({ where: { normalizedEmail: "racex@gmail.com" } })).toBe(1);
  });
});
