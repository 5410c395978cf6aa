import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import {
  FUNNEL_TOP,
  firstContactStats,
  foldFunnels,
  formatDuration,
  funnels,
  inboxLink,
  leadsOverTime,
  loadDashboard,
  parseDashboardRange,
  describeChange,
} from "@/lib/console/dashboard";
import { NO_SOURCE, parseInboxFilters } from "@/lib/console/inbox";

const t = createTestDb();
const NOW = new Date("2026-06-15T12:00:00.000Z");
const H = 3_600_000;
const at = (iso: string) => new Date(iso);

type Seed = {
  createdAt: string;
  formType?: string;
  status?: string;
  utmSource?: string | null;
  article?: string | null;
  cta?: string | null;
  firstContactedAt?: string | null;
};

let contactId: string;
let n = 0;
async function seed(rows: Seed[]) {
  await t.db.lead.createMany({
    data: rows.map((r) => ({
      contactId,
      formType: r.formType ?? "enroll",
      status: r.status ?? "new",
      fields: "{}",
      utmSource: r.utmSource ?? null,
      article: r.article ?? null,
      cta: r.cta ?? null,
      createdAt: at(r.createdAt),
      firstContactedAt: r.firstContactedAt ? at(r.firstContactedAt) : null,
      submissionToken: `seed-${++n}`,
    })),
  });
}

beforeAll(async () => {
  contactId = (await t.db.contact.create({ data: { email: "dash@example.com", referralCode: "DASHTEST" } })).id;
});
afterAll(() => t.cleanup());

describe("the date range", () => {
  it("defaults to the last 30 days up to today (UTC)", () => {
    const r = parseDashboardRange({}, NOW);
    expect(r).toMatchObject({ from: "2026-05-17", to: "2026-06-15", days: 30, clamped: false });
    expect(r.start.toISOString()).toBe("2026-05-17T00:00:00.000Z");
    expect(r.end.toISOString()).toBe("2026-06-16T00:00:00.000Z");
  });

  it("reads ?from=&to=, ignores impossible dates, swaps reversed ones and caps the length", () => {
    expect(parseDashboardRange(new URLSearchParams("from=2026-03-01&to=2026-03-07"), NOW)).toMatchObject({ from: "2026-03-01", to: "2026-03-07", days: 7 });
    expect(parseDashboardRange({ from: "2026-02-31", to: "2026-03-10" }, NOW)).toMatchObject({ from: "2026-02-09", to: "2026-03-10" });
    expect(parseDashboardRange({ from: "yesterday", to: "<script>" }, NOW)).toMatchObject({ from: "2026-05-17", to: "2026-06-15" });
    expect(parseDashboardRange({ from: "2026-03-07", to: "2026-03-01" }, NOW)).toMatchObject({ from: "2026-03-01", to: "2026-03-07" });
    expect(parseDashboardRange({ from: "2020-01-01", to: "2026-06-15" }, NOW)).toMatchObject({
      from: "2025-06-15",
      to: "2026-06-15",
      days: 366,
      clamped: true,
    });
    expect(parseDashboardRange({ from: ["2026-06-01", "2026-01-01"], to: "2026-06-01" }, NOW)).toMatchObject({ from: "2026-06-01", to: "2026-06-01", days: 1 });
  });
});

describe("with leads", () => {
  beforeAll(async () => {
    await seed([
      // Just outside the range on both sides.
      { createdAt: "2026-02-28T23:59:59.999Z", formType: "quote", firstContactedAt: "2026-03-02T00:00:00.000Z", status: "contacted", utmSource: "google" },
      { createdAt: "2026-03-08T00:00:00.000Z", formType: "quote", utmSource: "google" },
      // 1 March: the first instant counts.
      {
        createdAt: "2026-03-01T00:00:00.000Z",
        formType: "enroll",
        status: "enrolled",
        utmSource: "google",
        article: "/careers/a",
        cta: "hero",
        firstContactedAt: "2026-03-01T00:30:00.000Z",
      },
      {
        createdAt: "2026-03-01T10:00:00.000Z",
        formType: "quote",
        status: "qualified",
        utmSource: "google",
        article: "/careers/a",
        cta: "hero",
        firstContactedAt: "2026-03-01T12:00:00.000Z",
      },
      { createdAt: "2026-03-01T11:00:00.000Z", formType: "newsletter", status: "new", utmSource: null, article: "/careers/a" },
      // 3 March
      {
        createdAt: "2026-03-03T09:00:00.000Z",
        formType: "enroll",
        status: "lost",
        utmSource: "newsletter",
        cta: "footer",
        firstContactedAt: "2026-03-04T09:00:00.000Z",
      },
      {
        createdAt: "2026-03-03T09:30:00.000Z",
        formType: "callback",
        status: "contacted",
        utmSource: "newsletter",
        cta: "footer",
        firstContactedAt: "2026-03-03T10:30:00.000Z",
      },
      { createdAt: "2026-03-03T10:00:00.000Z", formType: "enroll", status: "enrolled", utmSource: "a&b=c", firstContactedAt: "2026-03-03T14:00:00.000Z" },
      // 7 March: the last instant counts; contacted only after the range (not in the median).
      { createdAt: "2026-03-07T23:59:59.999Z", formType: "referral", status: "contacted", utmSource: null, firstContactedAt: "2026-03-08T06:00:00.000Z" },
    ]);
  });
  const range = () => parseDashboardRange({ from: "2026-03-01", to: "2026-03-07" }, NOW);

  it("counts intent-form leads per day by form type, with empty days as zeros (no newsletter or referral)", async () => {
    const o = await leadsOverTime(t.db, range());
    expect(o.bucketDays).toBe(1);
    expect(o.buckets.map((b) => b.from)).toEqual(["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07"]);
    expect(o.buckets.map((b) => b.total)).toEqual([2, 0, 3, 0, 0, 0, 0]);
    expect(o.buckets[0].counts).toEqual({ enroll: 1, quote: 1, callback: 0, syllabus: 0, event: 0, booking: 0 });
    expect(o.buckets[2].counts).toMatchObject({ enroll: 2, callback: 1 });
    expect(o.totals).toEqual({ enroll: 3, quote: 1, callback: 1, syllabus: 0, event: 0, booking: 0 });
    expect(o.total).toBe(5);
  });

  it("counts the sign-ups that are not leads apart, and compares with the period before", async () => {
    const d = await loadDashboard(t.db, range(), NOW);
    expect(d.current).toMatchObject({ leads: 5, enrolled: 2, other: { newsletter: 1, referral: 1 } });
    // 22–28 February: the quote of 28 February 23:59.
    expect(d.previous).toMatchObject({ leads: 1, enrolled: 0, other: {} });
    expect(d.previous.byForm).toMatchObject({ quote: 1, enroll: 0 });
  });

  it("gives one row per advisor and one for leads nobody owns", async () => {
    const d = await loadDashboard(t.db, range(), NOW);
    expect(d.advisors.map((a) => [a.name, a.leads, a.won, a.contacted])).toEqual([["Unassigned", 5, 2, 6]]);
  });

  it("uses weekly bars for long ranges, the last one cut at the range's end", async () => {
    const r = parseDashboardRange({ from: "2026-01-01", to: "2026-03-05" }, NOW);
    expect(r.days).toBe(64);
    const o = await leadsOverTime(t.db, r);
    expect(o.bucketDays).toBe(7);
    expect(o.buckets).toHaveLength(10);
    expect(o.buckets.at(-2)).toMatchObject({ from: "2026-02-26", to: "2026-03-04", total: 6 });
    expect(o.buckets.at(-1)).toMatchObject({ from: "2026-03-05", to: "2026-03-05", total: 0 });
    expect(o.total).toBe(6);
  });

  it("builds the funnel by source, article and CTA, with conversion", async () => {
    const f = await funnels(t.db, range());
    expect(f.overall).toMatchObject({ leads: 5, contacted: 4, qualified: 3, enrolled: 2, lost: 1, new: 0 });
    expect(f.overall.conversion).toBeCloseTo(2 / 5);
    expect(f.source.rows).toEqual([
      { value: "google", leads: 2, contacted: 2, qualified: 2, enrolled: 1, lost: 0, new: 0, conversion: 0.5 },
      { value: "newsletter", leads: 2, contacted: 1, qualified: 0, enrolled: 0, lost: 1, new: 0, conversion: 0 },
      { value: "a&b=c", leads: 1, contacted: 1, qualified: 1, enrolled: 1, lost: 0, new: 0, conversion: 1 },
    ]);
    expect(f.article.rows.map((r) => [r.value, r.leads])).toEqual([
      [null, 3],
      ["/careers/a", 2],
    ]);
    expect(f.cta.rows.map((r) => [r.value, r.leads, r.enrolled])).toEqual([
      ["hero", 2, 1],
      ["footer", 2, 0],
      [null, 1, 1],
    ]);
  });

  it("links each row to the inbox filtered the same way ((direct) too; none for missing article or CTA)", () => {
    const r = range();
    const link = inboxLink("source", "a&b=c", r)!;
    expect(link.startsWith("/console/leads?")).toBe(true);
    expect(parseInboxFilters(new URLSearchParams(link.split("?")[1]))).toMatchObject({ source: "a&b=c", from: "2026-03-01", to: "2026-03-07" });
    expect(parseInboxFilters(new URLSearchParams(inboxLink("article", "/careers/a", r)!.split("?")[1]))).toMatchObject({ article: "/careers/a" });
    expect(parseInboxFilters(new URLSearchParams(inboxLink("cta", "hero", r)!.split("?")[1]))).toMatchObject({ cta: "hero" });
    // "(direct)": the inbox's no-source filter; no article / no CTA have no inbox filter.
    expect(parseInboxFilters(new URLSearchParams(inboxLink("source", null, r)!.split("?")[1]))).toMatchObject({ source: NO_SOURCE, from: "2026-03-01" });
    expect(inboxLink("article", null, r)).toBeNull();
    expect(inboxLink("cta", null, r)).toBeNull();
  });

  it("takes the median time to first contact over leads first contacted in the range", async () => {
    const s = await firstContactStats(t.db, range(), NOW);
    // First contacts inside 1–7 March: 24 h and 1 ms (created 28 Feb), 30 min, 2 h, 24 h, 1 h, 4 h.
    // The median is between 2 h and 4 h, each taken at the middle of its 5-minute step:
    // 2 h 2.5 min and 4 h 2.5 min.
    expect(s.contacted).toBe(6);
    expect(s.medianMs).toBe(((122.5 + 242.5) / 2) * 60_000);
    // The only new lead in the range is a newsletter sign-up, not a lead; 8 March's quote waits.
    expect(s.waitingInRange).toBe(0);
    expect(s.waitingAll).toBe(1);
  });

  it("counts waiting leads only once they are 24 hours old", async () => {
    const r = parseDashboardRange({ from: "2026-06-14", to: "2026-06-15" }, NOW);
    await seed([
      { createdAt: "2026-06-14T11:00:00.000Z", status: "new" },
      { createdAt: "2026-06-14T13:00:00.000Z", status: "new" },
      { createdAt: "2026-06-15T11:00:00.000Z", status: "new" },
    ]);
    const s = await firstContactStats(t.db, r, NOW);
    expect(s).toMatchObject({ contacted: 0, medianMs: null, waitingInRange: 1, waitingAll: 2 });
  });

  it("loads everything at once, and the totals agree", async () => {
    const d = await loadDashboard(t.db, range(), NOW);
    expect(d.overTime.total).toBe(d.funnels.overall.leads);
    expect(d.current.leads).toBe(d.funnels.overall.leads);
    expect(d.firstContact.contacted).toBe(6);
  });
});

describe("folding funnels", () => {
  it("keeps the top 10 per dimension, ordered by leads, and sums the rest", () => {
    const bySource = Array.from({ length: 14 }, (_, i) => ({ dimension: "source" as const, value: `s${i}`, status: i % 2 ? "enrolled" : "new", n: 100 - i }));
    const groups = [...bySource, ...bySource.map((g) => ({ ...g, dimension: "article" as const, value: null }))];
    const f = foldFunnels(groups);
    expect(f.source.rows).toHaveLength(FUNNEL_TOP);
    expect(f.source.rows[0]).toMatchObject({ value: "s0", leads: 100, enrolled: 0 });
    expect(f.source.rows[1]).toMatchObject({ value: "s1", leads: 99, enrolled: 99, conversion: 1 });
    expect(f.source).toMatchObject({ otherValues: 4, otherLeads: 90 + 89 + 88 + 87 });
    expect(f.article.rows).toEqual([expect.objectContaining({ value: null, leads: bySource.reduce((s, g) => s + g.n, 0) })]);
    expect(f.overall.leads).toBe(bySource.reduce((s, g) => s + g.n, 0));
  });

  it("has no conversion without leads", () => {
    expect(foldFunnels([]).overall).toMatchObject({ leads: 0, conversion: null });
  });
});

describe("small helpers", () => {
  it("says a change against the previous period as +n (±%), and in words", () => {
    expect(describeChange(162, 150)).toEqual({ short: "+12 (+8%)", spoken: "up 12, 8 percent, from 150 in the previous period" });
    expect(describeChange(57, 60)).toEqual({ short: "\u22123 (\u22125%)", spoken: "down 3, 5 percent, from 60 in the previous period" });
    expect(describeChange(4, 0)).toEqual({ short: "+4 (new)", spoken: "up 4 from 0 in the previous period" });
    expect(describeChange(7, 7)).toEqual({ short: "±0", spoken: "no change from 7 in the previous period" });
  });

  it("formats durations in minutes, hours and days", () => {
    expect(formatDuration(20_000)).toBe("under a minute");
    expect(formatDuration(45 * 60_000)).toBe("45 min");
    expect(formatDuration(3 * H + 12 * 60_000)).toBe("3 h 12 min");
    expect(formatDuration(5 * H)).toBe("5 h");
    expect(formatDuration(52 * H)).toBe("2 d 4 h");
  });
});
