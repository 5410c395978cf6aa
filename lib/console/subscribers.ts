import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import { clampPage, newestPage, pageCount } from "./paging";

/** Newsletter subscribers with their discount codes, for the console. */

export const SUBSCRIBERS_PAGE_SIZE = 50;
export const SUBSCRIBER_STATUSES = ["active", "unsubscribed"] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

export type SubscriberFilter = { status?: SubscriberStatus; q?: string; page?: number };

export type SubscriberRow = {
  id: string;
  contactId: string;
  email: string | null;
  name: string | null;
  discountCode: string;
  discountPercent: number;
  subscribedAt: Date;
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
  totals: { all: number; active: number; unsubscribed: number };
};

/** The start of an email address, normalised as stored (trimmed, lower-cased); empty means none. */
export function normalizeEmailPrefix(q: string | undefined | null): string | undefined {
  const term = (q ?? "").normalize("NFKC").trim().toLowerCase().slice(0, 254);
  return term || undefined;
}

export function subscriberWhere(f: SubscriberFilter): Prisma.NewsletterSubscriptionWhereInput {
  const and: Prisma.NewsletterSubscriptionWhereInput[] = [];
  if (f.status === "active") and.push({ unsubscribedAt: null });
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
  const [total, all, unsubscribed, subs] = await Promise.all([
    db.newsletterSubscription.count({ where }),
    db.newsletterSubscription.count(),
    db.newsletterSubscription.count({ where: { unsubscribedAt: { not: null } } }),
    db.newsletterSubscription.findMany({
      where,
      ...newestPage(page, SUBSCRIBERS_PAGE_SIZE),
      select: {
        id: true,
        contactId: true,
        discountCode: true,
        discountPercent: true,
        createdAt: true,
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
  const rows = subs.map((s): SubscriberRow => ({
    id: s.id,
    contactId: s.contactId,
    email: s.contact.email,
    name: s.contact.name,
    discountCode: s.discountCode,
    discountPercent: s.discountPercent,
    subscribedAt: s.createdAt,
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
    totals: { all, active: all - unsubscribed, unsubscribed },
  };
}
