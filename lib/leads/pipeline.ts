import type { FirstTouch } from "../attribution-cookies";
import type { Db } from "../db";
import { dialectOf } from "../db/dialect";
import { at, newId, sqlInTransaction, sqlOutside, type Sql } from "../db/sql";
import { queueNewEmails, type EmailTemplate, type QueuedEmail } from "../email/outbox";
import { attributionRows } from "../email/summary";
import type { ConfirmationEmailData, StaffNewLeadData } from "../email/template-data";
import type { Prisma } from "../generated/prisma/client";
import { consentDocumentVersions } from "../legal/consent";
import { attributionSchema, type Attribution } from "../forms/fields";
import { formDefinition, postedForm, type FormType, type LeadType } from "../forms/registry";
import { successDetails, type ConfirmationExtras, type PostedFormDefinition, type SummaryNames } from "../forms/types";
import { bookCallHref } from "../booking/attach";
import { issueOwnershipLink } from "../ownership/tokens";
import type { FormRateLimiter } from "../rate-limit";
import { settleFriendPoints } from "../referrals/confirm";
import { awardReferralPoints } from "../referrals/points";
import { hashIp } from "../security/fingerprint";
import { SUBMISSION_TOKEN_PATTERN } from "./codes";
import { CONSENT } from "./consent";
import { findOrCreateContact } from "./contacts";
import { FieldError, fieldErrorsFrom, isUniqueViolation } from "./errors";
import type { SuccessDetails } from "./form-state";
import { nameSearchKeys } from "./search-keys";

/**
 * The shared pipeline every form goes through (each form's own part is its definition in
 * lib/forms/<form>/definition.tsx):
 * 1. submitLead: the honeypot, the form's schema, the submission token, the rate limit;
 * 2. saveLead: the form's checks against the database, then one transaction with the
 *    contact, the lead and its submission row, the form's hook, and the outbox rows.
 */

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
  | { kind: "saved"; leadId: string; created: boolean; success: SuccessDetails; bookCallHref?: string }
  /** Answered without filing anything yet: a redemption request waits for its ownership link. */
  | { kind: "accepted"; success: SuccessDetails }
  /** The honeypot was filled: the caller shows an ordinary success, nothing was stored. */
  | { kind: "ignored" }
  | { kind: "invalid"; fieldErrors: Record<string, string> }
  | { kind: "rate_limited"; retryAfterSeconds: number };

/**
 * One form submission, for every form: the honeypot, the form's schema, the submission
 * token, the rate limit, then the form's own `accept` or the shared save (lib/leads/save.ts).
 *
 * The answer never depends on whether the email address is already known: anything
 * personal goes to that inbox, and requests that act on what an address owns wait for its
 * ownership link.
 */
export async function submitLead(deps: SubmissionDeps, formType: FormType, raw: Record<string, unknown>, ctx: SubmissionContext): Promise<SubmitOutcome> {
  const now = ctx.now ?? new Date();
  const form = postedForm(formType);

  // Bots fill every field; people never see this one. Pretend it worked, store nothing.
  if (typeof raw.website === "string" && raw.website.trim() !== "") return { kind: "ignored" };

  const parsed = form.schema.safeParse(raw);
  if (!parsed.success) return { kind: "invalid", fieldErrors: fieldErrorsFrom(parsed.error.issues) };
  const input = parsed.data;
  const attribution = attributionSchema.parse(raw);
  const token = typeof raw.submissionToken === "string" && SUBMISSION_TOKEN_PATTERN.test(raw.submissionToken) ? raw.submissionToken : undefined;
  const success = successDetails(form);

  // A re-sent submission (double click, browser retry) is answered from what it saved.
  const saved = async () => {
    if (!token) return undefined;
    const sql = sqlOutside(deps.db);
    return sql.first(sql.q.selectFrom("LeadSubmission").select("leadId").where("submissionToken", "=", token).compile());
  };
  if (!form.accept) {
    const existing = await saved();
    if (existing) return { kind: "saved", leadId: existing.leadId, created: false, success, ...bookCallLink(form, input, existing.leadId) };
  }

  const i = input as { email?: string; phone?: string };
  const verdict = await deps.limiter.consume(formType, { ip: ctx.ip, identity: i.email ?? i.phone });
  if (!verdict.ok) return { kind: "rate_limited", retryAfterSeconds: verdict.retryAfterSeconds };

  if (form.accept) {
    try {
      await form.accept.run({ deps, input, attribution, ctx, token, now });
    } catch (error) {
      if (error instanceof FieldError) return { kind: "invalid", fieldErrors: { [error.field]: error.message } };
      throw error;
    }
    return { kind: "accepted", success: form.accept.answer };
  }

  try {
    const { extras, ...result } = await saveLead(deps, { formType, input, attribution, token }, ctx, now);
    return { kind: "saved", ...result, success: form.answer?.(extras) ?? success, ...bookCallLink(form, input, result.leadId) };
  } catch (error) {
    if (error instanceof FieldError) return { kind: "invalid", fieldErrors: { [error.field]: error.message } };
    // Two requests with the same token raced: the other one saved the lead.
    if (token && isUniqueViolation(error)) {
      const existing = await saved();
      if (existing) return { kind: "saved", leadId: existing.leadId, created: false, success, ...bookCallLink(form, input, existing.leadId) };
    }
    throw error;
  }
}

/**
 * "Book your call now" on the success panel of a form that offers it, signed for the lead the
 * post was saved to, new or revised alike (lib/booking/attach.ts).
 */
function bookCallLink(form: PostedFormDefinition<Record<string, unknown>>, input: Record<string, unknown>, leadId: string) {
  if (!form.bookCall) return {};
  return { bookCallHref: bookCallHref({ leadId, programSlug: form.columns?.(input).programSlug, callType: form.bookCall.callType }) };
}

/** The same person sending the same form again within this window adds a revision to their lead. */
export const UPDATE_WINDOW_MINUTES = 10;

type Tx = Prisma.TransactionClient;

export type LeadToSave = {
  formType: LeadType;
  /** The validated input (the form's schema output). */
  input: Record<string, unknown>;
  attribution: Partial<Attribution>;
  token?: string;
};

const TX_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;

/**
 * Saves a validated submission: the form's checks against the database, then one
 * transaction with the contact, the lead, its submission row, the form's own work
 * (invitations, a subscription) and the outbox rows. Wakes the dispatcher after.
 */
export async function saveLead(
  deps: SubmissionDeps,
  lead: LeadToSave,
  ctx: SubmissionContext,
  now: Date,
  /** Runs first inside the transaction (e.g. spending an ownership link); throwing aborts it all. */
  before?: (tx: Tx) => Promise<void>,
): Promise<{ leadId: string; created: boolean; extras: ConfirmationExtras }> {
  const form = formDefinition(lead.formType);
  const checked = (await form.check?.(deps.db, lead.input, now)) ?? {};
  const names: SummaryNames = { programs: deps.programNames ? await deps.programNames().catch(() => undefined) : undefined, cohort: checked.cohort };
  const staffTo = await deps.staffRecipients(lead.formType);
  const i = lead.input as { email?: string; phone?: string };
  const result = await saveWithRetries(deps.db, i.email ?? i.phone, lead.token, async (tx, sql) => {
    await before?.(tx);
    return saveSubmission(tx, sql, deps, lead, ctx, now, names, staffTo);
  });
  if (result.queued) deps.onQueued?.();
  return { leadId: result.leadId, created: result.created, extras: result.extras };
}

/**
 * SQLite runs one write transaction at a time, so the read-decide-write steps inside see a
 * stable database. On PostgreSQL the submission runs READ COMMITTED behind a
 * transaction-scoped advisory lock on the person (their email, else their phone): one
 * person's submissions queue, different people never wait for each other. What two people
 * can still race for is backed by a unique constraint; losing such a race aborts with P2002
 * and the transaction runs again, then finding the other side's row.
 */
const UNIQUE_RACE_ATTEMPTS = 4;

export async function saveWithRetries<T>(
  db: Db,
  identity: string | undefined,
  token: string | undefined,
  /** `sql`: typed SQL in the same transaction (lib/db/sql.ts). */
  save: (tx: Tx, sql: Sql) => Promise<T>,
): Promise<T> {
  const dialect = dialectOf(db);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(
        async (tx) => {
          if (identity) await dialect.lockPerson(tx, identity);
          return save(tx, sqlInTransaction(db, tx));
        },
        { ...TX_OPTIONS, ...dialect.readCommitted },
      );
    } catch (error) {
      if (!dialect.parallelWriters || !isUniqueViolation(error) || attempt >= UNIQUE_RACE_ATTEMPTS) throw error;
      // The same token saved by a concurrent request is settled by the caller, not retried.
      if (token && (await db.leadSubmission.findUnique({ where: { submissionToken: token }, select: { id: true } }))) throw error;
    }
  }
}

/** Whether someone's referrer has points waiting for this person to prove their address. */
async function hasPendingAward(sql: Sql, contactId: string): Promise<boolean> {
  const keys = await sql.all(
    sql.q
      .selectFrom("PointsEntry")
      .select("key")
      .where("key", "in", [`referral:${contactId}:pending`, `referral:${contactId}:confirmed`, `referral:${contactId}:rejected`])
      .compile(),
  );
  return keys.length === 1 && keys[0].key.endsWith(":pending");
}

/** The programs a submission names: the form's own list, else the program in its columns. */
export function leadPrograms<I>(form: { programs?(input: I): string[]; columns?(input: I): { programSlug?: string | null } }, input: I): string[] {
  if (form.programs) return [...new Set(form.programs(input))];
  const one = form.columns?.(input).programSlug;
  return one ? [one] : [];
}

async function saveSubmission(
  tx: Tx,
  sql: Sql,
  deps: SubmissionDeps,
  toSave: LeadToSave,
  ctx: SubmissionContext,
  now: Date,
  names: SummaryNames,
  staffTo: readonly string[],
): Promise<{ leadId: string; created: boolean; queued: boolean; extras: ConfirmationExtras }> {
  const { formType, input, attribution, token } = toSave;
  const { q } = sql;
  const form = formDefinition(formType);
  const i = input as { name?: string | null; email?: string; phone?: string };
  // An invitation's "yes" names nobody: the name on it is the one the referrer typed.
  const who = formType === "invite" ? { email: i.email } : { email: i.email, phone: i.phone, name: i.name ?? undefined };
  const { contact, created: contactCreated } = await findOrCreateContact(sql, who, now);

  // Referral link: a new person who arrived through someone's code is that person's
  // referral. Someone we already know is never re-attributed, and nobody refers themselves.
  // A typed code (checked here, in the transaction) comes first: a referral code typed on
  // the form counts as that person's link; a discount code is stored on the lead.
  const typed = (await form.code?.(tx, input, now)) ?? {};
  const touch = ctx.firstTouch ?? {};
  const code = typed.referralCode ?? attribution.ref ?? touch.ref;
  const referrer = code && contactCreated ? await sql.first(q.selectFrom("Contact").select("id").where("referralCode", "=", code).compile()) : undefined;
  const newlyReferredBy = referrer && referrer.id !== contact.id ? referrer.id : null;

  const consent = CONSENT[form.consent];
  const columns = { name: i.name ?? null, email: i.email ?? null, phone: i.phone ?? null };
  const documents = consentDocumentVersions(form.consent, now);
  const submission = {
    ...columns,
    fields: JSON.stringify(input),
    consentVersion: consent.version,
    consentText: consent.text,
    consentAt: at(now),
    privacyVersion: documents.privacyVersion ?? null,
    termsVersion: documents.termsVersion ?? null,
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
  const submissionRow = (leadId: string, revision: number) => ({
    ...submission,
    ...fingerprint,
    id: newId(),
    leadId,
    contactId: contact.id,
    revision,
    submissionToken: token ?? null,
    createdAt: at(now),
  });

  // The same person sending the same form again shortly after adds a revision to that lead;
  // nothing already stored changes. A decided redemption is settled: never reopened.
  const recent = contactCreated
    ? undefined
    : await sql.first(
        q
          .selectFrom("Lead")
          .select("id")
          .where("contactId", "=", contact.id)
          .where("formType", "=", formType)
          .where("decision", "is", null)
          .where("createdAt", ">=", at(new Date(now.getTime() - UPDATE_WINDOW_MINUTES * 60_000)))
          .orderBy("createdAt", "desc")
          .limit(1)
          .compile(),
      );
  let leadId: string;
  if (recent) {
    const updated = await sql.first(
      q
        .updateTable("Lead")
        .set((eb) => ({ revision: eb("revision", "+", 1), updatedAt: at(now) }))
        .where("id", "=", recent.id)
        .returning("revision")
        .compile(),
    );
    await sql.run(
      q
        .insertInto("LeadSubmission")
        .values(submissionRow(recent.id, Number(updated?.revision)))
        .compile(),
    );
    leadId = recent.id;
    // A code added in a revision is kept; one already on the lead is never replaced.
    if (typed.discountCodeId) {
      await sql.run(q.updateTable("Lead").set({ discountCodeId: typed.discountCodeId }).where("id", "=", leadId).where("discountCodeId", "is", null).compile());
    }
  } else {
    leadId = newId();
    await sql.run(
      q
        .insertInto("Lead")
        .values({
          ...submission,
          id: leadId,
          programSlug: null,
          cohortId: null,
          ...form.columns?.(input),
          ...nameSearchKeys(columns.name),
          contactId: contact.id,
          formType,
          status: "new",
          submissionToken: token ?? null,
          referredById: contact.referredById ?? newlyReferredBy,
          discountCodeId: typed.discountCodeId ?? null,
          revision: 1,
          createdAt: at(now),
          updatedAt: at(now),
        })
        .compile(),
    );
    await sql.run(q.insertInto("LeadSubmission").values(submissionRow(leadId, 1)).compile());
    const programs = leadPrograms(form, input);
    if (programs.length)
      await sql.run(
        q
          .insertInto("LeadProgram")
          .values(programs.map((programSlug) => ({ id: newId(), leadId, programSlug })))
          .compile(),
      );
  }

  if (newlyReferredBy) {
    await sql.run(
      q
        .updateTable("Contact")
        .set({ referredById: newlyReferredBy, updatedAt: at(now) })
        .where("id", "=", contact.id)
        .compile(),
    );
    await awardReferralPoints(tx, { referrerId: newlyReferredBy, friendId: contact.id, leadId, now });
  }

  const extras: ConfirmationExtras = (await form.afterSave?.({ tx, deps, contact, leadId, input, now, revision: Boolean(recent), ctx })) ?? {};
  // An application (/apply) may confirm the referrer's points for this person (lib/referrals/rules.ts).
  if (formType === "enroll" && (contact.referredById ?? newlyReferredBy)) await settleFriendPoints(tx, contact.id, { ...fingerprint, at: now });

  // A revision emails nobody again: the lead's emails are keyed by its id.
  if (recent) return { leadId, created: false, queued: false, extras };

  const summary = form.summary(input, names);
  const emails: QueuedEmail[] = [];
  if (contact.email && !form.ownEmail) {
    // Someone whose referrer earns points for them is asked to prove the address: filling in
    // a form does not, so it confirms nothing by itself.
    const verify =
      formType !== "invite" && !contact.emailVerifiedAt && (await hasPendingAward(sql, contact.id))
        ? await issueOwnershipLink(tx, { email: contact.email, contactId: contact.id, purpose: "verify-email", name: contact.name, siteUrl: deps.siteUrl, now })
        : null;
    const data: ConfirmationEmailData = {
      leadId,
      formType,
      name: contact.name,
      summary,
      ...extras,
      ...(verify ? { verifyUrl: verify.url } : {}),
    };
    emails.push({
      to: contact.email,
      template: form.email.template as EmailTemplate,
      data,
      category: "transactional",
      unsubscribable: "unsubscribe" in form.email,
      idempotencyKey: `lead:${leadId}:confirmation`,
      leadId,
      contactId: contact.id,
    });
  }
  const staffData: StaffNewLeadData = {
    leadId,
    formType,
    label: form.label,
    name: columns.name,
    email: columns.email,
    phone: columns.phone,
    summary,
    attribution: attributionRows(submission),
    consoleUrl: `${deps.siteUrl}/console/leads/${leadId}`,
  };
  for (const [n, to] of staffTo.entries()) {
    emails.push({ to, template: "staff-new-lead", data: staffData, category: "transactional", idempotencyKey: `lead:${leadId}:staff:${n}`, leadId });
  }
  await queueNewEmails(sql, emails);
  return { leadId, created: true, queued: true, extras };
}
