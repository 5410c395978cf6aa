import type { Db } from "../db";

/** Plain, JSON-safe views (dates as ISO strings) so pages can pass them through props. */
export type ProgramCohort = {
  id: string;
  name: string;
  startDate: string;
  endDate: string;
  timeZone: string;
  seatsLeft: number;
  status: string;
};

export type ProgramPaymentOption = {
  id: string;
  kind: string;
  label: string;
  description: string;
  totalCents: number;
  currency: string;
  instalments: number | null;
  monthlyCents: number | null;
};

export type ProgramView = {
  slug: string;
  name: string;
  tagline: string;
  summary: string;
  format: string;
  schedule: string;
  durationWeeks: number;
  hoursPerWeek: number;
  level: string;
  outcomes: string[];
  curriculum: string[];
  careerGuide: string | null;
  updatedAt: string;
  /** Open or waitlisted cohorts that have not started yet, soonest first. */
  upcomingCohorts: ProgramCohort[];
  paymentOptions: ProgramPaymentOption[];
  /** The list price: the price of the instalment or employer plan, else the highest non-financed total. */
  listPriceCents: number;
  /** The lowest total a student can pay (usually upfront). */
  fromPriceCents: number;
};

const lines = (s: string) => s.split("\n").map((l) => l.trim()).filter(Boolean);

async function loadPrograms(db: Db, where: { slug?: string }, now: Date): Promise<ProgramView[]> {
  const rows = await db.program.findMany({
    where: { published: true, ...where },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    include: {
      cohorts: {
        where: { startDate: { gte: now }, status: { in: ["open", "waitlist"] } },
        orderBy: { startDate: "asc" },
      },
      paymentOptions: { orderBy: [{ sortOrder: "asc" }, { totalCents: "asc" }] },
    },
  });
  return rows.map((p) => {
    const totals = p.paymentOptions.filter((o) => o.kind !== "financing").map((o) => o.totalCents);
    const all = p.paymentOptions.map((o) => o.totalCents);
    return {
      slug: p.slug,
      name: p.name,
      tagline: p.tagline,
      summary: p.summary,
      format: p.format,
      schedule: p.schedule,
      durationWeeks: p.durationWeeks,
      hoursPerWeek: p.hoursPerWeek,
      level: p.level,
      outcomes: lines(p.outcomes),
      curriculum: lines(p.curriculum),
      careerGuide: p.careerGuide,
      updatedAt: p.updatedAt.toISOString(),
      upcomingCohorts: p.cohorts.map((c) => ({
        id: c.id,
        name: c.name,
        startDate: c.startDate.toISOString(),
        endDate: c.endDate.toISOString(),
        timeZone: c.timeZone,
        seatsLeft: c.seatsLeft,
        status: c.status,
      })),
      paymentOptions: p.paymentOptions.map((o) => ({
        id: o.id,
        kind: o.kind,
        label: o.label,
        description: o.description,
        totalCents: o.totalCents,
        currency: o.currency,
        instalments: o.instalments,
        monthlyCents: o.monthlyCents,
      })),
      listPriceCents: totals.length ? Math.max(...totals) : 0,
      fromPriceCents: all.length ? Math.min(...all) : 0,
    };
  });
}

export function listPrograms(db: Db, now = new Date()): Promise<ProgramView[]> {
  return loadPrograms(db, {}, now);
}

/** How often pages built from program data refresh from the database (ISR), in seconds. */
export const PROGRAM_PAGES_REVALIDATE_SECONDS = 3600;

/** Static props for a page that lists every program: the programs, refreshed hourly. */
export async function programsPageProps(db: Db) {
  return { props: { programs: await listPrograms(db) }, revalidate: PROGRAM_PAGES_REVALIDATE_SECONDS };
}

export async function getProgram(db: Db, slug: string, now = new Date()): Promise<ProgramView | null> {
  const [program] = await loadPrograms(db, { slug }, now);
  return program ?? null;
}

export function formatMoney(cents: number, currency = "USD"): string {
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    maximumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100);
}

export function formatCohortDate(d: Date | string): string {
  return new Date(d).toLocaleDateString("en-US", { weekday: "short", month: "long", day: "numeric", year: "numeric", timeZone: "UTC" });
}
