import type { Db } from "../db";
import { TtlCache } from "../ttl-cache";

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

/** What describes a program: the same in the starting catalogue, the database and the pages. */
export type ProgramDescription = {
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
};

type ProgramText = Omit<ProgramDescription, "outcomes" | "curriculum">;

/** A description's single-value fields, copied as they are (outcomes and curriculum are stored one per line). */
export function programText({ slug, name, tagline, summary, format, schedule, durationWeeks, hoursPerWeek, level }: ProgramText): ProgramText {
  return { slug, name, tagline, summary, format, schedule, durationWeeks, hoursPerWeek, level };
}

export type ProgramView = ProgramDescription & {
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

const lines = (s: string) =>
  s
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

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
      ...programText(p),
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

/** How long a form page may show a cached program list, in milliseconds. */
export const FORM_PROGRAMS_TTL_MS = 30_000;

const formPrograms = new TtlCache<ProgramView[]>(FORM_PROGRAMS_TTL_MS);

/**
 * The program list for the form pages' drop-downs, shared for up to 30 seconds so a busy
 * form (every no-JS submission re-renders its page) does not reload it each time. Display
 * only: the server checks every submitted program and cohort against the database, so a
 * stale list can never let a closed cohort through. Editing programs calls
 * forgetCachedPrograms() on the server that made the edit; other servers catch up within
 * the TTL.
 */
export function listProgramsForForms(db: Db, nowMs = Date.now()): Promise<ProgramView[]> {
  return formPrograms.get(nowMs, () => listPrograms(db, new Date(nowMs)));
}

export function forgetCachedPrograms() {
  formPrograms.forget();
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

// Intl formatters are costly to build; every page render reuses these.
const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(cents: number, currency = "USD"): string {
  const whole = cents % 100 === 0;
  const key = `${currency}:${whole}`;
  let fmt = moneyFormats.get(key);
  if (!fmt) {
    fmt = new Intl.NumberFormat("en-US", { style: "currency", currency, maximumFractionDigits: whole ? 0 : 2 });
    moneyFormats.set(key, fmt);
  }
  return fmt.format(cents / 100);
}

const cohortDate = new Intl.DateTimeFormat("en-US", { weekday: "short", month: "long", day: "numeric", year: "numeric", timeZone: "UTC" });

export function formatCohortDate(d: Date | string): string {
  return cohortDate.format(new Date(d));
}
