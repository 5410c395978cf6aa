import type { Prisma } from "../generated/prisma/client";

type Tx = Prisma.TransactionClient;

/**
 * Signs that a "friend" may be the referrer under another address: they signed up from the
 * referrer's own IP address or browser, close in time. These hold the points for a person
 * to look at; they never block anything by themselves.
 */
export const SAME_SOURCE_WINDOW_HOURS = 24;

export type FraudReason = { code: "same_ip" | "same_browser"; text: string };

/** Where a request came from: the keyed IP hash and the browser id (lib/security/fingerprint.ts). */
export type Signal = { ipHash?: string | null; visitorId?: string | null; at: Date };

export async function sameSourceReasons(tx: Tx, referrerId: string, friendId: string, now: Signal): Promise<FraudReason[]> {
  const friendRows = await tx.leadSubmission.findMany({
    where: { contactId: friendId },
    select: { ipHash: true, visitorId: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take: 50,
  });
  const friend: Signal[] = [now, ...friendRows.map((r) => ({ ipHash: r.ipHash, visitorId: r.visitorId, at: r.createdAt }))].filter(
    (s) => s.ipHash || s.visitorId,
  );
  if (friend.length === 0) return [];
  const window = SAME_SOURCE_WINDOW_HOURS * 3600_000;
  const times = friend.map((s) => s.at.getTime());
  const referrer = await tx.leadSubmission.findMany({
    where: { contactId: referrerId, createdAt: { gte: new Date(Math.min(...times) - window), lte: new Date(Math.max(...times) + window) } },
    select: { ipHash: true, visitorId: true, createdAt: true },
    take: 200,
  });
  let ip = false;
  let browser = false;
  for (const f of friend) {
    for (const r of referrer) {
      if (Math.abs(r.createdAt.getTime() - f.at.getTime()) > window) continue;
      if (f.ipHash && r.ipHash === f.ipHash) ip = true;
      if (f.visitorId && r.visitorId === f.visitorId) browser = true;
    }
  }
  const reasons: FraudReason[] = [];
  if (ip) reasons.push({ code: "same_ip", text: `Signed up from the referrer's IP address within ${SAME_SOURCE_WINDOW_HOURS} hours of the referrer.` });
  if (browser)
    reasons.push({ code: "same_browser", text: `Signed up from the referrer's own browser within ${SAME_SOURCE_WINDOW_HOURS} hours of the referrer.` });
  return reasons;
}
