import type { Prisma } from "../generated/prisma/client";
import { confirmFriendPoints, type ConfirmOutcome } from "../referrals/confirm";
import type { Signal } from "../referrals/fraud";

type Tx = Prisma.TransactionClient;

/**
 * Someone used a link from their inbox: the address is theirs. Records it, and confirms
 * the points their referrer was waiting for (or holds them for review, lib/referrals/confirm.ts).
 */
export async function markAddressProven(tx: Tx, contactId: string, signal: Signal): Promise<ConfirmOutcome> {
  await tx.contact.updateMany({ where: { id: contactId, emailVerifiedAt: null }, data: { emailVerifiedAt: signal.at } });
  await tx.contact.updateMany({ where: { id: contactId, respondedAt: null }, data: { respondedAt: signal.at } });
  return confirmFriendPoints(tx, contactId, signal);
}
