import type { Prisma } from "../generated/prisma/client";
import type { FirstTouch } from "../attribution-cookies";
import { dbProvider, readCommittedOnPostgres, type Db } from "../db";
import { queueEmail, queueNewEmails, type EmailTemplate, type QueuedEmail } from "../email/outbox";
import { attributionRows, summarizeSubmission, type SummaryNames } from "../email/summary";
import type { ConfirmationEmailData, ReferralInvitationData, StaffNewLeadData, SummaryRow } from "../email/template-data";
import { formatCohortDate } from "../content/programs";
import { issueOwnershipLink } from "../ownership/tokens";
import { hashIp } from "../security/fingerprint";
import { nameSearchKeys } from "./search-keys";
import type { FormRateLimiter } from "../rate-limit";
import { awardReferralPoints, pointsBalance, POINTS_PER_REFERRAL } from "../referrals/points";
import { findOrCreateContact, type ContactRow } from "./contacts";
import { newDiscountCode, newInviteToken, newReferralCode, SUBMISSION_TOKEN_PATTERN } from "./codes";
import type { SuccessDetails } from "./form-state";
import { CONSENT, CONSENT_FOR_FORM, FORM_LABELS, type FormType, type LeadType } from "./form-types";
import {
  attributionSchema,
  formSchemas,
  type Attribution,
  type CallbackInput,
  type EnrollInput,
  type NewsletterInput,
  type QuoteInput,
  type RedemptionInput,
  type ReferralInput,
} from "./schemas";

const CONFIRMATION_TEMPLATES: Record<LeadType, EmailTemplate> = {
  enroll: "enroll-confirmation",
  quote: "quote-confirmation",
  referral: "referral-confirmation",
  newsletter: "newsletter-welcome",
  callback: "callback-confirmation",
  redemption: "redemption-confirmation",
  invite: "invite-confirmation",
};

/** The same person sending the same form again within this window adds a revision to their lead. */
export const UPDATE_WINDOW_MINUTES = 10;

export type SubmissionDeps = {
  db: Db;
  limiter: FormRateLimiter;
  /** Absolute site origin, for links in emails and the referral link. */
  siteUrl: string;
  /**
   * Staff recipients for a lead type's notification. May read settings (async): it is
   * called once per submission, before the save transaction, never inside it.
   */
  staffRecipients: (formType: LeadType) => string[] | Promise<string[]>;
  /** Program names by slug, for the emails' summaries (display only; may be cached). */
  programNames?: () => Promise<Map<string, string>>;
  /** Called after a submission is committed with emails to send (wakes the dispatcher). */
  onQueued?: () => void;
};

export type SubmissionContext = {
  ip: string;
  userAgent?: string;
  /** First-touch attribution, the referral cookie and the browser id (lib/attribution-cookies.ts). */
  firstTouch?: FirstTouch;
  now?: Date;
};

export type SubmitOutcome =
  | { kind: "saved"; leadId: string; created: boolean; success: SuccessDetails }
  /** Answered without filing anything yet: a redemption request waits for its ownership link. */
  | { kind: "accepted"; success: SuccessDetails }
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
  invite: { name: string | null; email: string };
};
type AnyInput = ParsedInput[LeadType];

export class FieldError extends Error {
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
 *
 * The answer never depends on whether the email address is already known: anything
 * personal (a discount code, a balance, a referral link) goes to that inbox, and requests
 * that act on what an address owns (spending points) wait for its ownership link.
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

  // A re-sent submission (double click, browser retry) is answered from what it saved.
  if (token && formType !== "redemption") {
    const existing = await findByToken(deps.db, token);
    if (existing) return { kind: "saved", leadId: existing.leadId, created: false, success: successFor(formType) };
  }

  const identity = "email" in input ? input.email : "phone" in input ? input.phone : undefined;
  const verdict = await deps.limiter.consume(formType, { ip: ctx.ip, identity });
  if (!verdict.ok) return { kind: "rate_limited", retryAfterSeconds: verdict.retryAfterSeconds };

  if (formType === "redemption") {
    await requestRedemptionLink(deps, input as RedemptionInput, attribution, ctx, token, now);
    return { kind: "accepted", success: REDEMPTION_LINK_SENT };
  }

  try {
    const result = await saveLead(deps, { formType, input, attribution, token }, ctx, now);
    return { kind: "saved", ...result, success: successFor(formType) };
  } catch (error) {
    if (error instanceof FieldError) return { kind: "invalid", fieldErrors: { [error.field]: error.message } };
    // Two requests with the same token raced: the other one saved the lead.
    if (token && isUniqueViolation(error)) {
      const existing = await findByToken(deps.db, token);
      if (existing) return { kind: "saved", leadId: existing.leadId, created: false, success: successFor(formType) };
    }
    throw error;
  }
}

async function findByToken(db: Db, token: string): Promise<{ leadId: string } | null> {
  return db.leadSubmission.findUnique({ where: { submissionToken: token }, select: { leadId: true } });
}

export type LeadToSave = {
  formType: LeadType;
  input: AnyInput;
  attribution: Partial<Attribution>;
  token?: string;
  /** Replaces the summary built from the input (leads that no form posted, e.g. `invite`). */
  summary?: SummaryRow[];
};

/**
 * Saves a validated submission (checks against the database, then the transaction) and
 * wakes the dispatcher. Also used for leads filed by a link rather than a form.
 */
export async function saveLead(
  deps: SubmissionDeps,
  lead: LeadToSave,
  ctx: SubmissionContext,
  now: Date,
  /** Runs first inside the transaction (e.g. spending an ownership link); throwing aborts it all. */
  before?: (tx: Tx) => Promise<void>,
): Promise<{ leadId: string; created: boolean }> {
  const checked = await checkAgainstDatabase(deps.db, lead.formType, lead.input, now);
  const names: SummaryNames = { programs: deps.programNames ? await deps.programNames().catch(() => undefined) : undefined, cohort: checked.cohort };
  const staffTo = await deps.staffRecipients(lead.formType);
  const identity = "email" in lead.input && lead.input.email ? lead.input.email : "phone" in lead.input ? lead.input.phone : undefined;
  const result = await saveWithRetries(deps.db, identity, lead.token, async (tx) => {
    await before?.(tx);
    return saveSubmission(tx, deps, lead, ctx, now, names, staffTo);
  });
  if (result.queued) deps.onQueued?.();
  return { leadId: result.leadId, created: result.created };
}

/**
 * Runs the submission's transaction.
 *
 * SQLite runs one write transaction at a time, so the read-decide-write steps inside see a
 * stable database. On PostgreSQL the submission runs READ COMMITTED behind a
 * transaction-scoped advisory lock on the person (their email, else their phone): one
 * person's submissions queue, different people never wait for each other. What two people
 * can still race for is backed by a unique constraint; losing such a race aborts with P2002
 * and the transaction runs again, then finding the other side's row.
 */
const UNIQUE_RACE_ATTEMPTS = 4;

type Tx = Prisma.TransactionClient;

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
      if (token && (await findByToken(db, token))) throw error;
    }
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/** Checks that need the database: the chosen program, cohort and courses exist and are open. */
async function checkAgainstDatabase(db: Db, formType: LeadType, input: AnyInput, now: Date): Promise<{ cohort?: string }> {
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
  return {};
}

function leadColumns(formType: LeadType, input: AnyInput) {
  const i = input as Partial<EnrollInput & QuoteInput & CallbackInput & NewsletterInput>;
  return {
    name: i.name ?? null,
    email: i.email ?? null,
    phone: i.phone ?? null,
    programSlug: formType === "enroll" ? (i.program ?? null) : formType === "callback" && i.course !== "not-sure" ? (i.course ?? null) : null,
    cohortId: formType === "enroll" ? (i.cohort ?? null) : null,
  };
}

/** Whether someone's referrer has points waiting for this person to prove their address. */
async function hasPendingAward(tx: Tx, contactId: string): Promise<boolean> {
  const keys = await tx.pointsEntry.findMany({
    where: { key: { in: [`referral:${contactId}:pending`, `referral:${contactId}:confirmed`, `referral:${contactId}:rejected`] } },
    select: { key: true },
  });
  return keys.length === 1 && keys[0].key.endsWith(":pending");
}

async function saveSubmission(
  tx: Tx,
  deps: SubmissionDeps,
  toSave: LeadToSave,
  ctx: SubmissionContext,
  now: Date,
  names: SummaryNames,
  staffTo: readonly string[],
): Promise<{ leadId: string; created: boolean; queued: boolean }> {
  const { formType, input, attribution, token } = toSave;
  const i = input as Partial<EnrollInput & CallbackInput & NewsletterInput>;
  // An invitation's "yes" names nobody: the name on it is the one the referrer typed.
  const who = formType === "invite" ? { email: i.email } : { email: i.email, phone: i.phone, name: i.name ?? undefined };
  const { contact, created: contactCreated } = await findOrCreateContact(tx, who, now);

  // Referral link: a new person who arrived through someone's code is that person's
  // referral. Someone we already know is never re-attributed, and nobody refers themselves.
  const touch = ctx.firstTouch ?? {};
  const code = attribution.ref ?? touch.ref;
  const referrer = code && contactCreated ? await tx.contact.findUnique({ where: { referralCode: code }, select: { id: true } }) : null;
  const newlyReferredBy = referrer && referrer.id !== contact.id ? referrer.id : null;

  const consent = CONSENT[CONSENT_FOR_FORM[formType]];
  const columns = leadColumns(formType, input);
  const submission = {
    name: columns.name,
    email: columns.email,
    phone: columns.phone,
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
  };
  const fingerprint = { ipHash: hashIp(ctx.ip) ?? null, visitorId: touch.visitorId ?? null };

  // The same person sending the same form again shortly after adds a revision to that lead;
  // nothing already stored changes. A decided redemption is settled: never reopened.
  const recent = contactCreated
    ? null
    : await tx.lead.findFirst({
        where: { contactId: contact.id, formType, decision: null, createdAt: { gte: new Date(now.getTime() - UPDATE_WINDOW_MINUTES * 60_000) } },
        orderBy: { createdAt: "desc" },
      });
  let leadId: string;
  if (recent) {
    const updated = await tx.lead.update({ where: { id: recent.id }, data: { revision: { increment: 1 } }, select: { revision: true } });
    await tx.leadSubmission.create({
      data: { ...submission, ...fingerprint, leadId: recent.id, contactId: contact.id, revision: updated.revision, submissionToken: token, createdAt: now },
    });
    leadId = recent.id;
  } else {
    const lead = await tx.lead.create({
      data: {
        ...submission,
        programSlug: columns.programSlug,
        cohortId: columns.cohortId,
        ...nameSearchKeys(columns.name),
        contactId: contact.id,
        formType,
        status: "new",
        submissionToken: token,
        referredById: contact.referredById ?? newlyReferredBy,
        createdAt: now,
      },
    });
    await tx.leadSubmission.create({
      data: { ...submission, ...fingerprint, leadId: lead.id, contactId: contact.id, revision: 1, submissionToken: token, createdAt: now },
    });
    leadId = lead.id;
  }

  if (newlyReferredBy) {
    await tx.contact.update({ where: { id: contact.id }, data: { referredById: newlyReferredBy } });
    await awardReferralPoints(tx, { referrerId: newlyReferredBy, friendId: contact.id, leadId });
  }

  const earnedNow = formType === "referral" ? await saveReferrals(tx, deps, contact, leadId, input as ReferralInput) : 0;
  let discount: Pick<ConfirmationEmailData, "discountCode" | "discountPercent"> = {};
  if (formType === "newsletter") discount = await saveNewsletter(tx, contact.id, contact.email, now);

  // A revision emails nobody again: the lead's emails are keyed by its id.
  if (recent) return { leadId, created: false, queued: false };

  const summary = toSave.summary ?? summarizeSubmission(formType as FormType, input as Record<string, unknown>, names);
  const emails: QueuedEmail[] = [];
  if (contact.email) {
    // Someone whose referrer earns points for them is asked to prove the address: filling in
    // a form does not, so it confirms nothing by itself.
    const verify =
      formType !== "invite" && !contact.emailVerifiedAt && (await hasPendingAward(tx, contact.id))
        ? await issueOwnershipLink(tx, { email: contact.email, contactId: contact.id, purpose: "verify-email", name: contact.name, siteUrl: deps.siteUrl, now })
        : null;
    const data: ConfirmationEmailData = {
      leadId,
      formType,
      name: contact.name,
      summary,
      ...discount,
      ...(formType === "referral" ? { points: await pointsSummary(tx, deps, contact, earnedNow) } : {}),
      ...(verify ? { verifyUrl: verify.url } : {}),
    };
    emails.push({
      to: contact.email,
      template: CONFIRMATION_TEMPLATES[formType],
      data,
      category: "transactional",
      idempotencyKey: `lead:${leadId}:confirmation`,
      leadId,
      contactId: contact.id,
    });
  }
  const staffData: StaffNewLeadData = {
    leadId,
    formType,
    label: FORM_LABELS[formType],
    name: columns.name,
    email: columns.email,
    phone: columns.phone,
    summary,
    attribution: attributionRows(submission),
    consoleUrl: `${deps.siteUrl}/console/leads/${leadId}`,
  };
  for (const [n, to] of staffTo.entries()) {
    emails.push({
      to,
      template: "staff-new-lead",
      data: staffData,
      category: "transactional",
      idempotencyKey: `lead:${leadId}:staff:${n}`,
      leadId,
    });
  }
  await queueNewEmails(tx, emails);
  return { leadId, created: true, queued: true };
}

/** The referrer's points and personal link, for their confirmation email (their inbox only). */
async function pointsSummary(tx: Tx, deps: SubmissionDeps, contact: ContactRow, earnedNow: number) {
  const balance = await pointsBalance(tx, contact.id);
  return {
    earnedNow,
    pending: balance.pending,
    confirmed: balance.confirmed,
    referralCode: contact.referralCode,
    referralLink: `${deps.siteUrl}/r/${contact.referralCode}`,
  };
}

/** Invites each new friend and awards the pending points; returns the points earned. */
async function saveReferrals(tx: Tx, deps: SubmissionDeps, referrer: ContactRow, leadId: string, input: ReferralInput): Promise<number> {
  let earned = 0;
  for (const friend of input.friends) {
    if (friend.email === referrer.email) continue; // never points for referring yourself
    const known = await tx.contact.findUnique({ where: { email: friend.email }, select: { id: true } });
    if (known) continue; // already a contact, or already referred by someone: no points
    const created = await tx.contact.create({
      data: {
        email: friend.email,
        name: friend.name,
        nameSource: "referrer",
        referralCode: newReferralCode(),
        referredById: referrer.id,
        inviteToken: newInviteToken(),
      },
    });
    if (await awardReferralPoints(tx, { referrerId: referrer.id, friendId: created.id, leadId })) earned += POINTS_PER_REFERRAL;
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
  return earned;
}

/** Subscribing again keeps the same code; a past unsubscribe is undone with fresh consent. */
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

/**
 * What the person sees after sending a form. The same whoever they are: nothing here
 * depends on what the database knows about the address typed.
 */
export const NEXT_STEPS: Record<LeadType, SuccessDetails> = {
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
      "An advisor will send your written quote within two working days.",
      "If you asked for a call, they will call you at the time you chose; otherwise they will write.",
    ],
  },
  referral: {
    headline: "Thanks for spreading the word",
    nextSteps: [
      "We are emailing each friend an invitation that mentions you.",
      "We have emailed you your personal referral link and your points so far.",
      `You earn ${POINTS_PER_REFERRAL} points for each friend who is new to us. They stay pending until that friend confirms their interest from their own inbox; then you can spend them.`,
    ],
  },
  newsletter: {
    headline: "Thanks for subscribing",
    nextSteps: [
      "Your welcome email is on its way to the address you gave, with your personal 20% discount code.",
      "Use the code when you enroll to take 20% off your next course.",
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
  invite: {
    headline: "Thanks for your interest",
    nextSteps: ["An advisor will email you with details of our programs and upcoming cohorts."],
  },
};

/** The answer to a redemption request, before anything is filed (see requestRedemptionLink). */
export const REDEMPTION_LINK_SENT: SuccessDetails = {
  headline: "Check your inbox",
  nextSteps: [
    "If this address has referral points, we have emailed it a link to confirm this request. The link works once, for 24 hours.",
    "Nothing is filed until the link is used, and points are only deducted once our team approves the request.",
  ],
};

function successFor(formType: FormType): SuccessDetails {
  return formType === "redemption" ? REDEMPTION_LINK_SENT : NEXT_STEPS[formType];
}

/**
 * A request to spend points names an address, which proves nothing: the request goes to
 * that inbox as a one-time link, and is filed only when the link is used
 * (lib/referrals/redemption.ts). Nothing is sent to an address without points, and the
 * answer is the same either way.
 */
async function requestRedemptionLink(
  deps: SubmissionDeps,
  input: RedemptionInput,
  attribution: Attribution,
  ctx: SubmissionContext,
  token: string | undefined,
  now: Date,
): Promise<void> {
  const contact = await deps.db.contact.findUnique({ where: { email: input.email }, select: { id: true, name: true, email: true } });
  if (!contact?.email) return;
  const balance = await pointsBalance(deps.db, contact.id);
  if (balance.pending === 0 && balance.confirmed === 0) return;
  const payload = { request: input, attribution, firstTouch: ctx.firstTouch ?? {}, submissionToken: token ?? null, requestedAt: now.toISOString() };
  const summary = summarizeSubmission("redemption", input as Record<string, unknown>).filter((r) => r.label !== "Email");
  const issued = await saveWithRetries(deps.db, input.email, undefined, async (tx) => {
    // A double click sends one link.
    if (token) {
      const recent = await tx.ownershipToken.findMany({
        where: { email: contact.email!, purpose: "redemption", createdAt: { gt: new Date(now.getTime() - 60 * 60_000) } },
        select: { payload: true },
      });
      if (recent.some((r) => r.payload?.includes(`"submissionToken":"${token}"`))) return null;
    }
    return issueOwnershipLink(tx, { email: contact.email!, contactId: contact.id, purpose: "redemption", payload, name: contact.name, summary, siteUrl: deps.siteUrl, now });
  });
  if (issued) deps.onQueued?.();
}
