import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { seedPrograms } from "@/lib/content/seed-programs";
import { FORM_PROGRAMS_TTL_MS, forgetCachedPrograms, formatMoney, getProgram, listPrograms, listProgramsForForms } from "@/lib/content/programs";
import { firstMondayOfMonth, programCatalog } from "@/lib/content/program-catalog";

const now = new Date("2026-11-21T12:00:00Z");
const t = createTestDb();

beforeAll(async () => {
  await seedPrograms(t.db, now);
});
afterAll(() => t.cleanup());

describe("program catalogue in the database", () => {
  it("seeds every program with cohorts and payment options", async () => {
    const programs = await listPrograms(t.db, now);
    expect(programs.map((p) => p.slug)).toEqual(programCatalog.map((p) => p.slug));
    for (const p of programs) {
      expect(p.upcomingCohorts.length).toBeGreaterThanOrEqual(2);
      expect(p.paymentOptions.map((o) => o.kind)).toEqual(["upfront", "instalments", "financing", "employer"]);
      expect(p.fromPriceCents).toBeLessThan(p.listPriceCents);
    }
  });

  it("is idempotent and never overwrites staff edits", async () => {
    await t.db.program.update({ where: { slug: "data-analytics" }, data: { name: "Data Analytics (edited)" } });
    const again = await seedPrograms(t.db, now);
    expect(again).toEqual({ programs: 0, cohorts: 0, paymentOptions: 0 });
    expect((await getProgram(t.db, "data-analytics", now))?.name).toBe("Data Analytics (edited)");
    expect(await t.db.program.count()).toBe(programCatalog.length);
  });

  it("shows pages what is in the database: edits, closed and past cohorts, unpublished programs", async () => {
    const ml = await t.db.program.findUniqueOrThrow({ where: { slug: "machine-learning-engineering" }, include: { cohorts: true } });
    const [first, second] = [...ml.cohorts].sort((a, b) => a.startDate.getTime() - b.startDate.getTime());
    await t.db.cohort.update({ where: { id: first.id }, data: { status: "closed" } });
    await t.db.cohort.create({
      data: {
        programId: ml.id,
        name: "Past cohort",
        startDate: new Date("2026-01-05T00:00:00Z"),
        endDate: new Date("2026-06-01T00:00:00Z"),
        timeZone: "UTC",
        seats: 10,
        seatsLeft: 0,
      },
    });
    const view = await getProgram(t.db, "machine-learning-engineering", now);
    expect(view?.upcomingCohorts[0].id).toBe(second.id);
    expect(view?.upcomingCohorts.some((c) => c.name === "Past cohort")).toBe(false);

    await t.db.program.update({ where: { slug: "full-stack-development" }, data: { published: false } });
    expect(await getProgram(t.db, "full-stack-development", now)).toBeNull();
    expect((await listPrograms(t.db, now)).map((p) => p.slug)).not.toContain("full-stack-development");
  });

  it("computes instalments from the stored totals", async () => {
    const view = await getProgram(t.db, "machine-learning-engineering", now);
    const monthly = view!.paymentOptions.find((o) => o.kind === "instalments")!;
    expect(monthly.instalments).toBe(12);
    expect(monthly.monthlyCents).toBe(Math.round(monthly.totalCents / 12));
    await expect(getProgram(t.db, "no-such-program", now)).resolves.toBeNull();
  });
});

describe("the form pages' cached program list", () => {
  it("is reused within the TTL, reloaded after it, and dropped on demand", async () => {
    forgetCachedPrograms();
    const t0 = now.getTime();
    const first = await listProgramsForForms(t.db, t0);
    await t.db.program.update({ where: { slug: "data-analytics" }, data: { name: "Data Analytics (cached?)" } });
    expect(await listProgramsForForms(t.db, t0 + FORM_PROGRAMS_TTL_MS - 1)).toBe(first);
    const reloaded = await listProgramsForForms(t.db, t0 + FORM_PROGRAMS_TTL_MS + 1);
    expect(reloaded.find((p) => p.slug === "data-analytics")?.name).toBe("Data Analytics (cached?)");

    await t.db.program.update({ where: { slug: "data-analytics" }, data: { name: "Data Analytics (edited)" } });
    forgetCachedPrograms();
    const fresh = await listProgramsForForms(t.db, t0 + FORM_PROGRAMS_TTL_MS + 2);
    expect(fresh.find((p) => p.slug === "data-analytics")?.name).toBe("Data Analytics (edited)");
    forgetCachedPrograms();
  });
});

describe("helpers", () => {
  it("finds the first Monday of a later month", () => {
    expect(firstMondayOfMonth(now, 1).toISOString()).toBe("2026-12-07T00:00:00.000Z");
    expect(firstMondayOfMonth(now, 2).toISOString()).toBe("2027-01-04T00:00:00.000Z");
  });
  it("formats whole and fractional dollar amounts", () => {
    expect(formatMoney(1_490_000)).toBe("$14,900");
    expect(formatMoney(124_167)).toBe("$1,241.67");
  });
});
