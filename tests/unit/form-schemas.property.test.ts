/**
 * Property-based tests for the form schemas (lib/leads/schemas.ts): for every schema in
 * `formSchemas`, arbitrary and hostile posts never make `safeParse` throw, whatever it accepts
 * respects the bounds the rest of the app relies on, and every valid post is accepted.
 * Generators: tests/helpers/arbitraries.ts.
 */
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { BranchCounter } from "../helpers/narrow";
import { FORM_TYPES, type FormType } from "@/lib/leads/form-types";
import { leadFormAction } from "@/lib/leads/run-form-action";
import { ARTICLE_PATH_PATTERN, COMMENT_LIMITS } from "@/lib/forms/comment/schema";
import { attributionSchema, CALL_TIMES, DEVICE_PLATFORMS, EXPERIENCE_LEVELS, formSchemas, LIMITS, PAYMENT_OPTIONS } from "@/lib/leads/schemas";
import {
  arbitraryPost,
  ATTRIBUTION_LIMITS,
  CONTROL_CHAR,
  controlChar,
  E164,
  FORM_KEYS,
  hostileInput,
  injected,
  LINE_BREAK_OR_TAB,
  lineBreakInside,
  LONE_SURROGATE,
  show,
  SINGLE_LINE_MESSAGE,
  stringsIn,
  tamperedArgs,
  textAroundLimit,
  validInput,
  withLoneSurrogate,
} from "../helpers/arbitraries";

/** Runs per property; FC_NUM_RUNS=20000 for a longer local search. */
const RUNS = Number(process.env.FC_NUM_RUNS) || 250;

type Spec =
  /** Text is one line unless `multiline`. */
  | { t: "text"; max: number; optional?: boolean; multiline?: boolean }
  | { t: "email" }
  | { t: "phone"; optional?: boolean }
  | { t: "slug"; optional?: boolean }
  | { t: "id"; max: number }
  | { t: "enum"; values: readonly string[]; optional?: boolean }
  | { t: "tz"; optional?: boolean }
  | { t: "int"; min: number; max: number; optional?: boolean }
  | { t: "consent" }
  | { t: "slugs"; max: number }
  | { t: "friends"; max: number }
  | { t: "article" }
  | { t: "url"; optional: true }
  | { t: "bool" }
  | { t: "code"; optional: true }
  | { t: "instant" };

/** What each schema may output, field by field. */
const SPECS: Record<FormType, Record<string, Spec>> = {
  enroll: {
    name: { t: "text", max: LIMITS.name },
    email: { t: "email" },
    phone: { t: "phone", optional: true },
    program: { t: "slug" },
    cohort: { t: "id", max: LIMITS.id },
    paymentOption: { t: "enum", values: PAYMENT_OPTIONS },
    experience: { t: "enum", values: EXPERIENCE_LEVELS },
    goals: { t: "text", max: LIMITS.message, optional: true, multiline: true },
    code: { t: "code", optional: true },
    consent: { t: "consent" },
  },
  quote: {
    audience: { t: "enum", values: ["individual", "team"] },
    name: { t: "text", max: LIMITS.name },
    email: { t: "email" },
    company: { t: "text", max: LIMITS.company, optional: true },
    seats: { t: "int", min: 2, max: LIMITS.seats, optional: true },
    courses: { t: "slugs", max: 10 },
    platform: { t: "enum", values: DEVICE_PLATFORMS },
    contactBy: { t: "enum", values: ["email", "call"] },
    phone: { t: "phone", optional: true },
    bestTime: { t: "enum", values: CALL_TIMES, optional: true },
    timeZone: { t: "tz", optional: true },
    message: { t: "text", max: LIMITS.message, optional: true, multiline: true },
    consent: { t: "consent" },
  },
  referral: {
    name: { t: "text", max: LIMITS.name },
    email: { t: "email" },
    friends: { t: "friends", max: LIMITS.friends },
    consent: { t: "consent" },
  },
  newsletter: {
    email: { t: "email" },
    name: { t: "text", max: LIMITS.name, optional: true },
    consent: { t: "consent" },
  },
  callback: {
    name: { t: "text", max: LIMITS.name },
    phone: { t: "phone" },
    course: { t: "slug" },
    platform: { t: "enum", values: DEVICE_PLATFORMS },
    bestTime: { t: "enum", values: CALL_TIMES },
    timeZone: { t: "tz" },
    consent: { t: "consent" },
  },
  redemption: {
    email: { t: "email" },
    reward: { t: "id", max: LIMITS.id },
    details: { t: "text", max: LIMITS.message, optional: true, multiline: true },
    consent: { t: "consent" },
  },
  syllabus: {
    program: { t: "slug" },
    email: { t: "email" },
    consent: { t: "consent" },
  },
  event: {
    eventSlug: { t: "slug" },
    name: { t: "text", max: LIMITS.name },
    email: { t: "email" },
    consent: { t: "consent" },
  },
  booking: {
    callType: { t: "slug" },
    startsAt: { t: "instant" },
    timeZone: { t: "tz" },
    program: { t: "slug", optional: true },
    name: { t: "text", max: LIMITS.name },
    email: { t: "email" },
    phone: { t: "phone", optional: true },
    note: { t: "text", max: LIMITS.note, optional: true, multiline: true },
    consent: { t: "consent" },
  },
  comment: {
    article: { t: "article" },
    name: { t: "text", max: LIMITS.name },
    email: { t: "email" },
    homepage: { t: "url", optional: true },
    comment: { t: "text", max: COMMENT_LIMITS.body, multiline: true },
    advisor: { t: "bool" },
    consent: { t: "consent" },
  },
};

const FRIEND_SPEC: Record<string, Spec> = {
  name: { t: "text", max: LIMITS.name },
  email: { t: "email" },
  note: { t: "text", max: LIMITS.note, optional: true, multiline: true },
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

const validTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/**
 * zod 4 measures string limits in Unicode code points, not UTF-16 units: a 100-character name
 * of astral letters (emoji, 𐀀…) is 200 units long and still within LIMITS.name.
 */
const len = (s: string) => [...s].length;

/** Everything wrong with one field's output value (empty when it is fine). */
function fieldViolations(path: string, spec: Spec, v: unknown): string[] {
  const bad = (why: string) => [`${path}: ${why} (got ${show(v).slice(0, 120)})`];
  if (v === undefined) return "optional" in spec && spec.optional ? [] : bad("missing");
  switch (spec.t) {
    case "text":
      if (typeof v !== "string") return bad("not a string");
      if (len(v) > spec.max) return bad(`longer than ${spec.max}`);
      if (v.length === 0) return bad("empty string instead of undefined");
      if (v !== v.trim()) return bad("not trimmed");
      if (!spec.multiline && LINE_BREAK_OR_TAB.test(v)) return bad("a line break or tab in a single-line field");
      return [];
    case "email":
      if (typeof v !== "string") return bad("not a string");
      if (len(v) > LIMITS.email) return bad(`longer than ${LIMITS.email}`);
      if (LINE_BREAK_OR_TAB.test(v)) return bad("a line break or tab in an email address");
      if (v !== v.trim().toLowerCase()) return bad("not trimmed and lower-case");
      if (!v.includes("@")) return bad("no @");
      return [];
    case "phone":
      return typeof v === "string" && E164.test(v) ? [] : bad("not E.164");
    case "slug":
      return typeof v === "string" && len(v) <= LIMITS.slug && /^[a-z0-9-]+$/.test(v) ? [] : bad("not a slug");
    case "id":
      return typeof v === "string" && len(v) >= 1 && len(v) <= spec.max && v === v.trim() ? [] : bad(`not a trimmed id of 1-${spec.max}`);
    case "enum":
      return typeof v === "string" && spec.values.includes(v) ? [] : bad(`not one of ${spec.values.join(", ")}`);
    case "tz":
      return typeof v === "string" && len(v) <= LIMITS.timeZone && validTimeZone(v) ? [] : bad("not a time zone");
    case "int":
      return typeof v === "number" && Number.isInteger(v) && v >= spec.min && v <= spec.max ? [] : bad(`not an integer in ${spec.min}-${spec.max}`);
    case "consent":
      return v === true ? [] : bad("consent is not true");
    case "slugs":
      if (!Array.isArray(v) || v.length < 1 || v.length > spec.max) return bad(`not 1-${spec.max} items`);
      return v.flatMap((s, i) => fieldViolations(`${path}[${i}]`, { t: "slug" }, s));
    case "friends":
      if (!Array.isArray(v) || v.length < 1 || v.length > spec.max) return bad(`not 1-${spec.max} friends`);
      return v.flatMap((f, i) => objectViolations(`${path}[${i}]`, FRIEND_SPEC, f));
    case "article":
      return typeof v === "string" && ARTICLE_PATH_PATTERN.test(v) ? [] : bad("not an article path");
    case "url":
      if (typeof v !== "string" || !/^https?:\/\/[^/?#]+\./.test(v) || v !== URL.parse(v)?.href) return bad("not a normalised http(s) address");
      return len(v) <= COMMENT_LIMITS.storedWebsite && !LINE_BREAK_OR_TAB.test(v) ? [] : bad("too long, or a line break in an address");
    case "bool":
      return typeof v === "boolean" ? [] : bad("not a boolean");
    case "code":
      return typeof v === "string" && len(v) <= 40 && /^[A-Z0-9-]+$/.test(v) ? [] : bad("not an upper-case code of 1-40");
    case "instant":
      return typeof v === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(v) && new Date(v).toISOString().slice(0, 19) === v.slice(0, 19)
        ? []
        : bad("not a real ISO instant in UTC");
  }
}

function objectViolations(path: string, spec: Record<string, Spec>, out: unknown): string[] {
  if (!isPlainObject(out)) return [`${path}: not a plain object`];
  const unknownKeys = Object.keys(out).filter((k) => !(k in spec));
  return [
    ...unknownKeys.map((k) => `${path}.${k}: key the schema does not declare`),
    ...Object.entries(spec).flatMap(([k, s]) => fieldViolations(`${path}.${k}`, s, out[k])),
  ];
}

/** Bounds of a successful parse: lengths, formats, enums, keys, cross-field rules. */
function boundViolations(form: FormType, out: unknown): string[] {
  const problems = objectViolations("$", SPECS[form], out);
  if (problems.length) return problems;
  const o = out as Record<string, unknown>;
  if (form === "quote") {
    if (o.audience === "team" && (o.company === undefined || o.seats === undefined)) problems.push("team quote without company or seats");
    if (o.audience === "individual" && (o.company !== undefined || o.seats !== undefined)) problems.push("individual quote kept company/seats");
    const callDetails = [o.phone, o.bestTime, o.timeZone];
    if (o.contactBy === "call" && callDetails.includes(undefined)) problems.push("a call asked for without phone, best time or time zone");
    if (o.contactBy === "email" && callDetails.some((x) => x !== undefined)) problems.push("email-only quote kept call details");
  }
  if (form === "referral") {
    const emails = (o.friends as { email: string }[]).map((f) => f.email);
    if (emails.includes(o.email as string)) problems.push("referrer listed as their own friend");
    if (new Set(emails).size !== emails.length) problems.push("the same friend twice");
  }
  return problems;
}

const controlCharViolations = (out: unknown) =>
  stringsIn(out)
    .filter(([, s]) => CONTROL_CHAR.test(s))
    .map(([p, s]) => `${p} contains a control character: ${show(s).slice(0, 80)}`);

const loneSurrogateViolations = (out: unknown) =>
  stringsIn(out)
    .filter(([, s]) => LONE_SURROGATE.test(s))
    .map(([p, s]) => {
      const at = LONE_SURROGATE.exec(s)?.index ?? 0;
      return `${p} contains a lone surrogate at index ${at} of ${s.length}: …${show(s.slice(Math.max(0, at - 12), at + 12))}…`;
    });

/** The object schema inside a schema (quote's is the output side of a z.preprocess pipe). */
function declaredKeys(schema: unknown): string[] {
  type Def = { shape?: Record<string, unknown>; in?: { _zod: { def: Def } }; out?: { _zod: { def: Def } } };
  const def = (schema as { _zod: { def: Def } })._zod.def;
  return Object.keys(def.shape ?? def.in?._zod.def.shape ?? def.out?._zod.def.shape ?? {});
}

it("the specs in this file cover exactly the schemas' keys", () => {
  expect(Object.keys(formSchemas).sort()).toEqual([...FORM_TYPES].sort());
  for (const form of FORM_TYPES) {
    expect(declaredKeys(formSchemas[form]).sort(), form).toEqual(Object.keys(SPECS[form]).sort());
    expect(Object.keys(FORM_KEYS[form]).sort(), form).toEqual(Object.keys(SPECS[form]).sort());
  }
});

describe.each(FORM_TYPES)("%s schema", (form) => {
  const schema = formSchemas[form];

  it("never throws on arbitrary input (fc.anything, or its real keys with any values), and refuses it", () => {
    // Random values are never a valid post (none in thousands of runs), so what an accepted
    // post may hold is the next test's, where both outcomes occur.
    fc.assert(
      fc.property(arbitraryPost(form, { loneSurrogates: true }), (raw) => {
        const r = schema.safeParse(raw);
        expect(r.success ? "accepted" : r.error.issues.length > 0).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it("never throws on hostile variations of a valid post, and what it accepts respects the bounds", () => {
    const branches = new BranchCounter("accepted", "refused");
    fc.assert(
      fc.property(hostileInput(form, { loneSurrogates: true }), (raw) => {
        const r = schema.safeParse(raw);
        branches.hit(r.success ? "accepted" : "refused");
        if (r.success) expect(boundViolations(form, r.data)).toEqual([]);
        else expect(r.error.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
    expect(branches.missed()).toEqual([]);
  });

  it("accepts no C0/C1 control characters (other than \\t \\n \\r) in any output string", () => {
    const branches = new BranchCounter("accepted", "refused");
    const noControlChars = (raw: unknown) => {
      const r = schema.safeParse(raw);
      branches.hit(r.success ? "accepted" : "refused");
      if (r.success) expect(controlCharViolations(r.data)).toEqual([]);
    };
    // Valid posts with control characters put into one field (shrinks to a clear example)…
    const oneField = injected(form, fc.string({ unit: controlChar, minLength: 1, maxLength: 3 })).map((x) => x.raw);
    fc.assert(fc.property(oneField, noControlChars), { numRuns: RUNS });
    // …and hostile posts in general.
    fc.assert(fc.property(fc.limitShrink(hostileInput(form), 100), noControlChars), { numRuns: RUNS });
    expect(branches.missed()).toEqual([]);
  });

  it("refuses a line break or tab inside any single-line field, with the message on that field", () => {
    fc.assert(
      fc.property(lineBreakInside(form), ({ raw, path }) => {
        const r = schema.safeParse(raw);
        expect(r.success, `accepted a line break in ${path}`).toBe(false);
        // Friend rows are matched by list and field: blank rows do not count in the schema's index.
        const field = (p: PropertyKey[]) => [p[0], p.at(-1)].map(String).join(".");
        const flagged = (r.error?.issues ?? []).filter((i) => i.message === SINGLE_LINE_MESSAGE).map((i) => field(i.path));
        expect(flagged).toContain(field(path.split(".")));
      }),
      { numRuns: RUNS },
    );
  });

  it("accepts every valid post, normalized (trimmed, lower-case email, E.164 phone, blanks dropped)", () => {
    fc.assert(
      fc.property(validInput(form), ({ raw, expected }) => {
        const r = schema.safeParse(raw);
        if (!r.success) throw new Error(`rejected a valid post: ${JSON.stringify(r.error.issues.map((i) => [i.path.join("."), i.message]))}`);
        expect(boundViolations(form, r.data)).toEqual([]);
        expect(r.data).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });
});

/**
 * A lone surrogate passes every schema, and SQLite (through Prisma) then refuses the string,
 * so submitLead throws (see tests/integration/submit-lead.property.test.ts). Whatever a schema
 * accepts should be storable: well-formed UTF-16.
 */
it("accepts only well-formed Unicode (no lone surrogates) in output strings, for every form", () => {
  const branches = new BranchCounter("accepted", "refused");
  fc.assert(
    fc.property(
      fc.limitShrink(
        fc.constantFrom(...FORM_TYPES).chain((form) =>
          fc.tuple(
            fc.constant(form),
            injected(form, withLoneSurrogate).map((x) => x.raw),
          ),
        ),
        100,
      ),
      ([form, raw]) => {
        const r = formSchemas[form].safeParse(raw);
        branches.hit(r.success ? "accepted" : "refused");
        if (r.success) expect(loneSurrogateViolations(r.data)).toEqual([]);
      },
    ),
    // About 2% of these posts are accepted (measured): four times the runs, so some always are.
    { numRuns: RUNS * 4 },
  );
  expect(branches.missed()).toEqual([]);
});

/**
 * The hidden attribution fields (utm_*, article, cta) are clipped, not refused. Clipping by
 * UTF-16 units can cut an emoji in half and leave a lone surrogate, which the database then
 * refuses, so the whole submission fails (tests/integration/submit-lead.property.test.ts).
 */
it("clips attribution values to their limits without cutting a character in half", () => {
  const keys = Object.keys(ATTRIBUTION_LIMITS);
  fc.assert(
    fc.property(
      fc.constantFrom(...keys).chain((key) => fc.tuple(fc.constant(key), textAroundLimit(ATTRIBUTION_LIMITS[key]))),
      ([key, value]) => {
        const out = attributionSchema.parse({ [key]: value }) as Record<string, unknown>;
        const clipped = out[key];
        expect(typeof clipped).toBe("string");
        expect((clipped as string).length).toBeLessThanOrEqual(ATTRIBUTION_LIMITS[key]);
        expect(loneSurrogateViolations(out)).toEqual([]);
      },
    ),
    { numRuns: RUNS },
  );
});

/**
 * A form's Server Action (leadFormAction, as app/(forms)/actions.ts exports it) called with
 * tampered arguments: no argument, `$undefined` or null as the previous state, the form data
 * as an object, a string or missing, 200 arguments… Nothing may read them: every such call
 * gets the form's error state with a fresh token, touches no request or database, and logs
 * one line without a stack. The same calls against the database: submit-lead.property.test.ts.
 */
describe.each(FORM_TYPES)("%s form action, tampered calls", (form) => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  it("answers every call without a FormData second with a clean error, touching nothing", async () => {
    const touched = { count: 0 };
    const used = { request: 0, deps: 0 };
    const action = leadFormAction(
      form,
      async () => {
        used.request++;
        return { ip: "192.0.2.1" };
      },
      () => {
        used.deps++;
        throw new Error("a tampered call must not reach the database");
      },
    );
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await fc.assert(
        fc.asyncProperty(
          tamperedArgs(form, touched, () => new FormData()),
          async (args) => {
            warn.mockClear();
            error.mockClear();
            const state = await action(...args);
            expect(state).toEqual({
              formType: form,
              status: "error",
              message: "We could not read this form. Reload the page and send it again.",
              submissionToken: expect.stringMatching(UUID),
            });
            expect(warn).toHaveBeenCalledTimes(1);
            const line = String(warn.mock.calls[0][0]);
            expect(warn.mock.calls[0]).toHaveLength(1);
            expect(line).not.toMatch(/\n|TypeError|\bat /);
            expect(error).not.toHaveBeenCalled();
          },
        ),
        { numRuns: RUNS },
      );
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
    expect(touched.count, "a fake FormData's methods were called").toBe(0);
    expect(used).toEqual({ request: 0, deps: 0 });
  });
});
