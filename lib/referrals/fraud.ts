import { createRequire } from "node:module";
import type { Prisma } from "../generated/prisma/client";

// The list's entry is a JSON file: required, not imported, because Node 20 refuses to import()
// JSON without an import attribute (Playwright's loader and Node's own ESM loader hit that).
// Next's bundler follows createRequire(import.meta.url) and bundles the list.
const requireList = createRequire(import.meta.url);

type Tx = Prisma.TransactionClient;

/**
 * Signs that a "friend" may be the referrer under another address: they signed up from the
 * referrer's own IP address or browser, close in time. These hold the points for a person
 * to look at; they never block anything by themselves.
 */
export const SAME_SOURCE_WINDOW_HOURS = 24;

export type FraudCode = "same_ip" | "same_browser" | "similar_address" | "disposable_domain" | "many_referrals";
export type FraudReason = { code: FraudCode; text: string };

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

/** The Levenshtein distance between two strings (by code point), or `cap + 1` once it is sure to exceed `cap`. */
export function editDistance(a: string, b: string, cap = Infinity): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (Math.abs(x.length - y.length) > cap) return cap + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]);
    }
    if (best > cap) return cap + 1;
    prev = row;
  }
  return prev[y.length];
}

/** Domains that deliver to the same inboxes. */
const SAME_DOMAIN: Record<string, string> = { "googlemail.com": "gmail.com" };

function splitAddress(address: string): { local: string; domain: string } | null {
  const at = address.lastIndexOf("@");
  if (at < 1 || at === address.length - 1) return null;
  const domain = address.slice(at + 1).toLowerCase();
  return { local: address.slice(0, at).toLowerCase(), domain: SAME_DOMAIN[domain] ?? domain };
}

/** The part of a local part most providers deliver on: no "+tag", no dots ("t.a.ylor+x" → "taylor"). */
export function baseLocalPart(local: string): string {
  return local.toLowerCase().split("+")[0].replaceAll(".", "");
}

/** Shortest local part (after removing dots and "+tag") for which a small edit distance means anything. */
export const EDIT_DISTANCE_MIN_LENGTH = 4;

/**
 * A friend's address that looks like another address of the referrer's, at the same domain:
 * the same inbox once "+tag" and dots are removed, or a local part one or two edits away
 * ("taylor" and "tayl0r", "taylor1"). Different domains are never "similar".
 */
export function similarAddressReason(referrerEmail: string | null | undefined, friendEmail: string | null | undefined): FraudReason | null {
  if (!referrerEmail || !friendEmail) return null;
  const r = splitAddress(referrerEmail);
  const f = splitAddress(friendEmail);
  if (!r || !f || r.domain !== f.domain || r.local === f.local) return null;
  const rb = baseLocalPart(r.local);
  const fb = baseLocalPart(f.local);
  if (rb === fb) {
    return { code: "similar_address", text: `The friend's address is the referrer's own once "+" tags and dots are removed (both ${rb}@${r.domain}).` };
  }
  if (Math.min(rb.length, fb.length) < EDIT_DISTANCE_MIN_LENGTH) return null;
  const d = editDistance(rb, fb, 2);
  if (d <= 2) {
    return {
      code: "similar_address",
      text: `The friend's address differs from the referrer's by ${d === 1 ? "one character" : "two characters"} before the @, at the same domain.`,
    };
  }
  return null;
}

let disposable: Set<string> | undefined;

/**
 * Whether an address (or a domain) belongs to a throwaway-inbox service, from the
 * disposable-email-domains list installed with the project (no outside service is asked).
 * A subdomain of a listed domain counts too.
 */
export function isDisposableAddress(emailOrDomain: string): boolean {
  disposable ??= new Set(requireList("disposable-email-domains") as string[]);
  const domain = emailOrDomain.slice(emailOrDomain.lastIndexOf("@") + 1).toLowerCase();
  const labels = domain.split(".");
  for (let i = 0; i < labels.length - 1; i++) if (disposable.has(labels.slice(i).join("."))) return true;
  return false;
}

export function disposableReason(friendEmail: string | null | undefined): FraudReason | null {
  if (!friendEmail || !isDisposableAddress(friendEmail)) return null;
  const domain = friendEmail.slice(friendEmail.lastIndexOf("@") + 1).toLowerCase();
  return { code: "disposable_domain", text: `The friend's address is at ${domain}, a throwaway-inbox service.` };
}

/**
 * More than `limit` friends referred by one person within an hour of this one (this friend
 * included; friends listed on one form count together). The rows are the friends' contacts,
 * created when the referral was recorded.
 */
export async function burstReason(tx: Tx, referrerId: string, friend: { createdAt: Date }, limit: number): Promise<FraudReason | null> {
  const from = new Date(friend.createdAt.getTime() - 3600_000);
  const count = await tx.contact.count({ where: { referredById: referrerId, createdAt: { gte: from, lte: friend.createdAt } } });
  if (count <= limit) return null;
  return { code: "many_referrals", text: `The referrer referred ${count} people within an hour; more than ${limit} in an hour are reviewed.` };
}

/**
 * Every reason to hold this friend's points for a person to look at. None blocks anything:
 * the hard blocks (referring yourself, an existing contact, someone already referred) are
 * where referrals are recorded (lib/referrals/invite-friends.ts, lib/leads/pipeline.ts).
 */
export async function referralReasons(tx: Tx, referrerId: string, friendId: string, signal: Signal, hourlyLimit: number): Promise<FraudReason[]> {
  const [referrer, friend] = await Promise.all([
    tx.contact.findUnique({ where: { id: referrerId }, select: { email: true } }),
    tx.contact.findUnique({ where: { id: friendId }, select: { email: true, createdAt: true } }),
  ]);
  const reasons = await sameSourceReasons(tx, referrerId, friendId, signal);
  if (!friend) return reasons;
  const similar = similarAddressReason(referrer?.email, friend.email);
  const throwaway = disposableReason(friend.email);
  const burst = await burstReason(tx, referrerId, friend, hourlyLimit);
  return [...reasons, ...[similar, throwaway, burst].filter((r): r is FraudReason => r !== null)];
}
