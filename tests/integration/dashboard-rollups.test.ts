import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedPrograms } from "@/lib/content/seed-programs";
import { loadDashboard, rangePieces, type Instants } from "@/lib/console/dashboard";
import { assignLead, changeStatus } from "@/lib/console/pipeline";
import { contactStep, contactStepMiddleMs, rebuildRollups, rollupMigrationSql, ROLLUP_TABLES } from "@/lib/console/rollup-sql";
import type { FormType } from "@/lib/leads/form-types";
import { submitLead } from "@/lib/leads/pipeline";
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from "@/lib/db/schema-variants";
import { createTestDb } from "../helpers/test-db";
import { firstOpenCohort, testSubmissionDeps } from "../helpers/submissions";

/**
 * The dashboard read from its rollups (kept by triggers on "Lead") must equal the dashboard
 * read from "Lead" alone, for any range, on SQLite and PostgreSQL. Leads are made and moved
 * through the app's own write paths: the form pipeline, the console's status and owner
 * changes, a bulk update, and a delete.
 */

const t = createTestDb();
const deps = testSubmissionDeps(t.db);
const H = 3_600_000;
const DAY = 24 * H;
/** The leads are created over these 80 days (1 Jan – 21 Mar 2026, UTC). */
const WINDOW_START = Date.UTC(2026, 0, 1);
const WINDOW_MS = 80 * DAY;
const NOW = new Date(WINDOW_START + WINDOW_MS + 5 * DAY);

/** mulberry32: the same leads on every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] };
}

let cohort: { id: string; program: string };
const staff: string[] = [];
const FORMS: FormType[] = ["enroll", "quote", "callback", "syllabus", "newsletter", "referral"];
const STATUSES = ["new", "contacted", "qualified", "enrolled", "lost"] as const;

function fields(form: FormType, email: string): Record<string, unknown> {
  const name = "Rolla Upton";
  switch (form) {
    case "enroll":
      return { name, email, program: cohort.program, cohort: cohort.id, paymentOption: "upfront", experience: "none" };
    case "quote":
      return { audience: "individual", name, email, courses: [cohort.program], platform: "linux", contactBy: "email", timeZone: "UTC" };
    case "callback":
      return { name, phone: "+1 415 555 0142", course: "not-sure", platform: "linux", bestTime: "morning", timeZone: "UTC" };
    case "syllabus":
      return { email, program: cohort.program };
    case "referral":
      return { name, email, friends: [{ name: "Nia New", email: `nia-${randomUUID().slice(0, 8)}@example.com` }] };
    default:
      return { email, name };
  }
}

async function makeLeads(count: number) {
  const r = rng(19);
  const leads: { id: string; createdMs: number }[] = [];
  for (let i = 0; i < count; i++) {
    const form = r.pick(FORMS);
    // Any millisecond of the window, so leads fall on both sides of every hour's edge.
    const createdMs = WINDOW_START + r.int(WINDOW_MS);
    const out = await submitLead(
      deps,
      form,
      {
        consent: "on",
        submissionToken: randomUUID(),
        utm_source: r.pick([undefined, "google", "linkedin", "newsletter"]),
        article: r.pick([undefined, "/careers/a", "/careers/b"]),
        cta: r.pick([undefined, "hero", "footer", "inline"]),
        ...fields(form, `p${i}-${randomUUID().slice(0, 6)}@example.com`),
      },
      { ip: `198.51.100.${(i % 250) + 1}`, now: new Date(createdMs) },
    );
    if (out.kind !== "saved") throw new Error(`${form}: ${JSON.stringify(out)}`);
    leads.push({ id: out.leadId, createdMs });
  }
  return leads;
}

/** Status and owner changes at random later times, through the console's own functions. */
async function moveLeads(leads: { id: string; createdMs: number }[], seed: number) {
  const r = rng(seed);
  for (const lead of leads) {
    const moves = r.int(4);
    let at = lead.createdMs;
    for (let m = 0; m < moves; m++) {
      // From seconds to several days later, so first contacts spread over every step.
      at += Math.floor(r.next() ** 3 * 6 * DAY) + 1;
      const now = new Date(at);
      if (r.next() < 0.5) {
        const status = r.pick(STATUSES);
        const res = await changeStatus(t.db, { leadId: lead.id, actorId: staff[0], status, lostReason: status === "lost" ? "Too expensive" : undefined, now });
        expect(res.ok).toBe(true);
      } else {
        const res = await assignLead(t.db, { leadId: lead.id, actorId: staff[0], ownerId: r.next() < 0.2 ? null : r.pick(staff), now });
        expect(res.ok).toBe(true);
      }
    }
  }
}

/** Both ways of reading, the same range. */
async function both(range: Instants) {
  const [rollup, raw] = await Promise.all([loadDashboard(t.db, range, NOW, "rollup"), loadDashboard(t.db, range, NOW, "raw")]);
  return { rollup, raw };
}

/** Any range inside (or overlapping) the window, with edges at any millisecond, whole hour, :30 or :45. */
const rangeArb = fc
  .record({
    from: fc.integer({ min: -5 * DAY, max: WINDOW_MS }),
    length: fc.oneof(fc.integer({ min: 1, max: 3 * H }), fc.integer({ min: 1, max: 75 * DAY })),
    edge: fc.constantFrom("ms", "hour", "half", "quarter", "day"),
  })
  .map(({ from, length, edge }) => {
    const snap = (ms: number) =>
      edge === "ms" ? ms : edge === "day" ? Math.round(ms / DAY) * DAY : Math.round(ms / H) * H + (edge === "half" ? 30 : edge === "quarter" ? 45 : 0) * 60_000;
    const fromMs = WINDOW_START + snap(from);
    return { fromMs, toMs: Math.max(fromMs + 1, WINDOW_START + snap(from + length)) };
  });

beforeAll(async () => {
  await seedPrograms(t.db, new Date(WINDOW_START - 30 * DAY));
  cohort = await firstOpenCohort(t.db, new Date(WINDOW_START + WINDOW_MS + DAY));
  for (const name of ["Ada Advisor", "Ben Bright", "Cy Closer"]) {
    staff.push(
      (await t.db.user.create({ data: { id: randomUUID(), name, email: `${randomUUID().slice(0, 8)}@loomstack.example`, role: "staff", emailVerified: true } }))
        .id,
    );
  }
}, 120_000);
afterAll(() => t.cleanup());

describe("the range's pieces", () => {
  it("cover any range exactly once: whole months, days and hours from the rollups, partial hours raw", () => {
    fc.assert(
      fc.property(rangeArb, ({ fromMs, toMs }) => {
        const { pieces, raw } = rangePieces({ fromMs, toMs });
        const spans = [
          ...raw,
          ...pieces.map((p) => {
            // Each rollup piece starts and ends on its grain's boundary.
            const start = new Date(p.from * H);
            const end = new Date(p.to * H);
            if (p.grain === "d") expect([start.getUTCHours(), end.getUTCHours()]).toEqual([0, 0]);
            if (p.grain === "m") expect([start.getUTCDate(), start.getUTCHours(), end.getUTCDate(), end.getUTCHours()]).toEqual([1, 0, 1, 0]);
            return [p.from * H, p.to * H] as [number, number];
          }),
        ].sort((a, b) => a[0] - b[0]);
        expect(spans[0][0]).toBe(fromMs);
        for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBe(spans[i - 1][1]);
        expect(spans.at(-1)![1]).toBe(toMs);
        // Raw reads are the partial hours at the edges, or a range holding no whole hour.
        if (pieces.length) for (const [a, b] of raw) expect(b - a).toBeLessThan(H);
        else expect(toMs - fromMs).toBeLessThan(2 * H);
      }),
      { numRuns: 500 },
    );
  });

  it("give a year's range in a dozen months and a few days", () => {
    const { pieces, raw } = rangePieces({ fromMs: Date.UTC(2025, 5, 15), toMs: Date.UTC(2026, 5, 16) });
    expect(raw).toEqual([]);
    expect(pieces.map((p) => p.grain).sort()).toEqual(["d", "d", "m"]);
  });
});

describe("time to first contact in steps", () => {
  it("puts every wait in the step whose middle is within half a step of it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 90 * DAY }), (ms) => {
        const step = contactStep(ms);
        const width = ms < H ? 60_000 : ms < 6 * H ? 5 * 60_000 : ms < 48 * H ? 30 * 60_000 : ms < 30 * DAY ? 6 * H : DAY;
        expect(Math.abs(contactStepMiddleMs(step) - ms)).toBeLessThanOrEqual(width / 2);
        expect(contactStep(ms + width)).toBeGreaterThan(step);
      }),
    );
  });
});

describe("rollups against the raw query", () => {
  let leads: { id: string; createdMs: number }[] = [];

  beforeAll(async () => {
    leads = await makeLeads(160);
    await moveLeads(leads, 7);
  }, 300_000);

  it("has leads of every kind to compare (the test would prove nothing on empty tables)", async () => {
    const d = await loadDashboard(t.db, { fromMs: WINDOW_START, toMs: WINDOW_START + WINDOW_MS }, NOW, "raw");
    expect(d.current.leads).toBeGreaterThan(60);
    expect(d.current.other.newsletter).toBeGreaterThan(5);
    expect(d.firstContact.contacted).toBeGreaterThan(20);
    expect(d.advisors.filter((a) => a.leads > 0).length).toBe(4);
  });

  it("gives the same dashboard for random ranges, with edges at any instant", async () => {
    await fc.assert(
      fc.asyncProperty(rangeArb, async (range) => {
        const { rollup, raw } = await both(range);
        expect(rollup).toEqual(raw);
      }),
      { numRuns: 60 },
    );
  }, 300_000);

  it("stays equal after a bulk status change and owner change, and after a delete", async () => {
    const some = leads.filter((_, i) => i % 5 === 0).map((l) => l.id);
    await t.db.lead.updateMany({ where: { id: { in: some } }, data: { status: "qualified", ownerId: staff[2] } });
    const extra = await t.db.lead.create({
      data: { contactId: (await t.db.lead.findFirstOrThrow()).contactId, formType: "enroll", fields: "{}", createdAt: new Date(WINDOW_START + 3 * DAY + 1234) },
    });
    await t.db.lead.delete({ where: { id: extra.id } });
    await moveLeads(leads.slice(0, 40), 8);
    await fc.assert(
      fc.asyncProperty(rangeArb, async (range) => {
        const { rollup, raw } = await both(range);
        expect(rollup).toEqual(raw);
      }),
      { numRuns: 30 },
    );
  }, 300_000);

  it("rebuilds to the same rollups the triggers kept", async () => {
    const snapshot = async () =>
      Object.fromEntries(
        await Promise.all(
          ROLLUP_TABLES.map(async (table) => {
            const rows = await t.db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}" WHERE "n" <> 0`);
            return [table, rows.map((r) => JSON.stringify(Object.values(r).map(String))).sort()];
          }),
        ),
      );
    const kept = await snapshot();
    expect(kept.LeadRollup.length).toBeGreaterThan(100);
    await rebuildRollups(t.db);
    expect(await snapshot()).toEqual(kept);
  }, 120_000);
});

describe("the migration", () => {
  it("installs the triggers and backfill that lib/console/rollup-sql.ts writes", () => {
    for (const [dialect, dir] of [
      ["sqlite", SQLITE_MIGRATIONS],
      ["postgres", POSTGRES_MIGRATIONS],
    ] as const) {
      const folder = readdirSync(dir).find((m) => m.endsWith("_dashboard_rollups"))!;
      expect(readFileSync(path.join(dir, folder, "migration.sql"), "utf8")).toContain(rollupMigrationSql(dialect));
    }
  });
});
