import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { recordCtaHit, type CtaEvent } from "@/lib/cta/counts";
import { ctaRegistry } from "@/lib/cta/registry";
import { loadCtaStats } from "@/lib/console/cta-stats";
import { parseDashboardRange } from "@/lib/console/dashboard";
import { createTestDb } from "../helpers/test-db";

// Runs on SQLite, and on PostgreSQL with TEST_DATABASE=postgres.
const t = createTestDb();
const FAQ = { article: "/careers/machine-learning-engineer/faq", cta: "faq-call-back" };
const APPLY = { article: "/careers/machine-learning-engineer", cta: "overview-apply" };
const at = (iso: string) => new Date(iso);

let contactId: string;
beforeAll(async () => {
  contactId = (await t.db.contact.create({ data: { email: "cta-counts@example.com", referralCode: "CTACOUNTS1" } })).id;
});
afterAll(() => t.cleanup());

async function countsOf(db = t.db) {
  return db.ctaDailyCount.findMany({
    orderBy: [{ day: "asc" }, { article: "asc" }, { cta: "asc" }],
    select: { day: true, article: true, cta: true, impressions: true, clicks: true },
  });
}

describe("CTA counters", () => {
  it("adds up 50 hits at once, from two app servers, exactly", async () => {
    const second = createDb(t.url);
    try {
      const now = at("2026-05-01T10:00:00Z");
      const events: CtaEvent[] = Array.from({ length: 50 }, (_, i) => (i % 5 < 3 ? "impression" : "click"));
      await Promise.all(events.map((event, i) => recordCtaHit(i % 2 ? second : t.db, { ...FAQ, event, now })));
      const expected = { impressions: events.filter((e) => e === "impression").length, clicks: events.filter((e) => e === "click").length };
      expect(expected).toEqual({ impressions: 30, clicks: 20 });
      expect(await countsOf()).toEqual([{ day: "2026-05-01", ...FAQ, ...expected }]);
    } finally {
      await second.$disconnect();
    }
  });

  it("counts each UTC day on a row of its own", async () => {
    await recordCtaHit(t.db, { ...APPLY, event: "click", now: at("2026-05-02T23:59:59.999Z") });
    await recordCtaHit(t.db, { ...APPLY, event: "click", now: at("2026-05-03T00:00:00.000Z") });
    const rows = (await countsOf()).filter((r) => r.cta === APPLY.cta);
    expect(rows).toEqual([
      { day: "2026-05-02", ...APPLY, impressions: 0, clicks: 1 },
      { day: "2026-05-03", ...APPLY, impressions: 0, clicks: 1 },
    ]);
  });
});

describe("which CTA converts", () => {
  it("gives each CTA and article its impressions, clicks, leads and enrolments in the range, with rates", async () => {
    await t.db.ctaDailyCount.deleteMany();
    // Hits and leads in June, some on the range's edges and some outside it.
    type Hit = { ref: typeof FAQ; event: CtaEvent; at: string };
    const hits: Hit[] = [
      ...Array.from({ length: 40 }, (_, i): Hit => ({ ref: FAQ, event: "impression", at: `2026-06-${String(10 + (i % 5)).padStart(2, "0")}T12:00:00Z` })),
      ...Array.from({ length: 8 }, (_, i): Hit => ({ ref: FAQ, event: "click", at: `2026-06-${String(10 + (i % 5)).padStart(2, "0")}T13:00:00Z` })),
      ...Array.from({ length: 10 }, (): Hit => ({ ref: APPLY, event: "impression", at: "2026-06-14T23:59:59Z" })),
      { ref: APPLY, event: "click", at: "2026-06-10T00:00:00Z" },
      { ref: APPLY, event: "impression", at: "2026-06-09T23:59:59Z" }, // the day before the range
      { ref: FAQ, event: "click", at: "2026-06-15T00:00:00Z" }, // the day after
    ];
    for (const h of hits) await recordCtaHit(t.db, { ...h.ref, event: h.event, now: at(h.at) });
    type SeedLead = { ref: { article: string | null; cta: string } | null; status: string; at: string };
    const leads: SeedLead[] = [
      { ref: FAQ, status: "new", at: "2026-06-11T09:00:00Z" },
      { ref: FAQ, status: "enrolled", at: "2026-06-12T09:00:00Z" },
      { ref: FAQ, status: "lost", at: "2026-06-14T23:00:00Z" },
      { ref: APPLY, status: "enrolled", at: "2026-06-10T00:00:00Z" },
      { ref: APPLY, status: "enrolled", at: "2026-06-15T00:00:00Z" }, // after the range
      { ref: { article: "/programs", cta: "programs-quote" }, status: "contacted", at: "2026-06-12T00:00:00Z" },
      { ref: null, status: "enrolled", at: "2026-06-12T00:00:00Z" }, // no CTA: not on this page
    ];
    let n = 0;
    await t.db.lead.createMany({
      data: leads.map((l) => ({
        contactId,
        formType: "enroll",
        status: l.status,
        fields: "{}",
        article: l.ref?.article ?? null,
        cta: l.ref?.cta ?? null,
        createdAt: at(l.at),
        submissionToken: `cta-stats-${++n}`,
      })),
    });

    const range = parseDashboardRange({ from: "2026-06-10", to: "2026-06-14" });
    const inRange = (iso: string) => iso >= "2026-06-10" && iso < "2026-06-15";
    const expectedFor = (ref: { article: string | null; cta: string }) => {
      const same = (r: { article: string | null; cta: string } | null) => r?.article === ref.article && r?.cta === ref.cta;
      const h = hits.filter((x) => same(x.ref) && inRange(x.at));
      const l = leads.filter((x) => same(x.ref) && inRange(x.at));
      return {
        impressions: h.filter((x) => x.event === "impression").length,
        clicks: h.filter((x) => x.event === "click").length,
        leads: l.length,
        enrolled: l.filter((x) => x.status === "enrolled").length,
      };
    };

    const stats = await loadCtaStats(t.db, range);
    const row = (ref: { article: string | null; cta: string }) => stats.ctas.find((r) => r.article === ref.article && r.cta === ref.cta);

    const faq = expectedFor(FAQ);
    expect(faq).toEqual({ impressions: 40, clicks: 8, leads: 3, enrolled: 1 });
    expect(row(FAQ)).toMatchObject({ ...faq, tracked: true, clickThrough: 8 / 40, leadRate: 3 / 8, enrolRate: 1 / 3 });
    const apply = expectedFor(APPLY);
    expect(apply).toEqual({ impressions: 10, clicks: 1, leads: 1, enrolled: 1 });
    expect(row(APPLY)).toMatchObject({ ...apply, clickThrough: 1 / 10, leadRate: 1, enrolRate: 1 });
    // A CTA outside the guides: its leads, nothing counted.
    expect(row({ article: "/programs", cta: "programs-quote" })).toMatchObject({ tracked: false, impressions: 0, leads: 1, enrolled: 0, clickThrough: null });

    // Every guide CTA has a row, counted or not, in the registry's order.
    const registered = [...ctaRegistry().values()];
    expect(stats.ctas.slice(0, registered.length).map((r) => [r.article, r.cta])).toEqual(registered.map((c) => [c.article, c.id]));
    expect(row({ article: "/careers/machine-learning-engineer/skills-and-tools", cta: "skills-newsletter" })).toMatchObject({
      impressions: 0,
      clicks: 0,
      leads: 0,
      clickThrough: null,
      leadRate: null,
      enrolRate: null,
    });

    const article = stats.articles.find((a) => a.article === FAQ.article)!;
    expect(article).toMatchObject({ ...faq, ctas: registered.filter((c) => c.article === FAQ.article).length });
    const all = [FAQ, APPLY, { article: "/programs", cta: "programs-quote" }].map(expectedFor);
    const sum = (k: keyof (typeof all)[number]) => all.reduce((s, x) => s + x[k], 0);
    expect(stats.total).toMatchObject({ impressions: sum("impressions"), clicks: sum("clicks"), leads: sum("leads"), enrolled: sum("enrolled") });
  });
});
