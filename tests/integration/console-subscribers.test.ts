import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { confirmNewsletter } from "../helpers/funnel";
import { createMemoryRateLimiter } from "@/lib/rate-limit";
import { submitLead, type SubmissionDeps } from "@/lib/leads/pipeline";
import { randomCode } from "@/lib/leads/codes";
import { listSubscribers, normalizeEmailPrefix, SUBSCRIBERS_PAGE_SIZE } from "@/lib/console/subscribers";

const t = createTestDb();
afterAll(() => t.cleanup());

const day = (n: number) => new Date(Date.UTC(2026, 10, 1 + n, 12));

async function subscriber(email: string, name: string | null, at: Date, unsubscribedAt: Date | null = null, confirmedAt: Date | null = at) {
  const c = await t.db.contact.create({ data: { email, name, referralCode: randomCode(10) } });
  return t.db.newsletterSubscription.create({
    data: {
      contactId: c.id,
      discountCode: `LOOM20-${randomCode(8)}`,
      discountPercent: 20,
      consentVersion: "newsletter-2026-11",
      consentText: "Send me the newsletter.",
      consentAt: at,
      confirmedAt,
      unsubscribedAt,
      createdAt: at,
    },
  });
}

beforeAll(async () => {
  await subscriber("ana@example.com", "Ana Active", day(1));
  await subscriber("ben@example.com", null, day(2), day(5));
  await subscriber("bea@example.com", "Bea Bounced", day(3));
  await t.db.discountCode.create({
    data: {
      code: "LOOM20-ANACODE2",
      contactId: (await t.db.contact.findUniqueOrThrow({ where: { email: "ana@example.com" } })).id,
      normalizedEmail: "ana@example.com",
      percent: 20,
      expiresAt: day(91),
    },
  });
  await t.db.emailSuppression.create({ data: { address: "bea@example.com", scope: "all", reason: "hard_bounce" } });
});

describe("newsletter subscribers", () => {
  it("lists every subscription newest first with code, percent, dates, status and consent, and totals", async () => {
    const list = await listSubscribers(t.db);
    expect(list).toMatchObject({ total: 3, page: 1, pages: 1, totals: { all: 3, confirmed: 2, waiting: 0, unsubscribed: 1 } });
    expect(list.rows.map((r) => r.email)).toEqual(["bea@example.com", "ben@example.com", "ana@example.com"]);
    expect(list.rows[0]).toMatchObject({
      name: "Bea Bounced",
      subscribedAt: day(3),
      unsubscribedAt: null,
      suppression: { scope: "all", reason: "hard_bounce" },
    });
    expect(list.rows[1]).toMatchObject({ name: null, unsubscribedAt: day(5), suppression: null, consentVersion: "newsletter-2026-11" });
    expect(list.rows[2]).toMatchObject({
      consentAt: day(1),
      confirmedAt: day(1),
      discount: { code: "LOOM20-ANACODE2", percent: 20, expiresAt: day(91), usedAt: null },
    });
    expect(list.rows[0].discount).toBeNull();
  });

  it("filters active / unsubscribed and searches by the start of the email, case-insensitively", async () => {
    const emails = async (f: Parameters<typeof listSubscribers>[1]) => (await listSubscribers(t.db, f)).rows.map((r) => r.email);
    expect(await emails({ status: "confirmed" })).toEqual(["bea@example.com", "ana@example.com"]);
    expect(await emails({ status: "waiting" })).toEqual([]);
    expect(await emails({ status: "unsubscribed" })).toEqual(["ben@example.com"]);
    expect(await emails({ q: " B " })).toEqual(["bea@example.com", "ben@example.com"]);
    expect(await emails({ q: "BE", status: "confirmed" })).toEqual(["bea@example.com"]);
    expect(await emails({ q: "example" })).toEqual([]); // the start, not anywhere
    expect(await emails({ q: "%" })).toEqual([]);
    const filtered = await listSubscribers(t.db, { status: "unsubscribed" });
    expect(filtered).toMatchObject({ total: 1, totals: { all: 3, confirmed: 2, waiting: 0, unsubscribed: 1 } });
    expect(normalizeEmailPrefix("   ")).toBeUndefined();
  });

  it("pages by 50 with totals", async () => {
    for (let i = 0; i < 60; i++)
      await subscriber(`page${String(i).padStart(2, "0")}@example.com`, `Page ${i}`, new Date(day(10).getTime() + i * 60_000), null, i % 2 ? null : day(11));
    const first = await listSubscribers(t.db, { q: "page" });
    expect(first).toMatchObject({ total: 60, pages: 2, page: 1 });
    expect(first.rows).toHaveLength(SUBSCRIBERS_PAGE_SIZE);
    expect(first.rows[0].email).toBe("page59@example.com");
    const second = await listSubscribers(t.db, { q: "page", page: 2 });
    expect(second.rows.map((r) => r.email)).toEqual(Array.from({ length: 10 }, (_, i) => `page${String(9 - i).padStart(2, "0")}@example.com`));
    expect((await listSubscribers(t.db, { page: 99 })).rows).toEqual([]);
    expect((await listSubscribers(t.db, { page: -3 })).page).toBe(1);
    expect((await listSubscribers(t.db)).totals).toEqual({ all: 63, confirmed: 32, waiting: 30, unsubscribed: 1 });
    expect((await listSubscribers(t.db, { status: "waiting", q: "page5" })).rows.map((r) => r.email)).toEqual([
      "page59@example.com",
      "page57@example.com",
      "page55@example.com",
      "page53@example.com",
      "page51@example.com",
    ]);
  });

  it("shows a subscription made through the public form", async () => {
    const deps: SubmissionDeps = {
      db: t.db,
      limiter: createMemoryRateLimiter({ ip: { points: 100, durationSeconds: 600 }, identity: { points: 100, durationSeconds: 600 } }),
      siteUrl: "https://loomstack.example",
      staffRecipients: () => [],
    };
    const out = await submitLead(deps, "newsletter", { email: "Zed@Example.com", consent: "on" }, { ip: "203.0.113.9" });
    expect(out.kind).toBe("saved");
    const [row] = (await listSubscribers(t.db, { q: "ZED@" })).rows;
    expect(row).toMatchObject({ email: "zed@example.com", unsubscribedAt: null, confirmedAt: null, discount: null, consentVersion: "newsletter-2026-11" });
    // The code is issued once the sign-up is confirmed, and is in the welcome email, never on the form's page.
    const view = await confirmNewsletter(deps, "zed@example.com");
    const [confirmed] = (await listSubscribers(t.db, { q: "zed@" })).rows;
    if (view.kind !== "code") throw new Error("no code");
    expect(confirmed).toMatchObject({ confirmedAt: expect.any(Date), discount: { code: view.code, percent: 20 } });
    const welcome = await t.db.emailMessage.findFirstOrThrow({ where: { toAddress: "zed@example.com", template: "newsletter-welcome" } });
    expect(JSON.parse(welcome.data).discountCode).toBe(view.code);
    expect(JSON.stringify(out)).not.toContain(view.code);
  });
});
