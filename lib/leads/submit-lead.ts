import type { Prisma } from "../generated/prisma/client";
import type { FirstTouch } from "../attribution-cookies";
import { dbProvider, readCommittedOnPostgres, type Db } from "../db";
import { queueEmail, queueNewEmails, type EmailTemplate, type QueuedEmail } from "../email/outbox";
import { attributionRows, summarizeSubmission, type SummaryNames } from "../email/summary";
import type { ConfirmationEmailData, ReferralInvitationData, StaffNewLeadData } from "../email/template-data";
import { formatCohortDate } from "../content/programs";
import { nameSearchKeys } from "./search-keys";
import type { FormRateLimiter } from "../rate-limit";
import { awardReferralPoints, confirmReferralPoints, pointsBalance, POINTS_PER_REFERRAL } from "../referrals/points";
import { newDiscountCode, newInviteToken, newReferralCode, SUBMISSION_TOKEN_PATTERN } from "./codes";
import type { SuccessDetails } from "./form-state";
import { CONSENT, CONSENT_FOR_FORM, FORM_LABELS, type FormType } from "./form-types";
import {
  attributionSchema,
  formSchemas,
  type CallbackInput,
  type EnrollInput,
  type NewsletterInput,
  type QuoteInput,
  type RedemptionInput,
  type ReferralInput,
} from "./schemas";

const CONFIRMATION_TEMPLATES: Record<FormType, EmailTemplate> = {
  enroll: "enroll-confirmation",
  quote: "quote-confirmation",
  referral: "referral-confirmation",
  newsletter: "newsletter-welcome",
  callback: "callback-confirmation",
  redemption: "redemption-confirmation",
};

/** The same person sending the same form again within this window updates their lead. */
export const UPDATE_WINDOW_MINUTES = 10;

export type SubmissionDeps = {
  db: Db;
  limiter: FormRateLimiter;
  /** Absolute site origin, for links in emails and the referral link. */
  siteUrl: string;
  /**
   * Staff recipients for a form type's notification. May read settings (async): it is
   * called once per submission, before the save transaction, never inside it.
   */
  staffRecipients: (formType: FormType) => string[] | Promise<string[]>;
  /** Program names by slug, for the emails' summaries (display only; may be cached). */
  programNames?: () => Promise<Map<string, string>>;
  /** Called after a submission is committed with emails to send (wakes the dispatcher). */
  onQueued?: () => void;
};

export type SubmissionContext = {
  ip: string;
  userAgent?: string;
  firstTouch?: FirstTouch;
  now?: Date;
};

export type SubmitOutcome =
  | { kind: "saved"; leadId: string; created: boolean; success: SuccessDetails }
  /** The honeypot was filled: the caller shows an ordinary success, nothing was stored. */
  | { kind: "ignored" }
  | { kind: "invalid"; fieldErrors: Record<string, string> }
  | { kind: "rate_limited"; retryAfterSeconds: number };

type ParsedInput = {
  enroll: EnrollInput;
  quote: QuoteInput;
  referral: ReferralInput;
  newsletter: NewsletterInput;
  callback: CallbackInput;
  redemption: RedemptionInput;
};

class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** zod issues as { "friends.0.email": "message" }, first message per field. */
export function fieldErrorsFrom(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "form";
    out[key] ??= issue.message;
  }
  return out;
}

const TX_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;

/**
 * Validates and saves one form submission: the contact, the lead, points and the emails it
 * triggers, in one transaction. Every form's Server Action ends here.
 */
export async function submitLead<F extends FormType>(
  deps: SubmissionDeps,
  formType: F,
  raw: Record<string, unknown>,
  ctx: SubmissionContext,
): Promise<SubmitOutcome> {
  const now = ctx.now ?? new Date();

  // Bots fill every field; people never see this one. Pretend it worked, store nothing.
  if (typeof raw.website === "string" && raw.website.trim() !== "") return { kind: "ignored" };

  const parsed = formSchemas[formType].safeParse(raw);
  if (!parsed.success) return { kind: "invalid", fieldErrors: fieldErrorsFrom(parsed.error.issues) };
  const input = parsed.data as ParsedInput[F];
  const attribution = attributionSchema.parse(raw);
  const token =
    typeof raw.submissionToken === "string" && SUBMISSION_TOKEN_PATTERN.test(raw.submissionToken) ? raw.submissionToken : undefined;

  // A re-sent submission (double click, browser retry) is answered from the lead it made.
  if (token) {
    const existing = await deps.db.lead.findUnique({ where: { submissionToken: token } });
    if (existing) return { kind: "saved", leadId: existing.id, created: false, success: await successFor(deps, existing, formType) };
  }

  const identity = "email" in input ? input.email : "phone" in input ? input.phone : undefined;
  const verdict = await deps.limiter.consume(formType, { ip: ctx.ip, identity });
  if (!verdict.ok) return { kind: "rate_limited", retryAfterSeconds: verdict.retryAfterSeconds };

  try {
    const checked = await checkAgainstDatabase(deps.db, formType, input, now);
    const names: SummaryNames = { programs: deps.programNames ? await deps.programNames().catch(() => undefined) : undefined, cohort: checked.cohort };
    const staffTo = await deps.staffRecipients(formType);
    const result = await saveWithRetries(deps.db, identity, token, (tx) => saveSubmission(tx, deps, formType, input, attribution, ctx, token, now, names, staffTo));
    if (result.created) deps.onQueued?.();
    return { kind: "saved", ...result };
  } catch (error) {
    if (error instanceof FieldError) return { kind: "invalid", fieldErrors: { [error.field]: error.message } };
    // Two requests with the same token raced: the other one saved the lead.
    if (token && isUniqueViolation(error)) {
      const existing = await deps.db.lead.findUnique({ where: { submissionToken: token } });
      if (existing) return { kind: "saved", leadId: existing.id, created: false, success: await successFor(deps, existing, formType) };
    }
    throw error;
  }
}

/**
 * Runs the submission's transaction.
 *
 * SQLite runs one write transaction at a time, so the read-decide-write steps inside (find
 * the contact, update a lead sent minutes ago instead of adding one, award points once) see
 * a stable database.
 *
 * On PostgreSQL the submission runs READ COMMITTED, and first takes a transaction-scoped
 * advisory lock on the person (their email, else their phone): two submissions by the same
 * person queue behind each other and the second sees the first's rows, while different
 * people never wait for each other. (Under SERIALIZABLE, the default for other
 * transactions, busy forms aborted each other over index pages they merely shared, and
 * some submissions failed after every retry.) What two different people can still race
 * for is backed by a unique constraint (a referred friend's contact, a points entry's key,
 * a discount code, an email's idempotency key); losing such a race aborts with P2002 and
 * the whole transaction runs again, then finding the other side's row.
 */
const UNIQUE_RACE_ATTEMPTS = 4;

async function saveWithRetries<T>(db: Db, identity: string | undefined, token: string | undefined, save: (tx: Tx) => Promise<T>): Promise<T> {
  const postgres = dbProvider(db) === "postgres";
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(
        async (tx) => {
          if (postgres && identity) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`loomstack:submission:${identity.toLowerCase()}`}))`;
          return save(tx);
        },
        { ...TX_OPTIONS, ...readCommittedOnPostgres(db) },
      );
    } catch (error) {
      if (!postgres || !isUniqueViolation(error) || attempt >= UNIQUE_RACE_ATTEMPTS) throw error;
      // The same token saved by a concurrent request is settled by the caller, not retried.
      if (token && (await db.lead.findUnique({ where: { submissionToken: token }, select: { id: true } }))) throw error;
    }
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/** Checks that need the database: the chosen program, cohort and courses exist and are open. */
async function checkAgainstDatabase(db: Db, formType: FormType, input: ParsedInput[FormType], now: Date): Promise<{ cohort?: string }> {
  if (formType === "enroll") {
    const i = input as EnrollInput;
    // One query for the common case (a valid program and cohort); a second only to tell
    // which of the two is wrong.
    const cohort = await db.cohort.findFirst({ where: { id: i.cohort, program: { slug: i.program, published: true } } });
    if (!cohort) {
      const program = await db.program.findFirst({ where: { slug: i.program, published: true }, select: { id: true } });
      if (!program) throw new FieldError("program", "Choose a program from the list.");
      throw new FieldError("cohort", "Choose a start date for this program.");
    }
    if (cohort.status !== "open" || cohort.startDate <= now) {
      throw new FieldError("cohort", "That start date is no longer taking applications. Choose another.");
    }
    return { cohort: `${cohort.name}, starting ${formatCohortDate(cohort.startDate)}` };
  }
  if (formType === "quote") {
    const slugs = (input as QuoteInput).courses;
    const found = await db.program.count({ where: { slug: { in: slugs }, published: true } });
    if (found !== new Set(slugs).size) throw new FieldError("courses", "Choose courses from the list.");
  }
  if (formType === "callback") {
    const course = (input as CallbackInput).course;
    if (course !== "not-sure" && !(await db.program.findFirst({ where: { slug: course, published: true }, select: { id: true } }))) {
      throw new FieldError("course", "Choose a course from the list.");
    }
  }
  if (formType === "redemption") {
    const i = input as RedemptionInput;
    const contact = await db.contact.findUnique({ where: { email: i.email }, select: { id: true } });
    const balance = contact ? await pointsBalance(db, contact.id) : { confirmed: 0, pending: 0 };
    if (!contact || balance.confirmed + balance.pending === 0) {
      throw new FieldError("email", "We have no points for this email address. Use the address you referred friends from.");
    }
    if (i.points > balance.confirmed) {
      throw new FieldError(
        "points",
        `You have ${balance.confirmed} confirmed points (${balance.pending} still pending until your friends respond).`,
      );
    }
  }
  return {};
}

type Tx = Prisma.TransactionClient;

async function findOrCreateContact(tx: Tx, who: { email?: string; phone?: string; name?: string }, now: Date) {
  const existing = who.email
    ? await tx.contact.findUnique({ where: { email: who.email } })
    : who.phone
      ? await tx.contact.findFirst({ where: { phone: who.phone }, orderBy: { createdAt: "asc" } })
      : null;
  if (existing) {
    // Fill gaps, never overwrite what the person told us before with nothing.
    const patch: Prisma.ContactUpdateInput = {};
    if (who.name && who.name !== existing.name) patch.name = who.name;
    if (who.phone && !existing.phone) patch.phone = who.phone;
    // Submitting any form is a response (it confirms points for referring this person).
    if (!existing.respondedAt) patch.respondedAt = now;
    const contact = Object.keys(patch).length ? await tx.contact.update({ where: { id: existing.id }, data: patch }) : existing;
    return { contact, created: false };
  }
  const contact = await tx.contact.create({
    data: { email: who.email, phone: who.phone, name: who.name, referralCode: newReferralCode(), respondedAt: now },
  });
  return { contact, created: true };
}

function leadColumns(formType: FormType, input: ParsedInput[FormType]) {
  const i = input as Partial<EnrollInput & QuoteInput & CallbackInput & NewsletterInput>;
  return {
    name: i.name ?? null,
    email: i.email ?? null,
    phone: i.phone ?? null,
    programSlug: formType === "enroll" ? (i.program ?? null) : formType === "callback" && i.course !== "not-sure" ? (i.course ?? null) : null,
    cohortId: formType === "enroll" ? (i.cohort ?? null) : null,
  };
}

async function saveSubmission(
  tx: Tx,
  deps: SubmissionDeps,
  formType: FormType,
  input: ParsedInput[FormType],
  attribution: ReturnType<typeof attributionSchema.parse>,
  ctx: SubmissionContext,
  token: string | undefined,
  now: Date,
  names: SummaryNames,
  staffTo: readonly string[],
): Promise<{ leadId: string; created: boolean; success: SuccessDetails }> {
  const i = input as Partial<EnrollInput & CallbackInput & NewsletterInput>;
  const { contact, created: contactCreated } = await findOrCreateContact(tx, { email: i.email, phone: i.phone, name: i.name }, now);

  // Referral link: a new person who arrived through someone's code is that person's referral.
  const touch = ctx.firstTouch ?? {};
  const code = attribution.ref ?? touch.ref;
  const referrer = code ? await tx.contact.findUnique({ where: { referralCode: code } }) : null;
  const referredById = referrer && referrer.id !== contact.id ? referrer.id : null;

  const consent = CONSENT[CONSENT_FOR_FORM[formType]];
  const columns = leadColumns(formType, input);
  const common = {
    ...columns,
    ...nameSearchKeys(columns.name),
    fields: JSON.stringify(input),
    consentVersion: consent.version,
    consentText: consent.text,
    consentAt: now,
    utmSource: attribution.utm_source ?? touch.utm_source ?? null,
    utmMedium: attribution.utm_medium ?? touch.utm_medium ?? null,
    utmCampaign: attribution.utm_campaign ?? touch.utm_campaign ?? null,
    utmTerm: attribution.utm_term ?? touch.utm_term ?? null,
    utmContent: attribution.utm_content ?? touch.utm_content ?? null,
    referrerUrl: touch.referrer ?? null,
    landingPage: touch.landing ?? null,
    article: attribution.article ?? null,
    cta: attribution.cta ?? null,
    referralCode: code ?? null,
    referredById,
  };

  // A brand-new contact has no earlier lead to update.
  const recent = contactCreated
    ? null
    : await tx.lead.findFirst({
        // A decided redemption is settled (its points are already in the ledger): never reopen it.
        where: { contactId: contact.id, formType, decision: null, createdAt: { gte: new Date(now.getTime() - UPDATE_WINDOW_MINUTES * 60_000) } },
        orderBy: { createdAt: "desc" },
      });
  const lead = recent
    ? await tx.lead.update({ where: { id: recent.id }, data: { ...common, revision: { increment: 1 } } })
    : await tx.lead.create({ data: { ...common, contactId: contact.id, formType, status: "new", submissionToken: token } });

  if (contactCreated && referredById) {
    await tx.contact.update({ where: { id: contact.id }, data: { referredById } });
    await awardReferralPoints(tx, { referrerId: referredById, friendId: contact.id, leadId: lead.id });
  }
  // Submitting any form is a response: pending points for referring this person are
  // confirmed. Only someone referred (by a friend's form or a referral link) has any.
  if (contact.referredById || (contactCreated && referredById)) await confirmReferralPoints(tx, contact.id);

  let extras: Partial<SuccessDetails> = {};
  if (formType === "referral") extras = await saveReferrals(tx, deps, contact, lead.id, input as ReferralInput);
  if (formType === "newsletter") extras = await saveNewsletter(tx, contact.id, contact.email, now);

  const success = await successMessage(tx, deps, formType, contact, extras);

  // The lead's own emails are keyed by its id, so only a new lead has any to queue; an
  // update within the window does not email anyone again.
  if (!recent) {
    const summary = summarizeSubmission(formType, input as Record<string, unknown>, names);
    const emails: QueuedEmail[] = [];
    if (contact.email) {
      const data: ConfirmationEmailData = {
        leadId: lead.id,
        formType,
        name: contact.name,
        summary,
        discountCode: success.discountCode,
        discountPercent: success.discountPercent,
        points: success.points,
      };
      emails.push({
        to: contact.email,
        template: CONFIRMATION_TEMPLATES[formType],
        data,
        category: "transactional",
        idempotencyKey: `lead:${lead.id}:confirmation`,
        leadId: lead.id,
        contactId: contact.id,
      });
    }
    const staffData: StaffNewLeadData = {
      leadId: lead.id,
      formType,
      label: FORM_LABELS[formType],
      name: columns.name,
      email: columns.email,
      phone: columns.phone,
      summary,
      attribution: attributionRows(common),
      consoleUrl: `${deps.siteUrl}/console/leads/${lead.id}`,
    };
    for (const [n, to] of staffTo.entries()) {
      emails.push({
        to,
        template: "staff-new-lead",
        data: staffData,
        category: "transactional",
        idempotencyKey: `lead:${lead.id}:staff:${n}`,
        leadId: lead.id,
      });
    }
    await queueNewEmails(tx, emails);
  }

  return { leadId: lead.id, created: !recent, success };
}

async function saveReferrals(
  tx: Tx,
  deps: SubmissionDeps,
  referrer: { id: string; email: string | null; name: string | null; referralCode: string },
  leadId: string,
  input: ReferralInput,
): Promise<Partial<SuccessDetails>> {
  let earnedNow = 0;
  for (const friend of input.friends) {
    if (friend.email === referrer.email) continue; // never points for referring yourself
    const known = await tx.contact.findUnique({ where: { email: friend.email }, select: { id: true } });
    if (known) continue; // already a contact, or already referred by someone: no points
    const created = await tx.contact.create({
      data: {
        email: friend.email,
        name: friend.name,
        referralCode: newReferralCode(),
        referredById: referrer.id,
        inviteToken: newInviteToken(),
      },
    });
    await awardReferralPoints(tx, { referrerId: referrer.id, friendId: created.id, leadId });
    earnedNow += POINTS_PER_REFERRAL;
    await queueEmail(tx, {
      to: friend.email,
      template: "referral-invitation",
      data: {
        friendName: friend.name,
        note: friend.note ?? null,
        referrerName: input.name,
        referralLink: `${deps.siteUrl}/r/${referrer.referralCode}`,
        confirmUrl: `${deps.siteUrl}/invite/${created.inviteToken}`,
      } satisfies ReferralInvitationData,
      category: "marketing",
      idempotencyKey: `referral:${created.id}:invitation`,
      leadId,
      contactId: created.id,
    });
  }
  return { points: { earnedNow, pending: 0, confirmed: 0, referralCode: referrer.referralCode, referralLink: `${deps.siteUrl}/r/${referrer.referralCode}` } };
}

/** Subscribing again returns the same code; a past unsubscribe is undone with fresh consent. */
async function saveNewsletter(tx: Tx, contactId: string, email: string | null, now: Date) {
  const consent = CONSENT.newsletter;
  let sub = await tx.newsletterSubscription.findUnique({ where: { contactId } });
  if (!sub) {
    sub = await tx.newsletterSubscription.create({
      data: { contactId, discountCode: newDiscountCode(20), consentVersion: consent.version, consentText: consent.text, consentAt: now },
    });
  } else if (sub.unsubscribedAt) {
    sub = await tx.newsletterSubscription.update({
      where: { id: sub.id },
      data: { unsubscribedAt: null, consentVersion: consent.version, consentText: consent.text, consentAt: now },
    });
  }
  // Fresh consent lifts an earlier unsubscribe (never a complaint or a bounce).
  if (email) {
    await tx.emailSuppression.deleteMany({ where: { address: email, reason: "unsubscribe" } });
    if (!(await tx.emailSuppression.findUnique({ where: { address: email }, select: { id: true } }))) {
      await tx.contact.updateMany({ where: { id: contactId, marketingOptOutAt: { not: null } }, data: { marketingOptOutAt: null } });
    }
  }
  return { discountCode: sub.discountCode, discountPercent: sub.discountPercent };
}

const NEXT_STEPS: Record<FormType, { headline: string; nextSteps: string[] }> = {
  enroll: {
    headline: "Application received",
    nextSteps: [
      "We have emailed you a copy of your application.",
      "An admissions advisor will call or email you within two working days to talk it through.",
      "Nothing is charged until you confirm your place and payment plan.",
    ],
  },
  quote: {
    headline: "Quote request received",
    nextSteps: [
      "We have emailed you a summary of your request.",
      "An advisor will send your written quote within two working days, and call at the time you chose if anything needs clarifying.",
    ],
  },
  referral: {
    headline: "Thanks for spreading the word",
    nextSteps: [
      "We are emailing each friend an invitation that mentions you.",
      "You earn 100 points for each friend who is new to us. They stay pending until that friend responds, then you can spend them.",
    ],
  },
  newsletter: {
    headline: "You are subscribed",
    nextSteps: [
      "Your discount code is below and in your welcome email.",
      "Use it when you enroll to take 20% off your next course.",
      "Every newsletter has a one-click unsubscribe link.",
    ],
  },
  callback: {
    headline: "We will call you",
    nextSteps: ["An advisor will call you at the time you chose, on the number you gave.", "Calls usually happen within one working day."],
  },
  redemption: {
    headline: "Request received",
    nextSteps: [
      "Our team checks every request and will email you within two working days.",
      "Points are only deducted once your request is approved.",
    ],
  },
};

async function successMessage(
  db: Tx | Db,
  deps: SubmissionDeps,
  formType: FormType,
  contact: { id: string; referralCode: string },
  extras: Partial<SuccessDetails>,
): Promise<SuccessDetails> {
  const base = { ...NEXT_STEPS[formType], ...extras };
  if (formType !== "referral") return base;
  const balance = await pointsBalance(db, contact.id);
  const link = `${deps.siteUrl}/r/${contact.referralCode}`;
  return {
    ...base,
    points: {
      earnedNow: extras.points?.earnedNow ?? 0,
      pending: balance.pending,
      confirmed: balance.confirmed,
      referralCode: contact.referralCode,
      referralLink: link,
    },
  };
}

/** The success details for a lead that already exists (a re-sent submission). */
async function successFor(deps: SubmissionDeps, lead: { contactId: string }, formType: FormType): Promise<SuccessDetails> {
  const contact = await deps.db.contact.findUniqueOrThrow({ where: { id: lead.contactId }, include: { newsletter: true } });
  const extras: Partial<SuccessDetails> =
    formType === "newsletter" && contact.newsletter
      ? { discountCode: contact.newsletter.discountCode, discountPercent: contact.newsletter.discountPercent }
      : formType === "referral"
        ? { points: { earnedNow: 0, pending: 0, confirmed: 0, referralCode: contact.referralCode, referralLink: "" } }
        : {};
  return successMessage(deps.db, deps, formType, contact, extras);
}
