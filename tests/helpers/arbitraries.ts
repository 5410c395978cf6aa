/**
 * fast-check arbitraries for the lead forms: valid inputs per form (what a real person could
 * post) and hostile inputs (what a bot, a fuzzer or a broken client could post).
 *
 * Used by tests/unit/form-schemas.property.test.ts (pure) and
 * tests/integration/submit-lead.property.test.ts (real SQLite).
 */
import fc from "fast-check";
import type { FormType } from "@/lib/leads/form-types";
import { COMMENT_LIMITS } from "@/lib/forms/comment/schema";
import { CALL_TIMES, DEVICE_PLATFORMS, EXPERIENCE_LEVELS, LIMITS, PAYMENT_OPTIONS } from "@/lib/leads/schemas";

export type Raw = Record<string, unknown>;

/** The same class of characters the schemas refuse (C0/C1 controls other than \t \n \r). */
// eslint-disable-next-line no-control-regex -- the generators must know which characters are control characters
export const CONTROL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** What a single-line field may not hold inside it: every kind of line break, and tabs. */
export const LINE_BREAK_OR_TAB = /[\t\n\v\f\r\u0085\u2028\u2029]/;
export const SINGLE_LINE_MESSAGE = "Use a single line, without line breaks or tabs.";
export const E164 = /^\+[1-9]\d{6,14}$/;
/** A UTF-16 code unit that is half of a surrogate pair without its other half. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Where the catalogue is known (integration tests), valid generators pick real program slugs
 * and open cohorts; without it (pure schema tests) any well-formed slug or id will do.
 */
export type Catalog = {
  programSlugs: string[];
  openCohorts: { program: string; cohort: string }[];
  /** Published upcoming events (the RSVP form). */
  eventSlugs?: string[];
  /** A call type and times free to book (the booking form): each time has several advisors free. */
  booking?: { callType: string; slotStarts: string[] };
};

export type GenOptions = {
  catalog?: Catalog;
  /**
   * Whether hostile strings may contain lone surrogates (`"\uD800"`). A browser can never post
   * one (form data is a USVString, encoded as UTF-8), but a direct caller of the schemas or of
   * submitLead can.
   */
  loneSurrogates?: boolean;
};

// ---------------------------------------------------------------------------------------------
// Valid building blocks
// ---------------------------------------------------------------------------------------------

const LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ACCENTED = "éèêëáàâäãåçíìîïñóòôöõøúùûüýÿßæœÉÈÁÀÇÑÖØÜÆŒłŁșțğışčřžšđ";
const OTHER_SCRIPTS = "ЖжДдλΛΣσ李王明ساممحدשלוםकमल";
const NAME_LETTERS = [...LATIN, ...ACCENTED, ...OTHER_SCRIPTS];

const letter = fc.constantFrom(...NAME_LETTERS);
const nameUnit = fc.oneof({ weight: 12, arbitrary: letter }, { weight: 1, arbitrary: fc.constantFrom(" ", "'", "-") });

/** Whitespace String.prototype.trim removes (what zod's .trim() uses). */
const trimmable = fc.constantFrom("", "", "", " ", "  ", "\t", "\n", "\r\n", "\u00A0", "\u3000", "\uFEFF");

/** Surrounds a string with whitespace the schemas are expected to trim off. */
export function padded(arb: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(trimmable, arb, trimmable).map(([a, s, b]) => a + s + b);
}

/** A person's name: letters (many scripts), spaces, apostrophes, hyphens; trimmed, 1–100 chars. */
export const personName: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 8, arbitrary: fc.string({ unit: nameUnit, minLength: 1, maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: nameUnit, minLength: 90, maxLength: LIMITS.name }) },
    { weight: 1, arbitrary: fc.string({ unit: letter, minLength: LIMITS.name, maxLength: LIMITS.name }) },
  )
  .map((s) => s.trim())
  .filter((s) => s.length > 0 && s.length <= LIMITS.name);

const alnum = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789");
const atom = fc.string({ unit: alnum, minLength: 1, maxLength: 12 });
const localPart = fc
  .tuple(fc.array(atom, { minLength: 1, maxLength: 3 }), fc.option(fc.tuple(fc.constantFrom("+", "_", "-"), atom), { nil: undefined }))
  .map(([atoms, tag]) => atoms.join(".") + (tag ? tag[0] + tag[1] : ""));
const label = fc
  .tuple(alnum, fc.string({ unit: fc.oneof({ weight: 8, arbitrary: alnum }, { weight: 1, arbitrary: fc.constant("-") }), maxLength: 10 }), alnum)
  .map(([a, mid, b]) => a + mid + b);
const tld = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"), minLength: 2, maxLength: 6 });

/** `local@domain.tld` from safe alphabets, always lower-case (see mixedCaseEmail). */
export const simpleEmail: fc.Arbitrary<string> = fc
  .tuple(localPart, fc.array(label, { minLength: 1, maxLength: 3 }), tld)
  .map(([local, labels, t]) => `${local}@${labels.join(".")}.${t}`)
  .filter((e) => e.length <= 200);

/** An email as typed: random upper-case letters and surrounding whitespace. */
export function typedEmail(lower: fc.Arbitrary<string> = simpleEmail): fc.Arbitrary<{ typed: string; normalized: string }> {
  return fc.tuple(fc.mixedCase(lower), trimmable, trimmable).map(([cased, a, b]) => ({ typed: a + cased + b, normalized: cased.toLowerCase() }));
}

/** Real-format numbers in several countries: [country code, national digits, E.164]. */
export const PHONE_NUMBERS: readonly [string, string, string][] = [
  ["1", "4155550132", "+14155550132"],
  ["1", "2125550100", "+12125550100"],
  ["44", "2079460958", "+442079460958"],
  ["49", "30901820", "+4930901820"],
  ["33", "142685300", "+33142685300"],
  ["61", "293744000", "+61293744000"],
  ["91", "9876543210", "+919876543210"],
  ["81", "312345678", "+81312345678"],
  ["55", "11912345678", "+5511912345678"],
  ["34", "912345678", "+34912345678"],
  ["39", "0612345678", "+390612345678"],
  ["27", "211234567", "+27211234567"],
  ["65", "61234567", "+6561234567"],
  ["52", "5512345678", "+525512345678"],
  ["31", "201234567", "+31201234567"],
];

/** A phone number as a person might type it, with its expected E.164 form. */
export const typedPhone: fc.Arbitrary<{ typed: string; e164: string }> = fc
  .tuple(
    fc.constantFrom(...PHONE_NUMBERS),
    fc.array(fc.integer({ min: 2, max: 4 }), { minLength: 4, maxLength: 6 }),
    fc.constantFrom(" ", "-", ".", ""),
    fc.constantFrom(" ", "", "-"),
    fc.boolean(),
    fc.boolean(),
    trimmable,
    trimmable,
  )
  .map(([[cc, national, e164], sizes, sep, afterCc, parens, dropUsCc, a, b]) => {
    const groups: string[] = [];
    let i = 0;
    for (const size of sizes) {
      if (i >= national.length) break;
      groups.push(national.slice(i, i + size));
      i += size;
    }
    if (i < national.length) groups.push(national.slice(i));
    if (parens && groups.length > 1) groups[0] = `(${groups[0]})`;
    const nationalTyped = groups.join(sep);
    // US numbers may be typed without the country code (the schema reads them as US).
    const typed = cc === "1" && dropUsCc ? nationalTyped : `+${cc}${afterCc}${nationalTyped}`;
    return { typed: a + typed + b, e164 };
  });

export const TIME_ZONES: string[] = Intl.supportedValuesOf("timeZone");
export const timeZone = fc.constantFrom(...TIME_ZONES);

export const consent = fc.constantFrom<unknown>("on", true, "true");

const slugChar = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-");
export const anySlug = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: slugChar, minLength: 1, maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: slugChar, minLength: LIMITS.slug, maxLength: LIMITS.slug }) },
);
const cohortId = fc.string({ unit: alnum, minLength: 1, maxLength: LIMITS.id });

const freeTextUnit = fc.oneof(
  { weight: 10, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: fc.constantFrom(" ", " ", "\n", "\t", "\r\n", ...ACCENTED, ...OTHER_SCRIPTS) },
  { weight: 1, arbitrary: fc.constantFrom("👩‍💻", "🎉", "—", "…", "€", "<b>", "&amp;", "'", '"', ";", "\u200B", "\u200F") },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) },
);

/**
 * Free text that fits `max` once trimmed, with no control characters: several lines (goals,
 * message, note…), or with `singleLine` one line (a company name).
 */
export function freeText(max: number, { singleLine = false } = {}): fc.Arbitrary<string> {
  return fc
    .oneof(
      { weight: 8, arbitrary: fc.string({ unit: freeTextUnit, minLength: 1, maxLength: Math.min(max, 200) }) },
      { weight: 1, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: max - 5, maxLength: max }) },
    )
    .map((s) => (singleLine ? s.trim() : s))
    .filter((s) => s.trim().length > 0 && s.trim().length <= max && !CONTROL_CHAR.test(s) && !(singleLine && LINE_BREAK_OR_TAB.test(s)));
}

/** An optional text field: left out, posted empty or blank, or filled in. */
function optionalText(max: number): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom("", "   ", "\n") },
    { weight: 4, arbitrary: freeText(max) },
  );
}

const intOrString = (min: number, max: number) =>
  fc
    .tuple(fc.integer({ min, max }), fc.constantFrom("number", "string", "padded"))
    .map(([n, as]) => (as === "number" ? n : as === "string" ? String(n) : ` ${n} `));

// ---------------------------------------------------------------------------------------------
// Valid inputs per form
// ---------------------------------------------------------------------------------------------

/** A valid raw post plus the normalized values the schema is expected to produce for it. */
export type Valid = { raw: Raw; expected: Raw };

/** Drops keys whose value is undefined (a field that was not posted at all). */
function compact(o: Raw): Raw {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

const trimmedOrUndefined = (s: string | undefined) => (s === undefined || s.trim() === "" ? undefined : s.trim());

function programAndCohort(catalog?: Catalog) {
  return catalog
    ? fc.constantFrom(...catalog.openCohorts).map((c) => ({ program: c.program, cohort: c.cohort }))
    : fc.record({ program: anySlug, cohort: cohortId });
}

function courseSlugs(catalog?: Catalog) {
  return catalog
    ? fc.subarray(catalog.programSlugs, { minLength: 1, maxLength: Math.min(10, catalog.programSlugs.length) })
    : fc.uniqueArray(anySlug, { minLength: 1, maxLength: 10 });
}

function callbackCourse(catalog?: Catalog) {
  return fc.oneof(fc.constant("not-sure"), catalog ? fc.constantFrom(...catalog.programSlugs) : anySlug);
}

/** A discount or referral code as typed: any case, maybe padded, or blank. */
const typedCode = fc.oneof(
  fc.constantFrom("", "   "),
  fc.tuple(fc.constantFrom("", " ", "\t"), fc.stringMatching(/^[A-Za-z0-9-]{1,40}$/), fc.constantFrom("", " ")).map(([a, code, b]) => `${a}${code}${b}`),
);

export function validEnroll(catalog?: Catalog): fc.Arbitrary<Valid> {
  return fc
    .record({
      name: padded(personName),
      email: typedEmail(),
      phone: fc.option(fc.oneof(typedPhone, fc.constant({ typed: "", e164: undefined })), { nil: undefined }),
      pc: programAndCohort(catalog),
      paymentOption: fc.constantFrom(...PAYMENT_OPTIONS),
      experience: fc.constantFrom(...EXPERIENCE_LEVELS),
      goals: optionalText(LIMITS.message),
      // Against a database (a catalog given), a typed code must exist there to be valid: the
      // valid arm leaves the field blank; schema-only tests type any code.
      code: fc.option(catalog ? fc.constantFrom("", "   ") : typedCode, { nil: undefined }),
      consent,
    })
    .map((v) => ({
      raw: compact({
        name: v.name,
        email: v.email.typed,
        phone: v.phone?.typed,
        program: v.pc.program,
        cohort: v.pc.cohort,
        paymentOption: v.paymentOption,
        experience: v.experience,
        goals: v.goals,
        code: v.code,
        consent: v.consent,
      }),
      expected: compact({
        name: v.name.trim(),
        email: v.email.normalized,
        phone: v.phone?.e164,
        program: v.pc.program,
        cohort: v.pc.cohort,
        paymentOption: v.paymentOption,
        experience: v.experience,
        goals: trimmedOrUndefined(v.goals),
        code: v.code?.trim() ? v.code.trim().toUpperCase() : undefined,
        consent: true,
      }),
    }));
}

/** A phone number that is not one: what a person may leave in a field they then hid. */
const notAPhone = fc.constantFrom("12", "+44", "call me", "+1 123 456 7890", "0044 7700 900123\n");

export function validQuote(catalog?: Catalog): fc.Arbitrary<Valid> {
  const team = fc.record({
    audience: fc.constant("team" as const),
    company: padded(freeText(LIMITS.company, { singleLine: true })),
    seats: intOrString(2, LIMITS.seats),
  });
  const individual = fc.record({
    audience: fc.constant("individual" as const),
    // An individual may still have typed a company (any text, even invalid); it is ignored.
    company: fc.option(fc.oneof(freeText(LIMITS.company), fc.constant("Acme\nLtd")), { nil: undefined }),
    seats: fc.option(fc.constantFrom<unknown>("", "12", "abc"), { nil: undefined }),
  });
  const call = fc.record({
    contactBy: fc.constant("call" as const),
    phone: typedPhone,
    bestTime: fc.constantFrom(...CALL_TIMES),
    timeZone,
  });
  // Email only: the call fields may still be posted (a page without JavaScript shows them),
  // valid or not; they are ignored and left out.
  const emailOnly = fc.record({
    contactBy: fc.constant("email" as const),
    phone: fc.option(
      fc.oneof(
        typedPhone,
        notAPhone.map((typed) => ({ typed, e164: undefined })),
      ),
      { nil: undefined },
    ),
    bestTime: fc.option(fc.constantFrom<string>(...CALL_TIMES, "", "midnight"), { nil: undefined }),
    timeZone: fc.option(fc.oneof(timeZone, fc.constantFrom("", "Mars/Olympus_Mons")), { nil: undefined }),
  });
  return fc
    .record({
      who: fc.oneof(team, individual),
      reach: fc.oneof(call, emailOnly),
      name: padded(personName),
      email: typedEmail(),
      courses: courseSlugs(catalog),
      singleCourseAsString: fc.boolean(),
      platform: fc.constantFrom(...DEVICE_PLATFORMS),
      message: optionalText(LIMITS.message),
      consent,
    })
    .map((v) => ({
      raw: compact({
        audience: v.who.audience,
        name: v.name,
        email: v.email.typed,
        company: v.who.company,
        seats: v.who.seats,
        courses: v.courses.length === 1 && v.singleCourseAsString ? v.courses[0] : v.courses,
        platform: v.platform,
        contactBy: v.reach.contactBy,
        phone: v.reach.phone?.typed,
        bestTime: v.reach.bestTime,
        timeZone: v.reach.timeZone,
        message: v.message,
        consent: v.consent,
      }),
      expected: compact({
        audience: v.who.audience,
        name: v.name.trim(),
        email: v.email.normalized,
        company: v.who.audience === "team" ? v.who.company.trim() : undefined,
        seats: v.who.audience === "team" ? Number(v.who.seats) : undefined,
        courses: v.courses,
        platform: v.platform,
        contactBy: v.reach.contactBy,
        phone: v.reach.contactBy === "call" ? v.reach.phone.e164 : undefined,
        bestTime: v.reach.contactBy === "call" ? v.reach.bestTime : undefined,
        timeZone: v.reach.contactBy === "call" ? v.reach.timeZone : undefined,
        message: trimmedOrUndefined(v.message),
        consent: true,
      }),
    }));
}

const blankFriend = fc.constantFrom<Raw>({ name: "", email: "" }, { name: " ", email: "", note: "" }, {}, { note: "  " });

export function validReferral(): fc.Arbitrary<Valid> {
  const friend = fc.record({ name: padded(personName), email: typedEmail(), note: optionalText(LIMITS.note) });
  return fc
    .record({
      name: padded(personName),
      email: typedEmail(),
      friends: fc.array(friend, { minLength: 1, maxLength: LIMITS.friends }),
      blanks: fc.array(fc.tuple(fc.nat(), blankFriend), { maxLength: 3 }),
      consent,
    })
    .map((v) => {
      // Distinct friends, none of them the referrer: a per-position prefix on each address.
      const friends = v.friends.map((f, i) => ({
        raw: compact({ name: f.name, email: `f${i}.${f.email.typed.trim()}`, note: f.note }),
        expected: compact({ name: f.name.trim(), email: `f${i}.${f.email.normalized}`, note: trimmedOrUndefined(f.note) }),
      }));
      const rawFriends: Raw[] = friends.map((f) => f.raw);
      for (const [at, blank] of v.blanks) rawFriends.splice(at % (rawFriends.length + 1), 0, blank);
      return {
        raw: { name: v.name, email: `r.${v.email.typed.trim()}`, friends: rawFriends, consent: v.consent },
        expected: { name: v.name.trim(), email: `r.${v.email.normalized}`, friends: friends.map((f) => f.expected), consent: true },
      };
    });
}

export function validNewsletter(): fc.Arbitrary<Valid> {
  return fc.record({ email: typedEmail(), name: fc.oneof(fc.constant(undefined), fc.constant(""), padded(personName)), consent }).map((v) => ({
    raw: compact({ email: v.email.typed, name: v.name, consent: v.consent }),
    expected: compact({ email: v.email.normalized, name: trimmedOrUndefined(v.name), consent: true }),
  }));
}

export function validCallback(catalog?: Catalog): fc.Arbitrary<Valid> {
  return fc
    .record({
      name: padded(personName),
      phone: typedPhone,
      course: callbackCourse(catalog),
      platform: fc.constantFrom(...DEVICE_PLATFORMS),
      bestTime: fc.constantFrom(...CALL_TIMES),
      timeZone,
      consent,
    })
    .map((v) => ({
      raw: { ...v, phone: v.phone.typed },
      expected: { ...v, name: v.name.trim(), phone: v.phone.e164, consent: true },
    }));
}

export function validSyllabus(catalog?: Catalog): fc.Arbitrary<Valid> {
  return fc.record({ program: catalog ? fc.constantFrom(...catalog.programSlugs) : anySlug, email: typedEmail(), consent }).map((v) => ({
    raw: { program: v.program, email: v.email.typed, consent: v.consent },
    expected: { program: v.program, email: v.email.normalized, consent: true },
  }));
}

/** A redemption request. `rewards`: catalogue ids to pick from (any id-shaped string without). */
export function validRedemption(opts: { email?: fc.Arbitrary<{ typed: string; normalized: string }>; rewards?: readonly string[] } = {}) {
  return fc
    .record({
      email: opts.email ?? typedEmail(),
      reward: opts.rewards?.length ? fc.constantFrom(...opts.rewards) : fc.stringMatching(/^[a-z0-9]{1,30}$/),
      details: optionalText(LIMITS.message),
      consent,
    })
    .map((v): Valid => ({
      raw: compact({ email: v.email.typed, reward: v.reward, details: v.details, consent: v.consent }),
      expected: compact({
        email: v.email.normalized,
        reward: v.reward,
        details: trimmedOrUndefined(v.details),
        consent: true,
      }),
    }));
}

export const COMMENT_ARTICLES = ["/careers/machine-learning-engineer", "/careers/machine-learning-engineer/faq"] as const;

export function validComment(): fc.Arbitrary<Valid> {
  return fc
    .record({
      article: fc.constantFrom(...COMMENT_ARTICLES),
      name: padded(personName),
      email: typedEmail(),
      homepage: fc.constantFrom<string | undefined>(undefined, "", "https://example.com", "example.org/me", " http://a.example.net/x "),
      comment: freeText(COMMENT_LIMITS.body).filter((t) => t.trim() !== ""),
      advisor: fc.constantFrom<unknown>(undefined, "on", true),
      consent,
    })
    .map((v) => {
      const site = trimmedOrUndefined(v.homepage);
      return {
        raw: compact({ ...v, email: v.email.typed }),
        expected: compact({
          article: v.article,
          name: v.name.trim(),
          email: v.email.normalized,
          homepage: site === undefined ? undefined : new URL(/^https?:/.test(site) ? site : `https://${site}`).href,
          comment: v.comment.trim(),
          advisor: v.advisor !== undefined,
          consent: true,
        }),
      };
    });
}

/** A slot's start as the picker's links carry it: an ISO instant, with or without milliseconds. */
export const slotStartText = fc.tuple(fc.integer({ min: Date.UTC(2026, 0, 1) / 900_000, max: Date.UTC(2030, 0, 1) / 900_000 }), fc.boolean()).map(([q, ms]) => {
  const iso = new Date(q * 900_000).toISOString();
  return ms ? iso : iso.replace(".000Z", "Z");
});

/** A call booked on /book (its own lead). */
export function validBooking(catalog?: Catalog): fc.Arbitrary<Valid> {
  return fc
    .record({
      callType: catalog?.booking ? fc.constant(catalog.booking.callType) : fc.constantFrom("admissions-call", "quote-call"),
      // Unbiased, so the posts spread over the free times instead of all taking the first ones.
      startsAt: catalog?.booking ? fc.noBias(fc.nat({ max: catalog.booking.slotStarts.length - 1 })).map((i) => catalog.booking!.slotStarts[i]) : slotStartText,
      timeZone,
      program: fc.option(fc.oneof(fc.constant(""), catalog ? fc.constantFrom(...catalog.programSlugs) : anySlug), { nil: undefined }),
      name: padded(personName),
      email: typedEmail(),
      phone: fc.option(fc.oneof(typedPhone, fc.constant({ typed: "", e164: undefined })), { nil: undefined }),
      note: optionalText(LIMITS.note),
      consent,
    })
    .map((v) => ({
      raw: compact({ ...v, email: v.email.typed, phone: v.phone?.typed }),
      expected: compact({
        callType: v.callType,
        startsAt: v.startsAt,
        timeZone: v.timeZone,
        program: v.program || undefined,
        name: v.name.trim(),
        email: v.email.normalized,
        phone: v.phone?.e164,
        note: trimmedOrUndefined(v.note),
        consent: true,
      }),
    }));
}

export function validInput(form: FormType, catalog?: Catalog): fc.Arbitrary<Valid> {
  return validInputFor(form, catalog).map(displayable);
}

function validInputFor(form: FormType, catalog?: Catalog): fc.Arbitrary<Valid> {
  switch (form) {
    case "enroll":
      return validEnroll(catalog);
    case "quote":
      return validQuote(catalog);
    case "referral":
      return validReferral();
    case "newsletter":
      return validNewsletter();
    case "callback":
      return validCallback(catalog);
    case "redemption":
      return validRedemption();
    case "syllabus":
      return validSyllabus(catalog);
    case "event":
      return validEvent(catalog);
    case "booking":
      return validBooking(catalog);
    case "comment":
      return validComment();
  }
}

export function validEvent(catalog?: Catalog): fc.Arbitrary<Valid> {
  return fc
    .record({
      name: padded(personName),
      email: typedEmail(),
      eventSlug: catalog?.eventSlugs?.length ? fc.constantFrom(...catalog.eventSlugs) : anySlug,
      consent,
    })
    .map((v) => ({
      raw: { eventSlug: v.eventSlug, name: v.name, email: v.email.typed, consent: v.consent },
      expected: { eventSlug: v.eventSlug, name: v.name.trim(), email: v.email.normalized, consent: true },
    }));
}

// ---------------------------------------------------------------------------------------------
// Hostile values
// ---------------------------------------------------------------------------------------------

const SPECIAL_STRINGS = [
  "",
  " ",
  "\t\n\r",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "'; DROP TABLE Contact; --",
  "' OR '1'='1",
  "1; SELECT * FROM Lead",
  "%00",
  "${7*7}",
  "{{constructor.constructor('return 1')()}}",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "-0",
  "0x10",
  "1e2",
  " 42 ",
  "-1",
  "1.5",
  "0",
  "99999999999999999999",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "on",
  "off",
  "true",
  "false",
  "null",
  "undefined",
  "[object Object]",
  "\u202Eevil\u202C",
  "\u200B",
  "\u200F\u200E",
  "\uFEFF",
  "\u00A0",
  "\u2028\u2029",
  "Ada\nLovelace",
  "Ada\r\nBcc: victim@example.com",
  "Ada\u2028Lovelace",
  "Ada\tLovelace",
  "Ada\u0085Lovelace",
  "+44 7700 900123",
  "+44 7700\n900123",
  "👩‍👩‍👧‍👦",
  "🏳️‍🌈",
  "é",
  "e\u0301",
  "ﷺ",
  "עברית",
  "العربية",
  "\u0000",
  "\u0007",
  "\u001B[31m",
  "\u007F",
  "\u0085",
  "\u009F",
  "a@b",
  "@example.com",
  "a@b.c",
  "A@B.CO",
  "a..b@example.com",
  "+1 415 555 0132",
  "+0 123",
  "+999999999999999",
  "Europe/London",
  "UTC",
  "Mars/Olympus_Mons",
  "machine-learning-engineering",
  "not-sure",
  "team",
  "individual",
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** One C0/C1 control character other than \t \n \r (what the schemas promise to refuse). */
export const controlChar = fc
  .oneof(fc.integer({ min: 0x00, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f }))
  .filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d)
  .map((c) => String.fromCharCode(c));

/** A short string with at least one lone surrogate in it. */
export const withLoneSurrogate = fc
  .tuple(fc.string({ unit: fc.constantFrom("a", "é", "😀"), maxLength: 3 }), loneSurrogate, fc.string({ unit: fc.constantFrom("b", "ü"), maxLength: 3 }))
  .map(([a, s, b]) => a + s + b);

/** Hostile strings: long, unicode, control characters, markup, SQL, numbers as strings… */
export function hostileString(opts: GenOptions = {}): fc.Arbitrary<string> {
  return cached(`string:${!!opts.loneSurrogates}`, () => buildHostileString(opts));
}

// Building these arbitraries (fc.anything especially) is costly; they are reused inside chains.
const cache = new Map<string, fc.Arbitrary<unknown>>();
function cached<T>(key: string, build: () => fc.Arbitrary<T>): fc.Arbitrary<T> {
  let arb = cache.get(key);
  if (!arb) cache.set(key, (arb = build()));
  return arb as fc.Arbitrary<T>;
}

function buildHostileString(opts: GenOptions): fc.Arbitrary<string> {
  const fragments: fc.Arbitrary<string>[] = [
    fc.constantFrom(...SPECIAL_STRINGS),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.string({ unit: "grapheme", maxLength: 40 }),
    fc.string({ unit: "binary-ascii", maxLength: 40 }),
    fc.string({ unit: controlChar, minLength: 1, maxLength: 3 }),
    fc.double().map(String),
    fc.integer().map(String),
    // Very long strings, up to 10,000 characters.
    fc
      .tuple(fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 10_000 }))
      .map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n)),
  ];
  if (opts.loneSurrogates) {
    fragments.push(withLoneSurrogate);
  }
  return fc.oneof(...fragments);
}

/** Boundary lengths for a limit: max-1, max, max+1 (sometimes padded, which trim removes). */
export function boundaryString(max: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(max - 1, max, max + 1), fc.constantFrom("a", "é", "Z", "-", "😀"), trimmable)
    .map(([n, c, pad]) => pad + c.repeat(Math.max(0, n)) + pad);
}

/** Injects a hostile fragment into a (usually valid) string. */
export function mutateString(base: fc.Arbitrary<string>, opts: GenOptions = {}): fc.Arbitrary<string> {
  return fc.tuple(base, hostileString(opts), fc.nat(), fc.constantFrom("insert", "prefix", "suffix", "replace", "upper")).map(([s, h, at, how]) => {
    const i = s.length ? at % (s.length + 1) : 0;
    switch (how) {
      case "insert":
        return s.slice(0, i) + h + s.slice(i);
      case "prefix":
        return h + s;
      case "suffix":
        return s + h;
      case "replace":
        return h;
      case "upper":
        return s.toUpperCase();
    }
    return s;
  });
}

/** An object with an own `__proto__` key (as JSON.parse would make), nested. */
const protoObject = fc.constantFrom<unknown>(
  JSON.parse('{"__proto__": {"polluted": "yes"}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
  JSON.parse('{"toString": "x", "valueOf": "y"}'),
  JSON.parse('[{"__proto__": {"polluted": "yes"}}]'),
);

/** Any value at all: hostile strings, odd numbers, arrays, nested objects, null… */
export function hostileValue(opts: GenOptions = {}): fc.Arbitrary<unknown> {
  return cached(`value:${!!opts.loneSurrogates}`, () => buildHostileValue(opts));
}

function buildHostileValue(opts: GenOptions): fc.Arbitrary<unknown> {
  const str = hostileString(opts);
  return fc.oneof(
    { weight: 6, arbitrary: str },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(NaN, Infinity, -Infinity, -0, 0, 1, 2, 99, 100, 1e6, 1e6 + 1, Number.MAX_SAFE_INTEGER, 1.5, -100) },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.bigInt() },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined) },
    { weight: 1, arbitrary: fc.array(str, { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom("name", "email", "note", "__proto__")), str, { maxKeys: 4 }) },
    { weight: 1, arbitrary: fc.date({ noInvalidDate: false }) },
    { weight: 1, arbitrary: protoObject },
    {
      weight: 2,
      arbitrary: fc.anything({
        maxDepth: 3,
        stringUnit: "binary",
        withBigInt: true,
        withBoxedValues: true,
        withDate: true,
        withMap: true,
        withSet: true,
        withNullPrototype: true,
        withObjectString: true,
        withSparseArray: true,
        withTypedArray: true,
      }),
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Hostile inputs per form
// ---------------------------------------------------------------------------------------------

/** The string limit of each text field, for boundary values. */
const FIELD_LIMITS: Record<string, number> = {
  name: LIMITS.name,
  email: LIMITS.email,
  phone: 32,
  program: LIMITS.slug,
  course: LIMITS.slug,
  cohort: LIMITS.id,
  goals: LIMITS.message,
  code: 40,
  message: LIMITS.message,
  details: LIMITS.message,
  company: LIMITS.company,
  note: LIMITS.note,
  timeZone: LIMITS.timeZone,
};

const EXTRA_KEYS = [
  "status",
  "isAdmin",
  "id",
  "contactId",
  "revision",
  "utm_source",
  "utm_campaign",
  "article",
  "cta",
  "ref",
  "submissionToken",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "__proto__",
  "constructor",
  "prototype",
  "friends.0.email",
  "$ACTION_ID_abc",
];

/** Sets own properties, so `__proto__` becomes a key and never the prototype. */
function defineAll(target: Raw, entries: [string, unknown][]): Raw {
  for (const [k, v] of entries) Object.defineProperty(target, k, { value: v, enumerable: true, writable: true, configurable: true });
  return target;
}

/** Marks a field to leave out of the post. */
const DROP = Symbol("drop");

/** A replacement for one field: a mutation of its value, a boundary length, anything, or nothing. */
function hostileField(key: string, valid: unknown, opts: GenOptions): fc.Arbitrary<unknown> {
  const options: fc.WeightedArbitrary<unknown>[] = [
    { weight: 3, arbitrary: hostileValue(opts) },
    { weight: 1, arbitrary: fc.constant(DROP) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>("", "   ", null) },
  ];
  if (typeof valid === "string") options.push({ weight: 5, arbitrary: mutateString(fc.constant(valid), opts) });
  if (key in FIELD_LIMITS) options.push({ weight: 2, arbitrary: boundaryString(FIELD_LIMITS[key]) });
  return fc.oneof(...options);
}

/** Keeps most fields of `valid` and perturbs about one of them (and sometimes none). */
function perturbRecord(valid: Raw, keys: string[], opts: GenOptions, perturbKey = hostileField): fc.Arbitrary<Raw> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const k of keys) {
    model[k] = fc.oneof({ weight: keys.length, arbitrary: fc.constant(k in valid ? valid[k] : DROP) }, { weight: 1, arbitrary: perturbKey(k, valid[k], opts) });
  }
  return fc.record(model).map((fields) =>
    defineAll(
      {},
      Object.entries(fields).filter(([, v]) => v !== DROP),
    ),
  );
}

function hostileFriends(valid: unknown, referrerEmail: unknown, opts: GenOptions): fc.Arbitrary<unknown> {
  const rows = Array.isArray(valid) ? (valid as Raw[]) : [];
  const friendKeys = ["name", "email", "note"];
  const someRow = rows.length ? fc.constantFrom(...rows) : fc.constant<Raw>({ name: "Ann", email: "ann@example.com" });
  return fc.oneof(
    // One friend row perturbed.
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          fc.nat(),
          someRow.chain((r) => perturbRecord(r, friendKeys, opts, (k, v) => fc.oneof(hostileField(k, v, opts), fc.constant(DROP)))),
        )
        .map(([i, row]) => rows.map((r, j) => (j === i % Math.max(1, rows.length) ? row : r))),
    },
    // A hostile, blank, duplicate or self row added somewhere.
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.nat(), fc.oneof(hostileValue(opts), blankFriend, someRow, fc.constant<Raw>({ name: "Me", email: referrerEmail })))
        .map(([i, extra]) => {
          const out: unknown[] = [...rows];
          out.splice(i % (rows.length + 1), 0, extra);
          return out;
        }),
    },
    // Too many friends, none, or not a list at all.
    { weight: 1, arbitrary: fc.constant([...rows, ...rows, ...rows, ...rows, ...rows, ...rows, ...rows, ...rows, ...rows, ...rows, ...rows]) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>([], [{}], DROP) },
    { weight: 2, arbitrary: hostileValue(opts) },
  );
}

function withExtras(arb: fc.Arbitrary<Raw>, opts: GenOptions): fc.Arbitrary<Raw> {
  const extra = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string()), hostileValue(opts)), { maxLength: 3 });
  return fc.tuple(arb, fc.oneof({ weight: 2, arbitrary: fc.constant([] as [string, unknown][]) }, { weight: 1, arbitrary: extra })).map(([raw, more]) =>
    defineAll(
      { ...raw },
      more.filter(([k]) => k !== "website"),
    ),
  );
}

/**
 * Raw posts for a form built around a valid one: about one field dropped, mutated (hostile
 * fragment inserted, boundary length) or replaced by any value, plus unknown keys. Many are
 * invalid; a good share are still valid, so what the schema accepts gets checked too.
 */
export function hostileInput(form: FormType, opts: GenOptions = {}): fc.Arbitrary<Raw> {
  const keys = Object.keys(FORM_KEYS[form]);
  return withExtras(
    validInput(form, opts.catalog).chain((v) =>
      perturbRecord(v.raw, keys, opts, (k, value, o) => (k === "friends" ? hostileFriends(value, v.raw.email, o) : hostileField(k, value, o))),
    ),
    opts,
  ).map(displayable);
}

/** Completely arbitrary posts: fc.anything() as the whole object, or real keys with any values. */
export function arbitraryPost(form: FormType, opts: GenOptions = {}): fc.Arbitrary<unknown> {
  const keys = Object.keys(FORM_KEYS[form]);
  return fc.oneof(
    fc.anything({ stringUnit: "binary", withBigInt: true, withNullPrototype: true, withSparseArray: true, withBoxedValues: true }),
    fc.dictionary(fc.constantFrom(...keys), hostileValue(opts), { maxKeys: keys.length }),
  );
}

/** The keys each schema declares (kept here to build inputs; checked against the schemas). */
export const FORM_KEYS: Record<FormType, Record<string, true>> = {
  enroll: { name: true, email: true, phone: true, program: true, cohort: true, paymentOption: true, experience: true, goals: true, code: true, consent: true },
  quote: {
    audience: true,
    name: true,
    email: true,
    company: true,
    seats: true,
    courses: true,
    platform: true,
    contactBy: true,
    phone: true,
    bestTime: true,
    timeZone: true,
    message: true,
    consent: true,
  },
  referral: { name: true, email: true, friends: true, consent: true },
  newsletter: { email: true, name: true, consent: true },
  callback: { name: true, phone: true, course: true, platform: true, bestTime: true, timeZone: true, consent: true },
  redemption: { email: true, reward: true, details: true, consent: true },
  syllabus: { program: true, email: true, consent: true },
  event: { eventSlug: true, name: true, email: true, consent: true },
  booking: { callType: true, startsAt: true, timeZone: true, program: true, name: true, email: true, phone: true, note: true, consent: true },
  comment: { article: true, name: true, email: true, homepage: true, comment: true, advisor: true, consent: true },
};

const INVISIBLE = /[\u007F-\u009F\u00AD\u200B-\u200F\u2028-\u202E\u2060-\u2064\uFEFF]/g;

/** Escapes characters a terminal would not show (C1 controls, zero-width, bidi marks, BOM). */
export function showInvisible(s: string): string {
  return s.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}`);
}

/** A readable rendering of any value (strings quoted, invisible characters escaped). */
export function show(value: unknown): string {
  return showInvisible(fc.stringify(value));
}

/** Makes fast-check print this object's invisible characters escaped in counterexamples. */
export function displayable<T extends object>(o: T): T {
  Object.defineProperty(o, fc.toStringMethod, { value: () => show({ ...o }), enumerable: false });
  return o;
}

/** Every string inside a value, with its path (for output checks). */
export function stringsIn(value: unknown, path = "$"): [string, string][] {
  if (typeof value === "string") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsIn(v, `${path}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => stringsIn(v, `${path}.${k}`));
  return [];
}

/** Paths to every string in a post (top-level fields and fields of friend rows). */
function stringPaths(raw: Raw): (string | number)[][] {
  const out: (string | number)[][] = [];
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === "string") out.push([k]);
    else if (Array.isArray(v))
      v.forEach((row, i) => {
        if (typeof row === "string") out.push([k, i]);
        else if (row && typeof row === "object") for (const [f, x] of Object.entries(row)) if (typeof x === "string") out.push([k, i, f]);
      });
  }
  return out;
}

/**
 * A valid post with `fragment` inserted at a random place in one of its string fields (or
 * friend fields). Returns the post and the path of the field that was changed.
 */
export function injected(form: FormType, fragment: fc.Arbitrary<string>, catalog?: Catalog) {
  return fc.tuple(validInput(form, catalog), fragment, fc.nat(), fc.nat()).map(([v, frag, which, at]) => {
    const raw: Raw = structuredClone(v.raw);
    const paths = stringPaths(raw);
    const path = paths[which % paths.length];
    let holder: Record<string | number, unknown> = raw;
    for (const step of path.slice(0, -1)) holder = holder[step] as Record<string | number, unknown>;
    const last = path[path.length - 1];
    const s = holder[last] as string;
    const i = at % (s.length + 1);
    holder[last] = s.slice(0, i) + frag + s.slice(i);
    return { raw: displayable(raw), path: path.join(".") };
  });
}

/** Every kind of line break, and a tab: what a single-line field must refuse inside it. */
export const lineBreak = fc.constantFrom("\n", "\r", "\r\n", "\t", "\v", "\f", "\u0085", "\u2028", "\u2029");

/** Each form's single-line text fields (friend rows: `friends.<field>`). */
export const SINGLE_LINE_FIELDS: Record<FormType, string[]> = {
  enroll: ["name", "email", "phone"],
  quote: ["name", "email", "company", "phone"],
  referral: ["name", "email", "friends.name", "friends.email"],
  newsletter: ["email", "name"],
  callback: ["name", "phone"],
  redemption: ["email"],
  syllabus: ["email"],
  event: ["name", "email"],
  booking: ["name", "email", "phone"],
  comment: ["name", "email", "homepage"],
};

/** Fields a quote ignores as hidden: the company for one person, the phone without a call. */
function ignoredInQuote(raw: Raw, field: string) {
  return (field === "company" && raw.audience !== "team") || (field === "phone" && raw.contactBy !== "call");
}

/** `s` with `insert` put between two of its characters (inside what trimming keeps). */
function insideTrimmed(s: string, insert: string, at: number): string {
  const start = s.length - s.trimStart().length;
  const end = s.trimEnd().length;
  if (end - start < 2) return s.slice(0, end) + insert + s.slice(start);
  const i = start + 1 + (at % (end - start - 1));
  return s.slice(0, i) + insert + s.slice(i);
}

/**
 * A valid post with a line break or tab put inside one of its single-line fields (one that
 * counts: not an ignored quote field), between two characters so trimming cannot remove
 * it. Returns the post and the field's path (`friends.2.name` in the post's own rows).
 */
export function lineBreakInside(form: FormType, catalog?: Catalog) {
  return fc.tuple(validInput(form, catalog), lineBreak, fc.nat(), fc.nat()).map(([v, br, which, at]) => {
    const raw: Raw = structuredClone(v.raw);
    const targets: [Record<string, unknown>, string, string][] = [];
    for (const field of SINGLE_LINE_FIELDS[form]) {
      if (field.startsWith("friends.")) {
        const name = field.slice("friends.".length);
        (raw.friends as Raw[]).forEach((row, i) => {
          if (typeof row[name] === "string" && (row[name] as string).trim()) targets.push([row, name, `friends.${i}.${name}`]);
        });
      } else if (typeof raw[field] === "string" && (raw[field] as string).trim() && !(form === "quote" && ignoredInQuote(raw, field))) {
        targets.push([raw, field, field]);
      }
    }
    const [holder, key, path] = targets[which % targets.length];
    holder[key] = insideTrimmed(holder[key] as string, br, at);
    return { raw: displayable(raw), path };
  });
}

/** The hidden attribution fields and how long the schema clips them (attributionSchema). */
export const ATTRIBUTION_LIMITS: Record<string, number> = {
  utm_source: 200,
  utm_medium: 200,
  utm_campaign: 200,
  utm_term: 200,
  utm_content: 200,
  article: 300,
  cta: 100,
};

/**
 * Well-formed text (no lone surrogates; emoji and other astral characters are common) of about
 * `max` UTF-16 units, so clipping it to `max` may land inside a character.
 */
export function textAroundLimit(max: number): fc.Arbitrary<string> {
  const unit = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom("a", "é", "-", " ", "%20") },
    { weight: 2, arbitrary: fc.constantFrom("😀", "𝒳", "🇬🇧", "👩‍💻", "𐀀") },
  );
  const head = fc.oneof(
    fc.constantFrom("a", "x", "/", "_"),
    fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }).filter((c) => c.trim() !== ""),
  );
  return fc
    .tuple(head, fc.integer({ min: Math.max(0, max - 12), max: max - 1 }), fc.string({ unit, minLength: 1, maxLength: 12 }))
    .map(([c, n, tail]) => c.repeat(n) + tail);
}

// ---------------------------------------------------------------------------------------------
// Tampered Server Action calls
// ---------------------------------------------------------------------------------------------

/**
 * An object shaped like a FormData (`get`, `entries`…) that is not one. From a client, its
 * methods could be references to other Server Actions; here they record that they were
 * touched, which a guard must never do.
 */
export function fakeFormData(touched: { count: number }): Record<string, unknown> {
  const touch = () => {
    touched.count++;
    throw new TypeError("a fake FormData was used");
  };
  return { get: touch, getAll: touch, has: touch, entries: touch, keys: touch, forEach: touch, [Symbol.iterator]: touch };
}

/** A state a client may send back as `previous`: nothing, junk, or a well-formed-looking one. */
export function tamperedPrevious(form: FormType): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom<unknown>(undefined, null, "$undefined", "$K1", "$@0", "", 0, -1, NaN, true, [], {}),
    fc.constant({ formType: form, status: "idle", submissionToken: "not-a-token" }),
    fc.uuid().map((submissionToken) => ({ formType: form, status: "error", submissionToken, values: { website: "x" } })),
    fc.record({ submissionToken: hostileValue(), formType: hostileValue(), status: hostileValue() }, { requiredKeys: [] }),
    hostileValue(),
  );
}

/** Where a FormData should be: anything but one (a valid post as a plain object included). */
export function notFormData(form: FormType, touched: { count: number }): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom<unknown>(undefined, null, "$undefined", "", "name=Ada&email=ada%40example.com", 42, [], {}, new Map([["email", "a@example.com"]])),
    validInput(form).map((v) => v.raw),
    validInput(form).map((v) => Object.entries(v.raw)),
    fc.constant(null).map(() => new URLSearchParams({ email: "a@example.com" })),
    fc.constant(null).map(() => new Blob(["email=a@example.com"], { type: "multipart/form-data" })),
    fc.constant(null).map(() => fakeFormData(touched)),
    hostileValue(),
  );
}

/**
 * The arguments of a tampered call to a form's action `(previous, formData)`: none, one,
 * two with no FormData second, the FormData first, or 200.
 */
export function tamperedArgs(form: FormType, touched: { count: number }, formData: () => FormData): fc.Arbitrary<unknown[]> {
  const previous = tamperedPrevious(form);
  const junk = notFormData(form, touched);
  return fc.oneof(
    fc.constant<unknown[]>([]),
    previous.map((p) => [p]),
    fc.tuple(previous, junk).map(([p, f]) => [p, f]),
    previous.map((p) => [formData(), p]),
    fc
      .tuple(previous, junk, fc.array(fc.constantFrom<unknown>(null, "$undefined", 1, "x", {}, []), { minLength: 198, maxLength: 198 }))
      .map(([p, f, rest]) => [p, f, ...rest]),
  );
}

/** A post as the browser sends it: lists as repeated names, friend rows as `friends.0.name`. */
export function toFormData(raw: Raw): FormData {
  const fd = new FormData();
  const put = (k: string, v: unknown) => {
    if (v !== undefined && v !== null) fd.append(k, String(v));
  };
  for (const [k, v] of Object.entries(raw)) {
    if (!Array.isArray(v)) put(k, v);
    else
      v.forEach((item, i) => {
        if (item && typeof item === "object") for (const [f, x] of Object.entries(item)) put(`${k}.${i}.${f}`, x);
        else put(k, item);
      });
  }
  return fd;
}
