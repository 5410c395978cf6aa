import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { leadHref, leadNeighbours, viewFilters, viewQuery } from "@/lib/console/lead-neighbours";

/**
 * Issue 19, the lead page's next and previous within the inbox view it came from: newest
 * first, then by id, under the view's filters (search included). On a real database
 * (SQLite, and PostgreSQL with TEST_DATABASE=postgres).
 */

const t = createTestDb();
afterAll(() => t.cleanup());

const run = randomUUID().slice(0, 8);

/** A lead written straight into the table, at a given time, with its own id (for the tie-break). */
async function lead(id: string, at: string, o: { status?: string; name?: string } = {}) {
  const email = `${id}-${run}@example.com`;
  const contact = await t.db.contact.create({ data: { email, name: o.name ?? id, referralCode: `N${randomUUID().slice(0, 10)}` } });
  const name = o.name ?? `Nia ${id}`;
  return t.db.lead.create({
    data: {
      id: `${run}${id}`,
      contactId: contact.id,
      formType: "enroll",
      status: o.status ?? "new",
      name,
      email,
      searchName: name.toLowerCase(),
      searchLastName: name.toLowerCase().split(" ").at(-1),
      fields: "{}",
      createdAt: new Date(at),
    },
  });
}

describe("next and previous within a view", () => {
  it("steps newest first, then by id for leads sent in the same instant, under the view's filters", async () => {
    // a (oldest) … e (newest); c and d share an instant; b is lost, the others new.
    const a = await lead("a", "2026-12-01T10:00:00Z");
    const b = await lead("b", "2026-12-02T10:00:00Z", { status: "lost" });
    const c = await lead("c", "2026-12-03T10:00:00Z");
    const d = await lead("d", "2026-12-03T10:00:00Z");
    const e = await lead("e", "2026-12-04T10:00:00Z");
    const ids = (n: Awaited<ReturnType<typeof leadNeighbours>>) => [n.newer?.id ?? null, n.older?.id ?? null];

    // The inbox's order among these: e, d, c, b, a (d before c: same instant, higher id first).
    const view = { status: "new" as const };
    expect(ids(await leadNeighbours(t.db, view, e))).toEqual([null, d.id]);
    expect(ids(await leadNeighbours(t.db, view, d))).toEqual([e.id, c.id]);
    expect(ids(await leadNeighbours(t.db, view, c))).toEqual([d.id, a.id]); // b is lost: not in this view
    expect(ids(await leadNeighbours(t.db, view, a))).toEqual([c.id, null]);
    // Without a status filter b is between c and a.
    expect(ids(await leadNeighbours(t.db, {}, c)).slice(1)).toEqual([b.id]);
    // A lead outside the view still gets the neighbours its place gives.
    expect(ids(await leadNeighbours(t.db, view, b))).toEqual([c.id, a.id]);
    expect((await leadNeighbours(t.db, view, d)).newer?.name).toBe("Nia e");
  });

  it("keeps to a search view", async () => {
    const x = await lead("x", "2026-11-01T10:00:00Z", { name: `Quinn Zephyr${run}` });
    const y = await lead("y", "2026-11-02T10:00:00Z", { name: `Other Person${run}` });
    const z = await lead("z", "2026-11-03T10:00:00Z", { name: `Quinn Zephyr${run}` });
    const view = { q: `zephyr${run}` };
    const n = await leadNeighbours(t.db, view, z);
    expect([n.newer?.id ?? null, n.older?.id ?? null]).toEqual([null, x.id]);
    expect((await leadNeighbours(t.db, view, x)).newer?.id).toBe(z.id);
    expect(y.id).not.toBe(z.id);
  });
});

describe("the view in the link", () => {
  it("carries only the inbox's filters, never the page cursor, and drops what it cannot read", () => {
    const v = viewFilters("status=lost&program=data-analytics&after=abc&evil=1&form=nope");
    expect(v).toMatchObject({ status: "lost", program: "data-analytics" });
    expect(v?.after).toBeUndefined();
    expect(v?.form).toBeUndefined();
    expect(viewQuery(v!)).toBe("status=lost&program=data-analytics");
    expect(viewFilters("q=" + "x".repeat(1_001))).toBeNull();
    expect(viewFilters(undefined)).toBeNull();
  });

  it("links a lead within the view, or plainly without one", () => {
    expect(leadHref("L1", { status: "new", owner: "me" })).toBe(`/console/leads/L1?view=${encodeURIComponent("status=new&owner=me")}`);
    expect(leadHref("L1", null)).toBe("/console/leads/L1");
    expect(leadHref("L1", {})).toBe("/console/leads/L1");
  });
});
