import type { Prisma } from "../generated/prisma/client";
import { settleFriendPoints, type ConfirmOutcome } from "../referrals/confirm";
import type { Signal } from "../referrals/fraud";

type Tx = Prisma.TransactionClient;

/**
 * Someone used a link from their inbox: the address is theirs. Records it, and confirms
 * the points their referrer was waiting for if the referral rules are met (or holds them
 * for review, lib/referrals/confirm.ts).
 */
export async function markAddressProven(tx: Tx, contactId: string, signal: Signal): Promise<ConfirmOutcome> {
  await tx.contact.updateMany({ where: { id: contactId, emailVerifiedAt: null }, data: { emailVerifiedAt: signal.at } });
  await tx.contact.updateMany({ where: { id: contactId, respondedAt: null }, data: { respondedAt: signal.at } });
  return settleFriendPoints(tx, contactId, signal);
}
