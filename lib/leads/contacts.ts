import type { Prisma } from "../generated/prisma/client";
import { newReferralCode } from "./codes";

type Tx = Prisma.TransactionClient;

export type ContactRow = Awaited<ReturnType<Tx["contact"]["create"]>>;

/**
 * Finds the person a submission is from (by email, else by phone) or creates them.
 *
 * A typed email address proves nothing, so a submission never overwrites what the contact
 * already holds: it only fills what is missing. The one exception is a name typed by the
 * friend who referred this person ("referrer"), which their own first form replaces. Staff
 * can confirm the details in the console; every submission keeps its own values on its lead.
 */
export async function findOrCreateContact(
  tx: Tx,
  who: { email?: string; phone?: string; name?: string },
  now: Date,
): Promise<{ contact: ContactRow; created: boolean }> {
  const existing = who.email
    ? await tx.contact.findUnique({ where: { email: who.email } })
    : who.phone
      ? await tx.contact.findFirst({ where: { phone: who.phone }, orderBy: { createdAt: "asc" } })
      : null;
  if (existing) {
    const patch: Prisma.ContactUpdateInput = {};
    if (who.name && (!existing.name || existing.nameSource === "referrer")) {
      patch.name = who.name;
      patch.nameSource = "submission";
    }
    if (who.phone && !existing.phone) patch.phone = who.phone;
    if (!existing.respondedAt) patch.respondedAt = now;
    const contact = Object.keys(patch).length ? await tx.contact.update({ where: { id: existing.id }, data: patch }) : existing;
    return { contact, created: false };
  }
  const contact = await tx.contact.create({
    data: {
      email: who.email,
      phone: who.phone,
      name: who.name,
      nameSource: who.name ? "submission" : null,
      referralCode: newReferralCode(),
      respondedAt: now,
    },
  });
  return { contact, created: true };
}
