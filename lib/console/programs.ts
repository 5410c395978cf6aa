import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { isCleanText, isSingleLine } from "../text-checks";
import type { Db } from "../db";
import { fieldErrorsFrom } from "../leads/errors";
import { PAYMENT_OPTIONS } from "../leads/schemas";
import { calendarDate, choice, posted, text, wholeNumber } from "./form-fields";

export { formValues } from "./form-fields";

/**
 * The program editor: programs, their cohorts and their payment options, as the public
 * pages show them. One zod schema per form, shared by the console's forms (field names,
 * limits) and the Server Actions (which always validate). Every write bumps the program's
 * updatedAt, which the sitemap reports as the page's last change.
 *
 * Stale edits are refused rather than silently overwriting someone else's: each form posts
 * the updatedAt it was rendered with, and the update only applies if the row still has it.
 */

export const COHORT_STATUSES = ["open", "waitlist", "closed"] as const;
export type CohortStatus = (typeof COHORT_STATUSES)[number];
export const PAYMENT_KINDS = PAYMENT_OPTIONS;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];
/** Kinds paid monthly: they need a number of instalments, and get a monthly figure. */
export const MONTHLY_KINDS: readonly PaymentKind[] = ["instalments", "financing"];

export const COHORT_STATUS_LABELS: Record<CohortStatus, string> = { open: "Open", waitlist: "Waitlist", closed: "Closed" };
export const PAYMENT_KIND_LABELS: Record<PaymentKind, string> = {
  upfront: "Pay upfront",
  instalments: "Monthly instalments",
  financing: "Financing",
  employer: "Employer sponsored",
};

export const PROGRAM_LIMITS = {
  name: 120,
  tagline: 200,
  summary: 2000,
  short: 200,
  line: 300,
  lines: 30,
  durationWeeks: 104,
  hoursPerWeek: 80,
  cohortName: 120,
  timeZone: 64,
  seats: 1000,
  label: 80,
  description: 500,
  instalments: 120,
  /** Dollars. */
  price: 1_000_000,
} as const;

// ---------------------------------------------------------------------------------------
// Field schemas (form posts are strings)

/** What a form posts: a string; anything else (a file, nothing) counts as empty. */

/** One item per line: blank lines dropped, each line trimmed, no repeats; stored newline-separated. */
function lineList(label: string) {
  return z.preprocess(
    posted,
    z
      .string()
      .transform((s) =>
        s
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean),
      )
      .superRefine((lines, ctx) => {
        if (lines.length === 0) ctx.addIssue({ code: "custom", message: `Enter at least one ${label}, one per line.` });
        else if (lines.length > PROGRAM_LIMITS.lines) ctx.addIssue({ code: "custom", message: `List at most ${PROGRAM_LIMITS.lines} ${label}s.` });
        const long = lines.findIndex((l) => l.length > PROGRAM_LIMITS.line);
        if (long >= 0) ctx.addIssue({ code: "custom", message: `Line ${long + 1} is too long: keep each ${label} under ${PROGRAM_LIMITS.line} characters.` });
        const odd = lines.findIndex((l) => !isSingleLine(l) || !isCleanText(l));
        if (odd >= 0) ctx.addIssue({ code: "custom", message: `Line ${odd + 1} has unusual invisible characters. Remove them.` });
        const seen = new Set<string>();
        const repeat = lines.findIndex((l) => (seen.has(l.toLowerCase()) ? true : (seen.add(l.toLowerCase()), false)));
        if (repeat >= 0) ctx.addIssue({ code: "custom", message: `Line ${repeat + 1} repeats an earlier line. Each ${label} should be different.` });
      })
      .transform((lines) => lines.join("\n")),
  );
}

/** A ticked checkbox posts "on"; an unticked one posts nothing. */
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Dollars as typed ("12500", "12,500.00", "$9,450.5") to whole cents, without floating
 * point: "9450.5" is 945050 cents exactly.
 */
export function dollarsToCents(input: string): number | null {
  const s = input
    .trim()
    .replace(/^\$/, "")
    .replace(/,(?=\d{3}(\D|$))/g, "");
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** Cents as the form shows them: "12500" or "9450.50". */
export function centsToDollars(cents: number): string {
  const whole = Math.trunc(cents / 100);
  const rest = Math.abs(cents % 100);
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(2, "0")}`;
}

/** The monthly figure the public pages show, as the seed works it out: the total spread evenly, rounded to the cent. */
export function monthlyCentsFor(totalCents: number, instalments: number | null): number | null {
  return instalments ? Math.round(totalCents / instalments) : null;
}

const price = z.preprocess(
  posted,
  z
    .string()
    .trim()
    .min(1, "Enter the total price in dollars.")
    .transform((s, ctx) => {
      const cents = dollarsToCents(s);
      if (cents === null) {
        ctx.addIssue({ code: "custom", message: "Enter the price in dollars, like 12500 or 12,500.00." });
        return z.NEVER;
      }
      return cents;
    })
    .pipe(
      z
        .number()
        .min(100, "Enter a price of at least $1.")
        .max(PROGRAM_LIMITS.price * 100, `Enter a price under $${PROGRAM_LIMITS.price.toLocaleString("en-US")}.`),
    ),
);

/** The number of monthly payments: empty means none (paid in one go). */
const instalments = z.preprocess(
  (v) => (typeof v === "string" && v.trim() !== "" ? v : undefined),
  z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, "Enter the number of monthly payments as a whole number.")
    .transform(Number)
    .pipe(
      z
        .number()
        .min(2, "Enter at least 2 monthly payments, or leave it empty.")
        .max(PROGRAM_LIMITS.instalments, `Enter at most ${PROGRAM_LIMITS.instalments} monthly payments.`),
    )
    .optional(),
);

// ---------------------------------------------------------------------------------------
// Form schemas

export const programSchema = z.object({
  name: text("the program name", PROGRAM_LIMITS.name),
  tagline: text("a tagline", PROGRAM_LIMITS.tagline),
  summary: text("a summary", PROGRAM_LIMITS.summary, { multiline: true }),
  format: text("the format", PROGRAM_LIMITS.short),
  schedule: text("the schedule", PROGRAM_LIMITS.short),
  durationWeeks: wholeNumber("the duration in weeks", 1, PROGRAM_LIMITS.durationWeeks),
  hoursPerWeek: wholeNumber("the hours per week", 1, PROGRAM_LIMITS.hoursPerWeek),
  level: text("who it suits", PROGRAM_LIMITS.short),
  outcomes: lineList("outcome"),
  curriculum: lineList("module"),
  published: checkbox,
});
export type ProgramInput = z.output<typeof programSchema>;

export const cohortSchema = z
  .object({
    name: text("the cohort name", PROGRAM_LIMITS.cohortName),
    startDate: calendarDate("the start date", "2027-03-01"),
    endDate: calendarDate("the end date", "2027-03-01"),
    timeZone: z.preprocess(
      posted,
      z
        .string()
        .trim()
        .min(1, "Enter the time zone classes run in, like America/Chicago.")
        .max(PROGRAM_LIMITS.timeZone, "Choose a time zone from the list.")
        .refine(isTimeZone, "Enter a time zone from the list, like America/Chicago.")
        // "america/chicago" → "America/Chicago", as the public page prints it.
        .transform((zone) => new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone),
    ),
    seats: wholeNumber("the number of seats", 1, PROGRAM_LIMITS.seats),
    seatsLeft: wholeNumber("the seats left", 0, PROGRAM_LIMITS.seats),
    status: choice(COHORT_STATUSES, "Choose open, waitlist or closed."),
  })
  .superRefine((c, ctx) => {
    // zod runs object checks even when a field failed: compare only what parsed.
    if (c.startDate instanceof Date && c.endDate instanceof Date && c.endDate <= c.startDate)
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "The end date must be after the start date." });
    if (typeof c.seats === "number" && typeof c.seatsLeft === "number" && c.seatsLeft > c.seats)
      ctx.addIssue({ code: "custom", path: ["seatsLeft"], message: `Seats left cannot be more than the ${c.seats} seats in the cohort.` });
  });
export type CohortInput = z.output<typeof cohortSchema>;

export const paymentOptionSchema = z
  .object({
    kind: choice(PAYMENT_KINDS, "Choose the kind of payment."),
    label: text("a label", PROGRAM_LIMITS.label),
    description: text("a description", PROGRAM_LIMITS.description, { multiline: true }),
    total: price,
    instalments,
  })
  .superRefine((o, ctx) => {
    if (!PAYMENT_KINDS.includes(o.kind)) return;
    const monthly = MONTHLY_KINDS.includes(o.kind);
    if (monthly && o.instalments === undefined) {
      ctx.addIssue({ code: "custom", path: ["instalments"], message: "Enter the number of monthly payments for this kind of plan." });
    }
    if (!monthly && o.instalments !== undefined) {
      ctx.addIssue({ code: "custom", path: ["instalments"], message: `${PAYMENT_KIND_LABELS[o.kind]} is paid in one go: leave the number of payments empty.` });
    }
  })
  .transform((o) => {
    const count = o.instalments ?? null;
    return {
      kind: o.kind,
      label: o.label,
      description: o.description,
      totalCents: o.total,
      instalments: count,
      monthlyCents: monthlyCentsFor(o.total, count),
    };
  });
export type PaymentOptionInput = z.output<typeof paymentOptionSchema>;

export const PROGRAM_FIELDS = [
  "name",
  "tagline",
  "summary",
  "format",
  "schedule",
  "durationWeeks",
  "hoursPerWeek",
  "level",
  "outcomes",
  "curriculum",
  "published",
] as const;
export const COHORT_FIELDS = ["name", "startDate", "endDate", "timeZone", "seats", "seatsLeft", "status"] as const;
export const PAYMENT_OPTION_FIELDS = ["kind", "label", "description", "total", "instalments"] as const;

// ---------------------------------------------------------------------------------------
// Reading

export type ConsoleProgramRow = {
  id: string;
  slug: string;
  name: string;
  published: boolean;
  updatedAt: Date;
  upcomingCohorts: number;
  cohorts: number;
  paymentOptions: number;
  fromPriceCents: number | null;
};

/** Every program, published or not, in the public order. */
export async function listProgramsForConsole(db: Db, now = new Date()): Promise<ConsoleProgramRow[]> {
  const rows = await db.program.findMany({
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    include: {
      cohorts: { select: { startDate: true, status: true } },
      paymentOptions: { select: { totalCents: true } },
    },
  });
  return rows.map((p) => ({
    id: p.id,
    slug: p.slug,
    name: p.name,
    published: p.published,
    updatedAt: p.updatedAt,
    upcomingCohorts: p.cohorts.filter((c) => c.startDate >= now && c.status !== "closed").length,
    cohorts: p.cohorts.length,
    paymentOptions: p.paymentOptions.length,
    fromPriceCents: p.paymentOptions.length ? Math.min(...p.paymentOptions.map((o) => o.totalCents)) : null,
  }));
}

/** One program with every cohort (soonest first) and payment option, for the editor. */
export function getProgramForEditing(db: Db, slug: string) {
  if (!PROGRAM_SLUG_PATTERN.test(slug)) return Promise.resolve(null);
  return db.program.findUnique({
    where: { slug },
    include: {
      cohorts: { orderBy: [{ startDate: "asc" }, { createdAt: "asc" }] },
      paymentOptions: { orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }] },
    },
  });
}
export type EditableProgram = NonNullable<Awaited<ReturnType<typeof getProgramForEditing>>>;

// ---------------------------------------------------------------------------------------
// Writing

export type EditOutcome =
  | { ok: true; slug: string; id: string }
  | { ok: false; reason: "invalid"; fieldErrors: Record<string, string> }
  | { ok: false; reason: "not_found" | "conflict"; message: string };

export const CONFLICT_MESSAGE = "Someone else saved a change here after you opened this page. Reload the page to see it, then make your change again.";
const NOT_FOUND_MESSAGE = "That program, cohort or payment option no longer exists. Reload the page.";
const CONFLICT = { ok: false, reason: "conflict", message: CONFLICT_MESSAGE } as const;
const NOT_FOUND = { ok: false, reason: "not_found", message: NOT_FOUND_MESSAGE } as const;

const TX_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** A form's "version": the updatedAt it was rendered with. Anything unreadable means "don't check". */
export function parseVersion(v: unknown): Date | undefined {
  if (typeof v !== "string" || v.length > 40) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function invalid(error: z.ZodError): EditOutcome {
  return { ok: false, reason: "invalid", fieldErrors: fieldErrorsFrom(error.issues) };
}

async function touchProgram(tx: Tx, programId: string): Promise<string | null> {
  const { count } = await tx.program.updateMany({ where: { id: programId }, data: { updatedAt: new Date() } });
  if (count === 0) return null;
  return (await tx.program.findUniqueOrThrow({ where: { id: programId }, select: { slug: true } })).slug;
}

type PartWhere = { id: string; programId: string };

/** A kind of part's rows: `write` saves a row's fields, `count` tells whether the row is still there. */
type PartRows<D> = {
  write: (tx: Tx, where: PartWhere & { updatedAt?: Date }, data: D) => Promise<{ count: number }>;
  count: (tx: Tx, where: PartWhere) => Promise<number>;
};

const COHORT_ROWS: PartRows<CohortInput> = {
  write: (tx, where, data) => tx.cohort.updateMany({ where, data }),
  count: (tx, where) => tx.cohort.count({ where }),
};
const PAYMENT_OPTION_ROWS: PartRows<PaymentOptionInput> = {
  write: (tx, where, data) => tx.paymentOption.updateMany({ where, data }),
  count: (tx, where) => tx.paymentOption.count({ where }),
};

/**
 * Saves a cohort or payment option of a program from its form (`raw`, checked by `schema`),
 * unless someone saved it after the form was rendered (`version`); a write that matched
 * nothing is a conflict if the row is still there, else the row is gone.
 */
async function updatePart<D>(
  db: Db,
  ref: PartWhere & { version?: Date },
  schema: z.ZodType<D>,
  rows: PartRows<D>,
  raw: Record<string, unknown>,
): Promise<EditOutcome> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const where = { id: ref.id, programId: ref.programId };
  return db.$transaction(async (tx) => {
    const written = await rows.write(tx, ref.version ? { ...where, updatedAt: ref.version } : where, parsed.data);
    if (written.count === 0) return (await rows.count(tx, where)) ? CONFLICT : NOT_FOUND;
    const slug = await touchProgram(tx, ref.programId);
    return { ok: true, slug: slug!, id: ref.id } as const;
  }, TX_OPTIONS);
}

/** Saves a program's public fields (not its slug: links and leads point at it). */
export async function updateProgram(db: Db, ref: { programId: string; version?: Date }, raw: Record<string, unknown>): Promise<EditOutcome> {
  const parsed = programSchema.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { count } = await db.program.updateMany({
    where: { id: ref.programId, ...(ref.version ? { updatedAt: ref.version } : {}) },
    data: parsed.data,
  });
  const program = await db.program.findUnique({ where: { id: ref.programId }, select: { slug: true } });
  if (!program) return NOT_FOUND;
  if (count === 0) return CONFLICT;
  return { ok: true, slug: program.slug, id: ref.programId };
}

/** Adds a cohort or payment option to a program with `create`, unless the program is gone. */
function addPart(db: Db, programId: string, create: (tx: Tx) => Promise<{ id: string }>): Promise<EditOutcome> {
  return db.$transaction(async (tx) => {
    const slug = await touchProgram(tx, programId);
    if (!slug) return NOT_FOUND;
    const part = await create(tx);
    return { ok: true, slug, id: part.id } as const;
  }, TX_OPTIONS);
}

export async function addCohort(db: Db, ref: { programId: string }, raw: Record<string, unknown>): Promise<EditOutcome> {
  const parsed = cohortSchema.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  return addPart(db, ref.programId, (tx) => tx.cohort.create({ data: { ...parsed.data, programId: ref.programId } }));
}

export async function updateCohort(db: Db, ref: { programId: string; cohortId: string; version?: Date }, raw: Record<string, unknown>): Promise<EditOutcome> {
  return updatePart(db, { programId: ref.programId, id: ref.cohortId, version: ref.version }, cohortSchema, COHORT_ROWS, raw);
}

export async function addPaymentOption(db: Db, ref: { programId: string }, raw: Record<string, unknown>): Promise<EditOutcome> {
  const parsed = paymentOptionSchema.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  return addPart(db, ref.programId, async (tx) => {
    const last = await tx.paymentOption.aggregate({ where: { programId: ref.programId }, _max: { sortOrder: true } });
    return tx.paymentOption.create({ data: { ...parsed.data, programId: ref.programId, sortOrder: (last._max.sortOrder ?? -1) + 1 } });
  });
}

export async function updatePaymentOption(
  db: Db,
  ref: { programId: string; optionId: string; version?: Date },
  raw: Record<string, unknown>,
): Promise<EditOutcome> {
  return updatePart(db, { programId: ref.programId, id: ref.optionId, version: ref.version }, paymentOptionSchema, PAYMENT_OPTION_ROWS, raw);
}

/** Stops offering a payment option. Leads keep what was chosen (it is stored in their fields). */
export async function removePaymentOption(db: Db, ref: { programId: string; optionId: string }): Promise<EditOutcome> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.paymentOption.deleteMany({ where: { id: ref.optionId, programId: ref.programId } });
    if (count === 0) return NOT_FOUND;
    const slug = await touchProgram(tx, ref.programId);
    return { ok: true, slug: slug!, id: ref.optionId } as const;
  }, TX_OPTIONS);
}

// ---------------------------------------------------------------------------------------
// Public pages after an edit

export const PROGRAM_SLUG_PATTERN = /^[a-z0-9-]{1,80}$/;

/** The Pages Router ISR pages built from one program's data. */
export function programPagePaths(slug: string): string[] {
  return ["/", "/programs", `/programs/${slug}`];
}

/**
 * The bearer token for pages/api/revalidate-programs: derived from the auth secret, so
 * there is no extra secret to configure, and only this server (which knows it) can ask.
 */
export function revalidationToken(secret: string): string {
  return createHmac("sha256", secret).update("loomstack:revalidate-programs:v1").digest("base64url");
}

export function isRevalidationToken(authorization: string | undefined | null, secret: string): boolean {
  const given = Buffer.from(/^Bearer (\S+)$/.exec(authorization ?? "")?.[1] ?? "");
  const expected = Buffer.from(revalidationToken(secret));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Where this server can reach itself: REVALIDATE_ORIGIN if set, else the origin `next start`
 * / `next dev` records for the process, else 127.0.0.1 on PORT. Never the request's Host
 * header: the token must not be sent wherever a client says.
 */
export function internalOrigin(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.REVALIDATE_ORIGIN?.split(",")[0]?.trim();
  if (explicit) return explicit.replace(/\/+$/, "");
  const recorded = env.__NEXT_PRIVATE_ORIGIN?.trim();
  if (recorded) return recorded.replace(/\/+$/, "");
  return `http://127.0.0.1:${env.PORT?.trim() || "3000"}`;
}

/**
 * Every app server whose cached program pages must be refreshed after an edit. With several
 * servers, each has its own page cache: list all of them, comma-separated, in
 * REVALIDATE_ORIGIN (e.g. "http://10.0.0.2:3000,http://10.0.0.3:3000"). Default: this one.
 */
export function revalidationOrigins(env: NodeJS.ProcessEnv = process.env): string[] {
  const listed = (env.REVALIDATE_ORIGIN ?? "")
    .split(",")
    .map((o) => o.trim().replace(/\/+$/, ""))
    .filter(Boolean);
  return listed.length ? [...new Set(listed)] : [internalOrigin({ ...env, REVALIDATE_ORIGIN: "" })];
}

export type RevalidationResult = { ok: boolean; revalidated: string[]; failed: string[]; error?: string };

/** `requestProgramPagesRevalidation` on every origin at once; ok only if all of them are. */
export async function requestProgramPagesRevalidationEverywhere(opts: {
  slug: string;
  origins: string[];
  token: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
}): Promise<RevalidationResult> {
  const results = await Promise.all(opts.origins.map((origin) => requestProgramPagesRevalidation({ ...opts, origin })));
  const errors = results.flatMap((r, i) => (r.ok ? [] : [`${opts.origins[i]}: ${r.error ?? r.failed.join(", ")}`]));
  return {
    ok: errors.length === 0,
    revalidated: [...new Set(results.flatMap((r) => r.revalidated))],
    failed: [...new Set(results.flatMap((r) => r.failed))],
    ...(errors.length ? { error: errors.join("; ") } : {}),
  };
}

/**
 * Asks the Pages Router API route to regenerate a program's pages now (on-demand ISR with
 * `res.revalidate`), and waits for it: when this returns ok, visitors get the new pages.
 */
export async function requestProgramPagesRevalidation(opts: {
  slug: string;
  origin: string;
  token: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
}): Promise<RevalidationResult> {
  const paths = programPagePaths(opts.slug);
  try {
    const res = await (opts.fetchImpl ?? fetch)(`${opts.origin}/api/revalidate-programs`, {
      method: "POST",
      headers: { authorization: `Bearer ${opts.token}`, "content-type": "application/json" },
      body: JSON.stringify({ slug: opts.slug }),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
      cache: "no-store",
    });
    const body = (await res.json().catch(() => ({}))) as Partial<RevalidationResult>;
    if (!res.ok) return { ok: false, revalidated: body.revalidated ?? [], failed: body.failed ?? paths, error: `HTTP ${res.status}` };
    const failed = body.failed ?? [];
    return { ok: failed.length === 0, revalidated: body.revalidated ?? [], failed };
  } catch (error) {
    return { ok: false, revalidated: [], failed: paths, error: error instanceof Error ? error.message : String(error) };
  }
}
