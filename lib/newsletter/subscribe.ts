import type { Prisma } from "../generated/prisma/client";
import { newDiscountCode } from "../leads/codes";
import { CONSENT } from "../leads/consent";
import { consentDocumentVersions } from "../legal/consent";

/**
 * A newsletter sign-up, in the lead's transaction. Subscribing again keeps the same code; a
 * past unsubscribe is undone with fresh consent (never a complaint or a bounce).
 */
export async function subscribe(tx: Prisma.TransactionClient, contactId: string, email: string | null, now: Date) {
  const consent = CONSENT.newsletter;
  const { privacyVersion } = consentDocumentVersions("newsletter", now);
  let sub = await tx.newsletterSubscription.findUnique({ where: { contactId } });
  if (!sub) {
    sub = await tx.newsletterSubscription.create({
      data: { contactId, discountCode: newDiscountCode(20), consentVersion: consent.version, consentText: consent.text, consentAt: now, privacyVersion },
    });
  } else if (sub.unsubscribedAt) {
    sub = await tx.newsletterSubscription.update({
      where: { id: sub.id },
      data: { unsubscribedAt: null, consentVersion: consent.version, consentText: consent.text, consentAt: now, privacyVersion },
    });
  }
  if (email) {
    await tx.emailSuppression.deleteMany({ where: { address: email, reason: "unsubscribe" } });
    if (!(await tx.emailSuppression.findUnique({ where: { address: email }, select: { id: true } }))) {
      await tx.contact.updateMany({ where: { id: contactId, marketingOptOutAt: { not: null } }, data: { marketingOptOutAt: null } });
    }
  }
  return { discountCode: sub.discountCode, discountPercent: sub.discountPercent };
}
