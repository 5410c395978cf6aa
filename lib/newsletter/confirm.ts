import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import { issueDiscountCode, type IssuedCode } from "../discounts/issue";
import { normalizeEmailForCode } from "../discounts/normalize-email";
import { queueEmail } from "../email/outbox";
import type { ConfirmationEmailData } from "../email/template-data";
import { hashOwnershipToken, OWNERSHIP_TOKEN_PATTERN } from "../ownership/tokens";

type Tx = Prisma.TransactionClient;

/** What the confirmation page shows: the code, or (for someone already enrolled) none. */
export type ConfirmedView =
  | { kind: "code"; code: string; percent: number; expiresAt: Date; programSlugs: string[]; used: boolean }
  | { kind: "student" }
  /** Confirmed, but the subscription is gone (erased) or the address is not the contact's any more. */
  | { kind: "subscribed" };

function programSlugsOf(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === "string") : [];
  } catch {
    return [];
  }
}

const view = (code: IssuedCode): ConfirmedView => ({
  kind: "code",
  code: code.code,
  percent: code.percent,
  expiresAt: code.expiresAt,
  programSlugs: code.programSlugs,
  used: code.usedAt !== null,
});

/**
 * The newsletter confirmation link was used (in the transaction that spends it, so this runs
 * once per link however many clicks race): the subscription is confirmed, an earlier
 * unsubscribe is lifted, the person's code is issued (one per normalised address; none for
 * an enrolled student) and the welcome email with the code is queued, once per contact.
 */
export async function confirmSubscription(tx: Tx, input: { contactId: string; email: string; now: Date }): Promise<ConfirmedView> {
  const { contactId, email, now } = input;
  const sub = await tx.newsletterSubscription.findUnique({ where: { contactId } });
  const contact = await tx.contact.findUnique({ where: { id: contactId }, select: { email: true, name: true } });
  if (!sub || !contact || contact.email !== email) return { kind: "subscribed" };
  await tx.newsletterSubscription.updateMany({ where: { id: sub.id, confirmedAt: null }, data: { confirmedAt: now, unsubscribedAt: null } });
  // The person proved the address and asked for the newsletter: an unsubscribe of theirs no
  // longer stands. Bounces and complaints do (lib/email/webhook.ts).
  await tx.emailSuppression.deleteMany({ where: { address: email, reason: "unsubscribe" } });
  if (!(await tx.emailSuppression.findUnique({ where: { address: email }, select: { id: true } }))) {
    await tx.contact.updateMany({ where: { id: contactId, marketingOptOutAt: { not: null } }, data: { marketingOptOutAt: null } });
  }

  const issued = await issueDiscountCode(tx, { contactId, email, now });
  const lead = await tx.lead.findFirst({ where: { contactId, formType: "newsletter" }, orderBy: { createdAt: "desc" }, select: { id: true } });
  const data: ConfirmationEmailData = {
    leadId: lead?.id ?? "",
    formType: "newsletter",
    name: contact.name,
    summary: [{ label: "Email", value: email }],
    ...(issued.ok
      ? { discountCode: issued.discount.code, discountPercent: issued.discount.percent, discountExpiresAt: issued.discount.expiresAt.toISOString() }
      : {}),
  };
  await queueEmail(tx, {
    to: email,
    template: "newsletter-welcome",
    data,
    category: "transactional",
    unsubscribable: true,
    // Once per person, ever: a second link (after an unsubscribe) shows the code on the page.
    idempotencyKey: `newsletter:${contactId}:welcome`,
    leadId: lead?.id,
    contactId,
  });
  return issued.ok ? view(issued.discount) : { kind: "student" };
}

/**
 * The page a used confirmation link opens (again): what confirming gave, looked up from the
 * link itself. Only a used, unexpired newsletter link shows anything, so the secret in the
 * link is what reveals the code, as in the email.
 */
export async function confirmedView(db: Db, token: string, now: Date): Promise<ConfirmedView | null> {
  if (!OWNERSHIP_TOKEN_PATTERN.test(token)) return null;
  const row = await db.ownershipToken.findUnique({ where: { tokenHash: hashOwnershipToken(token) } });
  if (!row || row.purpose !== "newsletter-confirm" || !row.usedAt || row.expiresAt <= now || !row.contactId) return null;
  const enrolled = await db.lead.findFirst({ where: { contactId: row.contactId, status: "enrolled" }, select: { id: true } });
  if (enrolled) return { kind: "student" };
  const code = await db.discountCode.findUnique({ where: { normalizedEmail: normalizeEmailForCode(row.email) } });
  if (!code) return { kind: "subscribed" };
  return {
    kind: "code",
    code: code.code,
    percent: code.percent,
    expiresAt: code.expiresAt,
    programSlugs: programSlugsOf(code.programSlugs),
    used: code.usedAt !== null,
  };
}
