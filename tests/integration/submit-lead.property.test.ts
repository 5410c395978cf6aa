/**
 * Property-based tests for submitLead (lib/leads/save.ts) on a real SQLite database:
 * random, hostile and valid posts for every form never make it throw, rejected posts store
 * nothing, and every saved post is exactly one lead, with fields that re-validate and with
 * its emails. Generators: tests/helpers/arbitraries.ts.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { findSlots } from "@/lib/booking/availability";
import { seedPrograms } from "@/lib/content/seed-programs";
import { seedEvents } from "@/lib/events/seed-events";
import { FORM_TYPES, type FormType } from "@/lib/leads/form-types";
import { formSchemas } from "@/lib/leads/schemas";
import { leadFormAction } from "@/lib/leads/run-form-action";
import { submitLead, type SubmissionDeps, type SubmitOutcome } from "@/lib/leads/pipeline";
import { createMemoryRateLimiter } from "@/lib/rate-limit";
import { confirmInterest } from "@/lib/referrals/confirm-interest";
import { seedRewards } from "@/lib/referrals/catalogue";
import { pointsBalance } from "@/lib/referrals/points";
import { BranchCounter, must, narrow } from "../helpers/narrow";
import { createTestDb } from "../helpers/test-db";
import {
  arbitraryPost,
  ATTRIBUTION_LIMITS,
  displayable,
  hostileInput,
  hostileValue,
  injected,
  show,
  tamperedArgs,
  textAroundLimit,
  toFormData,
  typedEmail,
  validInput,
  validRedemption,
  withLoneSurrogate,
  type Catalog,
  type Raw,
  type Valid,
} from "../helpers/arbitraries";

/** Runs per property and form; FC_NUM_RUNS=1000 for a longer local search. */
const RUNS = Number(process.env.FC_NUM_RUNS) || 70;
const VALID_RUNS = Math.max(10, Math.round(RUNS / 2));
const TIMEOUT = 120_000;

const t = createTestDb();
const generous = { ip: { points: 1_000_000, durationSeconds: 600 }, identity: { points: 1_000_000, durationSeconds: 600 } };
const STAFF = "admissions@loomstack.example";
const deps: SubmissionDeps = {
  db: t.db,
  limiter: createMemoryRateLimiter(generous),
  siteUrl: "https://loomstack.example",
  staffRecipients: () => [STAFF],
};

let catalog: Catalog;
/** A referrer whose friends all responded: they have confirmed points to redeem. */
const holder = { email: "points-holder@example.com", confirmed: 0, referralCode: "", rewards: [] as string[] };

beforeAll(async () => {
  await seedPrograms(t.db, new Date());
  const programs = await t.db.program.findMany({ where: { published: true }, select: { slug: true } });
  const soon = new Date(Date.now() + 2 * 86_400_000);
  const cohorts = await t.db.cohort.findMany({
    where: { status: "open", startDate: { gt: soon }, program: { published: true } },
    include: { program: { select: { slug: true } } },
  });
  await seedEvents(t.db, new Date());
  const events = await t.db.event.findMany({ where: { published: true }, select: { slug: true } });
  catalog = {
    programSlugs: programs.map((p) => p.slug),
    openCohorts: cohorts.map((c) => ({ program: c.program.slug, cohort: c.id })),
    eventSlugs: events.map((e) => e.slug),
    booking: await bookableTimes(),
  };
  expect(catalog.programSlugs.length).toBeGreaterThan(0);
  expect(catalog.openCohorts.length).toBeGreaterThan(0);

  const friends = [1, 2, 3].map((i) => ({ name: `Friend ${i}`, email: `holder-friend-${i}@example.com` }));
  const ref = await submitLead(deps, "referral", { name: "Paula Points", email: holder.email, friends, consent: "on" }, { ip: "192.0.2.1" });
  expect(ref.kind).toBe("saved");
  // Each friend confirms their interest from their own inbox (a different address each), which confirms the points.
  for (const [i, f] of friends.entries()) {
    const friend = await t.db.contact.findUniqueOrThrow({ where: { email: f.email } });
    expect((await confirmInterest(deps, friend.inviteToken!, { ip: `198.51.100.${i + 10}` })).ok).toBe(true);
  }
  const contact = await t.db.contact.findUniqueOrThrow({ where: { email: holder.email } });
  holder.confirmed = (await pointsBalance(t.db, contact.id)).confirmed;
  holder.referralCode = contact.referralCode;
  expect(holder.confirmed).toBe(300);
  // Rewards the holder can afford, from the catalogue the form offers.
  await seedRewards(t.db);
  holder.rewards = (await t.db.reward.findMany({ where: { points: { lte: holder.confirmed } }, select: { id: true } })).map((r) => r.id);
  expect(holder.rewards.length).toBeGreaterThan(0);
});
afterAll(() => t.cleanup());

/**
 * The booking form: a call type taken by eight advisors who work around the clock (UTC), and
 * its free times from one to nineteen days ahead (well inside the notice and the 21-day
 * horizon while the file runs), so a valid booking finds an advisor free however many of the
 * generated posts chose the same time.
 */
async function bookableTimes(): Promise<NonNullable<Catalog["booking"]>> {
  const callType = await t.db.callType.create({ data: { slug: "property-call", name: "Property call", durationMinutes: 20 } });
  const weeklyHours = JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: "00:00", end: "23:55" })));
  for (let i = 0; i < 8; i++) {
    const id = `property-advisor-${i}`;
    await t.db.user.create({ data: { id, name: `Advisor ${i}`, email: `${id}@staff.loomstack.example`, role: "staff" } });
    await t.db.advisor.create({ data: { userId: id, timeZone: "UTC", weeklyHours, horizonDays: 21, callTypes: { create: [{ callTypeId: callType.id }] } } });
  }
  const found = await findSlots(t.db, { callTypeSlug: callType.slug, now: new Date(Date.now() + 86_400_000) });
  const last = Date.now() + 19 * 86_400_000;
  const slotStarts = (found?.slots ?? []).filter((s) => s.startsAt.getTime() < last).map((s) => s.startsAt.toISOString());
  expect(slotStarts.length).toBeGreaterThan(500);
  return { callType: callType.slug, slotStarts };
}

async function counts() {
  const [contacts, leads, emails, points, subscriptions, comments] = await Promise.all([
    t.db.contact.count(),
    t.db.lead.count(),
    t.db.emailMessage.count(),
    t.db.pointsEntry.count(),
    t.db.newsletterSubscription.count(),
    t.db.comment.count(),
  ]);
  return { contacts, leads, emails, points, subscriptions, comments };
}

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

let serial = 0;

/**
 * Gives a post addresses nobody used before (so the update window and the referral rules never
 * interfere): `u<n>.` in front of the person's and each friend's email, in the post and in the
 * values the schema is expected to produce. Redemptions keep the points holder's address.
 */
function fresh(form: FormType, v: Valid): Valid {
  const n = ++serial;
  const prefix = (e: unknown) => (typeof e === "string" && e.trim() ? `u${n}.${e.trim()}` : e);
  const renew = (o: Raw): Raw => {
    const out = structuredClone(o);
    if (form !== "redemption") out.email = prefix(out.email);
    if (Array.isArray(out.friends)) out.friends = (out.friends as Raw[]).map((f) => (f && typeof f === "object" ? { ...f, email: prefix(f.email) } : f));
    return out;
  };
  return { raw: displayable(renew(v.raw)), expected: renew(v.expected) };
}

/** Valid posts: with real program slugs and open cohorts; redemptions by the points holder. */
function validFor(form: FormType): fc.Arbitrary<Valid> {
  if (form === "redemption") return validRedemption({ email: typedEmail(fc.constant(holder.email)), rewards: holder.rewards });
  return validInput(form, catalog);
}

type Case = { arm: "valid" | "hostile" | "arbitrary"; raw: Raw };

/** Hidden fields and request details a bot (or a person) may add to any post. */
const extras = () =>
  fc.record(
    {
      // The honeypot: what a browser posts (empty) most of the time, sometimes what a bot fills in.
      website: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom<unknown>("", "   ") },
        { weight: 1, arbitrary: fc.oneof(fc.constant("http://spam.example"), hostileValue()) },
      ),
      submissionToken: fc.oneof(fc.constant("fresh"), fc.constantFrom<unknown>("not-a-token", "", randomUUID().toUpperCase()), hostileValue()),
      ref: fc.oneof(fc.constant("holder"), hostileValue()),
      utm_source: hostileValue(),
      article: hostileValue(),
    },
    { requiredKeys: [] },
  );

function withExtras(raw: Raw, more: Raw): Raw {
  const out: Raw = { ...raw };
  for (const [k, v] of Object.entries(more)) {
    out[k] = v === "fresh" ? randomUUID() : v === "holder" ? holder.referralCode : v;
  }
  return displayable(out);
}

function cases(form: FormType): fc.Arbitrary<Case> {
  const objectPost = arbitraryPost(form).filter((v): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v));
  return fc.oneof(
    {
      weight: 2,
      // A comment's `article` is its own field (the article commented on), not only attribution.
      arbitrary: fc
        .tuple(validFor(form), extras())
        .map(([v, { article, ...e }]): Case => ({ arm: "valid", raw: withExtras(v.raw, form === "comment" ? e : { ...e, article }) })),
    },
    { weight: 5, arbitrary: fc.tuple(hostileInput(form, { catalog }), extras()).map(([raw, e]): Case => ({ arm: "hostile", raw: withExtras(raw, e) })) },
    { weight: 1, arbitrary: objectPost.map((raw): Case => ({ arm: "arbitrary", raw })) },
  );
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

const KINDS = ["saved", "accepted", "ignored", "invalid", "rate_limited"];

/** The forms answered by their own `accept` rather than a saved lead (lib/forms/types.ts). */
const ACCEPTING: readonly FormType[] = ["redemption", "comment"];
/** What the comment schema reads as a ticked advisor box. */
const advisorTicked = (raw: Raw) => raw.advisor === true || raw.advisor === "on" || raw.advisor === "true";

async function submitChecked(form: FormType, raw: Raw, ip = "203.0.113.7"): Promise<SubmitOutcome> {
  try {
    return await submitLead(deps, form, raw, { ip });
  } catch (error) {
    throw new Error(`submitLead("${form}") threw instead of returning an outcome: ${showError(error)}\nraw: ${show(raw)}`);
  }
}

function showError(error: unknown) {
  const e = error as { name?: string; code?: string; message?: string };
  return `${e?.name ?? typeof error}${e?.code ? ` ${e.code}` : ""}: ${String(e?.message ?? error)
    .split("\n")
    .filter((l) => l.trim())
    .slice(-3)
    .join(" | ")}`;
}

/** Everything one outcome must satisfy, given the row counts before the call. */
async function checkOutcome(form: FormType, raw: Raw, outcome: SubmitOutcome, before: Awaited<ReturnType<typeof counts>>) {
  expect(KINDS).toContain(outcome.kind);
  expect(outcome.kind, "the generous limiter never limits").not.toBe("rate_limited");
  const after = await counts();

  if (outcome.kind === "ignored") {
    expect(typeof raw.website === "string" && raw.website.trim() !== "", "only the honeypot makes a post ignored").toBe(true);
    expect(after, "an ignored post stores nothing").toEqual(before);
  }

  if (outcome.kind === "accepted") {
    expect(ACCEPTING, "only a redemption request or a comment is accepted without a saved lead").toContain(form);
    if (form === "comment") {
      // One comment waiting for moderation (none for a re-sent one); a lead only with the advisor box ticked.
      expect(after.comments - before.comments).toBeOneOf([0, 1]);
      expect(after.leads - before.leads).toBeOneOf(advisorTicked(raw) && after.comments > before.comments ? [0, 1] : [0]);
      // Without a lead, nothing is awarded (a lead through a referral link counts as any lead does).
      if (after.leads === before.leads) expect(after.points).toBe(before.points);
    } else {
      // A redemption request files nothing until its ownership link is used (lib/ownership).
      expect({ leads: after.leads, contacts: after.contacts, points: after.points }).toEqual({
        leads: before.leads,
        contacts: before.contacts,
        points: before.points,
      });
    }
  }

  if (outcome.kind === "invalid") {
    expect(after, "an invalid post stores nothing").toEqual(before);
    expect(Object.keys(outcome.fieldErrors).length).toBeGreaterThan(0);
    for (const message of Object.values(outcome.fieldErrors)) expect(typeof message).toBe("string");
  }

  if (outcome.kind === "saved") {
    const lead = must(await t.db.lead.findUnique({ where: { id: outcome.leadId }, include: { emails: true } }), "the saved lead");
    expect(lead.formType).toBe(form);
    expect(after.leads - before.leads, "one new lead, or an update of a recent one").toBe(outcome.created ? 1 : 0);
    expect(after.contacts).toBeGreaterThanOrEqual(before.contacts);
    // The stored fields are what the schema produced: they validate again, unchanged.
    const stored = JSON.parse(lead.fields);
    const again = formSchemas[form].safeParse(stored);
    expect(again.success, `stored fields re-validate: ${lead.fields.slice(0, 300)}`).toBe(true);
    expect(JSON.parse(JSON.stringify(narrow(again, "success", true).data))).toEqual(stored);
    // No lead without its emails: at least the staff notification.
    expect(lead.emails.map((e) => e.template)).toContain("staff-new-lead");
    expect(lead.emails.find((e) => e.template === "staff-new-lead")?.toAddress).toBe(STAFF);
    // The confirmation to the person, at the address they gave (a call-back asks for none).
    if (form === "callback") expect(lead.email).toBeNull();
    else
      expect(
        lead.emails.map((e) => e.toAddress),
        "the confirmation to the person",
      ).toContain(must(lead.email, "the lead's email"));
  }
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe.each(FORM_TYPES)("submitLead(%s)", (form) => {
  it(
    "random and hostile posts: an outcome every time; invalid and ignored store nothing; saved is one lead that re-validates, with its emails",
    async () => {
      const branches = new BranchCounter("a valid post, answered", "any other");
      await fc.assert(
        fc.asyncProperty(cases(form), fc.ipV4(), async ({ arm, raw }, ip) => {
          const post = arm === "valid" ? fresh(form, { raw, expected: {} }).raw : raw;
          const before = await counts();
          const outcome = await submitChecked(form, post, ip);
          await checkOutcome(form, post, outcome, before);
          if (arm === "valid" && outcome.kind !== "ignored") {
            branches.hit("a valid post, answered");
            const expectedKind = ACCEPTING.includes(form) ? "accepted" : "saved";
            expect(outcome.kind === "invalid" ? outcome.fieldErrors : outcome.kind, "a valid post is saved (a redemption, accepted)").toBe(expectedKind);
          } else branches.hit("any other");
        }),
        { numRuns: RUNS },
      );
      expect(branches.missed()).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    form === "redemption"
      ? "valid posts (by someone with enough confirmed points) are always accepted, filing nothing before the link is used"
      : "valid posts are always saved as submitted, and re-sending one changes nothing",
    async () => {
      await fc.assert(
        fc.asyncProperty(validFor(form), fc.boolean(), async (v, withToken) => {
          const { raw, expected } = fresh(form, v);
          const post = withToken ? displayable({ ...raw, submissionToken: randomUUID() }) : raw;
          const before = await counts();
          const outcome = await submitChecked(form, post);
          if (form === "redemption") {
            expect(outcome.kind, show(outcome)).toBe("accepted");
            await checkOutcome(form, post, outcome, before);
            return;
          }
          if (form === "comment") {
            // A comment waits for moderation, exactly as submitted; it is a lead only with the advisor box ticked.
            expect(outcome.kind, show(outcome)).toBe("accepted");
            await checkOutcome(form, post, outcome, before);
            const comment = await t.db.comment.findFirstOrThrow({ where: { email: expected.email as string }, orderBy: { createdAt: "desc" } });
            expect({ body: comment.body, name: comment.authorName, website: comment.website ?? undefined, advisor: comment.advisorContact }).toEqual({
              body: expected.comment,
              name: expected.name,
              website: expected.homepage,
              advisor: expected.advisor,
            });
            expect(comment.status).toBe("pending");
            expect(Boolean(comment.leadId)).toBe(expected.advisor);
            // The same post again (double click, browser retry): nothing new stored, token or not.
            const between = await counts();
            expect((await submitChecked(form, post)).kind).toBe("accepted");
            expect(await counts()).toEqual(between);
            return;
          }
          if (outcome.kind !== "saved") throw new Error(`valid ${form} post not saved: ${show(outcome)}\nraw: ${show(post)}`);
          await checkOutcome(form, post, outcome, before);
          // What this submission stored is exactly the normalized input (trimmed, lower-case
          // email, E.164…). A call-back from a known phone is a revision of that person's lead,
          // which keeps its first submission's values: the newest submission holds this one's.
          const latest = await t.db.leadSubmission.findFirstOrThrow({ where: { leadId: outcome.leadId }, orderBy: { revision: "desc" } });
          expect(JSON.parse(latest.fields)).toEqual(JSON.parse(JSON.stringify(expected)));
          // Fresh addresses make a new lead; only a call-back from a phone already known revises that person's lead.
          expect(outcome.created || form === "callback", "fresh addresses make a new lead").toBe(true);

          if (withToken) {
            // The same post again (double click, browser retry): same lead, nothing new stored.
            const between = await counts();
            const again = await submitChecked(form, post);
            expect(again.kind === "saved" && again.leadId).toBe(outcome.leadId);
            expect(again.kind === "saved" && again.created).toBe(false);
            expect(await counts()).toEqual(between);
          }
        }),
        { numRuns: VALID_RUNS },
      );
    },
    TIMEOUT,
  );
});

it("leaves no lead without its staff notification, across everything above", async () => {
  const leads = await t.db.lead.count();
  expect(leads).toBeGreaterThan(FORM_TYPES.length * 10);
  expect(await t.db.lead.count({ where: { emails: { none: { template: "staff-new-lead" } } } })).toBe(0);
  expect(
    await t.db.lead.count({
      where: { contact: { email: { not: null } }, emails: { none: { category: "transactional", NOT: { template: "staff-new-lead" } } } },
    }),
  ).toBe(0);
});

/**
 * A browser cannot post a lone surrogate, but submitLead takes any object and the schemas let
 * one through (see tests/unit/form-schemas.property.test.ts); the database then refuses it.
 * A refused value must come back as `invalid`, never as an exception.
 */
it(
  "a lone surrogate in any text field or attribution value gives an outcome, not an exception",
  async () => {
    // Shrinking is capped: every step is a database round trip.
    const arb = fc.limitShrink(
      fc.constantFrom(...FORM_TYPES.filter((f) => f !== "redemption")).chain((form) =>
        fc.oneof(
          injected(form, withLoneSurrogate, catalog).map(({ raw }) => ({ form, raw })),
          fc.tuple(validInput(form, catalog), withLoneSurrogate).map(([v, s]) => ({ form, raw: { ...v.raw, utm_source: s } })),
        ),
      ),
      60,
    );
    await fc.assert(
      fc.asyncProperty(arb, async ({ form, raw }) => {
        const post = fresh(form, { raw, expected: {} }).raw;
        const before = await counts();
        const outcome = await submitChecked(form, post);
        await checkOutcome(form, post, outcome, before);
      }),
      { numRuns: 40 },
    );
  },
  TIMEOUT,
);

/**
 * The hidden attribution fields come from the landing URL, so anyone can put an emoji in a link
 * (…?utm_campaign=…😀). The schema clips them by UTF-16 units, which can cut the emoji in half;
 * the lone surrogate left over then makes the database write fail.
 */
it(
  "an attribution value with an emoji across its clipping limit gives an outcome, not an exception",
  async () => {
    const keys = Object.keys(ATTRIBUTION_LIMITS);
    // Shrinking is capped: every step is a database round trip.
    const arb = fc.limitShrink(
      fc.tuple(
        fc.constantFrom(...FORM_TYPES).chain((form) => fc.tuple(fc.constant(form), validFor(form))),
        fc.constantFrom(...keys).chain((key) => fc.tuple(fc.constant(key), textAroundLimit(ATTRIBUTION_LIMITS[key]))),
      ),
      60,
    );
    await fc.assert(
      fc.asyncProperty(arb, async ([[form, v], [key, value]]) => {
        const post = displayable({ ...fresh(form, v).raw, [key]: value });
        const before = await counts();
        const outcome = await submitChecked(form, post);
        await checkOutcome(form, post, outcome, before);
      }),
      { numRuns: 40 },
    );
  },
  TIMEOUT,
);

/**
 * The forms' Server Actions, as app/(forms)/actions.ts builds them (leadFormAction), with
 * this file's database: a tampered call (see tamperedArgs: no argument, `$undefined` or null
 * as the previous state, the form data as an object or a string, 200 arguments…) stores
 * nothing and logs one line without a stack; a real post with a junk previous state is
 * saved as usual. Tallied, for the README's figures.
 */
const tally = { calls: 0, stored: 0, errorLogs: 0 };

describe.each(FORM_TYPES)("%s form action with tampered arguments", (form) => {
  it(
    "a call without a FormData second stores nothing; a real post after a junk previous state is one lead",
    async () => {
      const touched = { count: 0 };
      const action = leadFormAction(
        form,
        async () => ({ ip: "198.51.100.9" }),
        () => deps,
      );
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      const error = vi.spyOn(console, "error").mockImplementation(() => {});
      const valid = validFor(form).map((v) => fresh(form, v).raw);
      const branches = new BranchCounter("tampered", "real");
      try {
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(
              { weight: 3, arbitrary: tamperedArgs(form, touched, () => new FormData()).map((args) => ({ args, real: false })) },
              {
                weight: 1,
                arbitrary: fc
                  .tuple(
                    tamperedArgs(form, touched, () => new FormData()),
                    valid,
                  )
                  .map(([args, raw]) => ({ args: [args[0], toFormData(raw)], real: true })),
              },
            ),
            async ({ args, real }) => {
              warn.mockClear();
              const before = await counts();
              const state = await action(...args);
              const after = await counts();
              tally.calls++;
              branches.hit(real ? "real" : "tampered");
              if (!real) {
                expect(state).toMatchObject({ formType: form, status: "error", message: "We could not read this form. Reload the page and send it again." });
                expect(after, "a tampered call stores nothing").toEqual(before);
                expect(warn).toHaveBeenCalledTimes(1);
                expect(String(warn.mock.calls[0][0])).not.toMatch(/\n|TypeError/);
              } else {
                expect(state.status === "success" ? "success" : state, "a real post is saved whatever the previous state").toBe("success");
                // One new lead (a call-back or redemption by the same person within minutes updates
                // theirs; a comment is a lead only with the advisor box ticked).
                const added = after.leads - before.leads;
                expect(added).toBeOneOf(form === "callback" || form === "redemption" || form === "comment" ? [0, 1] : [1]);
                tally.stored += after.leads - before.leads;
              }
            },
          ),
          { numRuns: RUNS },
        );
        expect(branches.missed()).toEqual([]);
        tally.errorLogs += error.mock.calls.length;
        expect(error, "nothing a client sends is logged as a fault").not.toHaveBeenCalled();
      } finally {
        warn.mockRestore();
        error.mockRestore();
      }
      expect(touched.count, "a fake FormData's methods were called").toBe(0);
    },
    TIMEOUT,
  );
});

afterAll(() => {
  console.info(`[tampered calls in-process] ${tally.calls} calls, ${tally.stored} leads from real posts, ${tally.errorLogs} error logs`);
});
