import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import { normalizeEmailForCode } from "../discounts/normalize-email";
import { clampPage, newestPage, pageCount } from "./paging";

/**
 * Newsletter subscribers with their discount codes, for the console. Sign-ups are double
 * opt-in: "waiting" until the person uses the confirmation link, then "confirmed" (and only
 * then do they get a code, and any email besides the confirmation).
 */

export const SUBSCRIBERS_PAGE_SIZE = 50;
export const SUBSCRIBER_STATUSES = ["confirmed", "waiting", "unsubscribed"] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

export type SubscriberFilter = { status?: SubscriberStatus; q?: string; page?: number };

export type SubscriberRow = {
  id: string;
  contactId: string;
  email: string | null;
  name: string | null;
  /** The person's code (shared by aliases of one inbox); null until the sign-up is confirmed, and for students. */
  discount: { code: string; percent: number; expiresAt: Date; usedAt: Date | null } | null;
  subscribedAt: Date;
  /** When the confirmation link was used; null while waiting. */
  confirmedAt: Date | null;
  /** The last confirmation email queued. */
  confirmationSentAt: Date | null;
  unsubscribedAt: Date | null;
  consentVersion: string;
  consentAt: Date;
  /** Set when the address may not get marketing email for another reason (bounce, complaint). */
  suppression: { scope: string; reason: string } | null;
};

export type SubscriberList = {
  rows: SubscriberRow[];
  /** Rows matching the filter and search. */
  total: number;
  page: number;
  pages: number;
  /** All subscriptions by state, regardless of filter and search. */
  totals: { all: number; confirmed: number; waiting: number; unsubscribed: number };
};

/** The start of an email address, normalised as stored (trimmed, lower-cased); empty means none. */
export function normalizeEmailPrefix(q: string | undefined | null): string | undefined {
  const term = (q ?? "").normalize("NFKC").trim().toLowerCase().slice(0, 254);
  return term || undefined;
}

export function subscriberWhere(f: SubscriberFilter): Prisma.NewsletterSubscriptionWhereInput {
  const and: Prisma.NewsletterSubscriptionWhereInput[] = [];
  if (f.status === "confirmed") and.push({ unsubscribedAt: null, confirmedAt: { not: null } });
  if (f.status === "waiting") and.push({ unsubscribedAt: null, confirmedAt: null });
  if (f.status === "unsubscribed") and.push({ unsubscribedAt: { not: null } });
  const q = normalizeEmailPrefix(f.q);
  // A range on the unique email index rather than LIKE, so the search stays an index lookup.
  if (q) and.push({ contact: { is: { email: { gte: q, lt: `${q}\uffff` } } } });
  return and.length ? { AND: and } : {};
}

/** Subscriptions newest first, 50 a page (offset pagination, with totals). */
export async function listSubscribers(db: Db, f: SubscriberFilter = {}): Promise<SubscriberList> {
  const page = clampPage(f.page);
  const where = subscriberWhere(f);
  const [total, all, unsubscribed, waiting, subs] = await Promise.all([
    db.newsletterSubscription.count({ where }),
    db.newsletterSubscription.count(),
    db.newsletterSubscription.count({ where: { unsubscribedAt: { not: null } } }),
    db.newsletterSubscription.count({ where: { unsubscribedAt: null, confirmedAt: null } }),
    db.newsletterSubscription.findMany({
      where,
      ...newestPage(page, SUBSCRIBERS_PAGE_SIZE),
      select: {
        id: true,
        contactId: true,
        createdAt: true,
        confirmedAt: true,
        confirmationSentAt: true,
        unsubscribedAt: true,
        consentVersion: true,
        consentAt: true,
        contact: { select: { email: true, name: true } },
      },
    }),
  ]);
  const emails = subs.map((s) => s.contact.email).filter((e): e is string => Boolean(e));
  const suppressions = emails.length
    ? await db.emailSuppression.findMany({ where: { address: { in: emails } }, select: { address: true, scope: true, reason: true } })
    : [];
  const byAddress = new Map(suppressions.map((s) => [s.address, { scope: s.scope, reason: s.reason }]));
  const keys = [...new Set(emails.map(normalizeEmailForCode))];
  const codes = keys.length
    ? await db.discountCode.findMany({
        where: { normalizedEmail: { in: keys } },
        select: { normalizedEmail: true, code: true, percent: true, expiresAt: true, usedAt: true },
      })
    : [];
  const codeByKey = new Map(codes.map(({ normalizedEmail, ...c }) => [normalizedEmail, c]));
  const rows = subs.map((s): SubscriberRow => ({
    id: s.id,
    contactId: s.contactId,
    email: s.contact.email,
    name: s.contact.name,
    discount: (s.contact.email && codeByKey.get(normalizeEmailForCode(s.contact.email))) || null,
    subscribedAt: s.createdAt,
    confirmedAt: s.confirmedAt,
    confirmationSentAt: s.confirmationSentAt,
    unsubscribedAt: s.unsubscribedAt,
    consentVersion: s.consentVersion,
    consentAt: s.consentAt,
    suppression: (s.contact.email && byAddress.get(s.contact.email)) || null,
  }));
  return {
    rows,
    total,
    page,
    pages: pageCount(total, SUBSCRIBERS_PAGE_SIZE),
    totals: { all, confirmed: all - unsubscribed - waiting, waiting, unsubscribed },
  };
}
