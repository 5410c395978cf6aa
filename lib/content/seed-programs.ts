import type { Db } from "../db";
import { firstMondayOfMonth, programCatalog } from "./program-catalog";
import { programText } from "./programs";

/**
 * Loads the starting catalogue. Idempotent: programs are matched by slug, and a program
 * that already exists is left alone so that staff edits are never overwritten by a re-seed.
 */
export async function seedPrograms(db: Db, now = new Date()) {
  let programs = 0;
  let cohorts = 0;
  let paymentOptions = 0;
  for (const p of programCatalog) {
    const existing = await db.program.findUnique({ where: { slug: p.slug } });
    if (existing) continue;
    await db.program.create({
      data: {
        ...programText(p),
        outcomes: p.outcomes.join("\n"),
        curriculum: p.curriculum.join("\n"),
        careerGuide: p.careerGuide ?? null,
        sortOrder: p.sortOrder,
        cohorts: {
          create: p.cohortMonths.map((months, i) => {
            const start = firstMondayOfMonth(now, months);
            const end = new Date(start.getTime() + p.durationWeeks * 7 * 86_400_000 - 3 * 86_400_000);
            const label = start.toLocaleDateString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
            return {
              name: `${label} cohort`,
              startDate: start,
              endDate: end,
              timeZone: p.timeZone,
              seats: p.cohortSeats,
              seatsLeft: i === 0 ? Math.max(3, Math.floor(p.cohortSeats / 4)) : p.cohortSeats,
              status: "open",
            };
          }),
        },
        paymentOptions: {
          create: p.payments.map((pay, i) => ({
            kind: pay.kind,
            label: pay.label,
            description: pay.description,
            totalCents: pay.totalCents,
            instalments: pay.instalments ?? null,
            monthlyCents: pay.instalments ? Math.round(pay.totalCents / pay.instalments) : null,
            sortOrder: i,
          })),
        },
      },
    });
    programs += 1;
    cohorts += p.cohortMonths.length;
    paymentOptions += p.payments.length;
  }
  return { programs, cohorts, paymentOptions };
}
