import { RateLimiterRes } from "rate-limiter-flexible";
import { UTM_KEYS, type FirstTouch } from "../attribution-cookies";
import { rateLimitIpKey } from "../client-ip";
import { clipText } from "../clip-text";
import type { Db } from "../db";
import { at, newId, sqlOutside } from "../db/sql";
import type { Prisma } from "../generated/prisma/client";
import type { LimiterStore, RateLimitRule } from "../rate-limit";

/**
 * The first time a browser is shown /book, its attribution is kept at once (BookingVisit,
 * one row per browser id): a visitor who leaves without booking is still counted under the
 * UTMs they came with, and a later booking from that browser takes them.
 *
 * The browser id is the first-party cookie proxy.ts sets. On a browser's very first request
 * the cookie is set on the response, not sent with the request; Next hands the page the
 * proxy's new cookies (cookies() reads them), and the UTMs and article of the page's own
 * URL are used as well, so the first view is recorded whole.
 *
 * A client that drops cookies gets a new id on every request, so new rows are limited per
 * client address (BOOKING_VISIT_LIMIT, "rows/seconds"): past it the page still works and
 * simply records nothing.
 */

export type VisitAttribution = {
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  referrerUrl: string | null;
  landingPage: string | null;
  article: string | null;
  cta: string | null;
};

const UTM_COLUMNS = {
  utm_source: "utmSource",
  utm_medium: "utmMedium",
  utm_campaign: "utmCampaign",
  utm_term: "utmTerm",
  utm_content: "utmContent",
} as const satisfies Record<(typeof UTM_KEYS)[number], keyof VisitAttribution>;

const clip = (v: string | null | undefined, max: number) => (v ? clipText(v, max) || null : null);

/**
 * What a view of /book came with: the UTMs of its URL, else of the first touch; the first
 * touch's landing page and referrer (else this page); the article and CTA of its URL.
 */
export function visitAttribution(query: Partial<Record<string, string>>, touch: FirstTouch, here: string): VisitAttribution {
  const out = {} as VisitAttribution;
  for (const key of UTM_KEYS) out[UTM_COLUMNS[key]] = clip(query[key] ?? touch[key], 200);
  out.referrerUrl = clip(touch.referrer, 500);
  out.landingPage = clip(touch.landing ?? here, 500);
  out.article = clip(query.article, 300);
  out.cta = clip(query.cta, 100);
  return out;
}

/** New BookingVisit rows per client address: generous for people, small for a bot. */
export const BOOKING_VISIT_RULE: RateLimitRule = { points: 30, durationSeconds: 60 * 60 };

export function bookingVisitRule(env: NodeJS.ProcessEnv = process.env): RateLimitRule {
  const m = /^(\d+)\/(\d+)$/.exec(env.BOOKING_VISIT_LIMIT?.trim() ?? "");
  return m ? { points: Number(m[1]), durationSeconds: Number(m[2]) } : BOOKING_VISIT_RULE;
}

export type VisitLimiter = { allow(ip: string): Promise<boolean> };

export function bookingVisitLimiter(store: LimiterStore, rule: RateLimitRule = bookingVisitRule()): VisitLimiter {
  const limiter = store.make("booking-visit:ip", rule);
  return {
    async allow(ip) {
      if (store.ready) await store.ready();
      try {
        await limiter.consume(rateLimitIpKey(ip));
        return true;
      } catch (error) {
        if (error instanceof RateLimiterRes) return false;
        throw error;
      }
    },
  };
}

export type RecordedVisit = "recorded" | "known" | "limited" | "no-browser-id";

/**
 * Records the first view of /book by this browser; later views change nothing. The limit is
 * spent only on a browser id not seen before.
 */
export async function recordBookingVisit(
  db: Db,
  a: { visitorId: string | undefined; ip: string; attribution: VisitAttribution; now: Date; limiter: VisitLimiter },
): Promise<RecordedVisit> {
  if (!a.visitorId) return "no-browser-id";
  const known = await db.bookingVisit.findUnique({ where: { visitorId: a.visitorId }, select: { id: true } });
  if (known) return "known";
  if (!(await a.limiter.allow(a.ip))) return "limited";
  // Two first requests of one browser at once: the unique visitorId keeps one row.
  const sql = sqlOutside(db);
  const inserted = await sql.run(
    sql.q
      .insertInto("BookingVisit")
      .values({ id: newId(), visitorId: a.visitorId, ...a.attribution, leadId: null, bookedAt: null, createdAt: at(a.now) })
      .onConflict((oc) => oc.column("visitorId").doNothing())
      .compile(),
  );
  return inserted === 1 ? "recorded" : "known";
}

/** The attribution this browser's first view of /book came with, if it was recorded. */
export async function bookingVisitOf(db: Db, visitorId: string | undefined): Promise<VisitAttribution | null> {
  if (!visitorId) return null;
  return db.bookingVisit.findUnique({
    where: { visitorId },
    select: {
      utmSource: true,
      utmMedium: true,
      utmCampaign: true,
      utmTerm: true,
      utmContent: true,
      referrerUrl: true,
      landingPage: true,
      article: true,
      cta: true,
    },
  });
}

/** The browser's visit became a booking (in the booking's transaction); its first booking is the one kept. */
export async function markVisitBooked(tx: Prisma.TransactionClient, visitorId: string | undefined, leadId: string, now: Date): Promise<void> {
  if (!visitorId) return;
  await tx.bookingVisit.updateMany({ where: { visitorId, leadId: null }, data: { leadId, bookedAt: now } });
}

/**
 * A booking's post with the visit's attribution: the visit's UTMs, article and CTA as the
 * form's attribution fields, its landing page and referrer as the first touch. What the
 * visit lacks is left as the post and cookies have it.
 */
export function withVisitAttribution(
  raw: Record<string, unknown>,
  touch: FirstTouch,
  visit: VisitAttribution | null,
): { raw: Record<string, unknown>; touch: FirstTouch } {
  if (!visit) return { raw, touch };
  const fields: Record<string, unknown> = { ...raw };
  for (const key of UTM_KEYS) if (visit[UTM_COLUMNS[key]]) fields[key] = visit[UTM_COLUMNS[key]];
  if (visit.article) fields.article = visit.article;
  if (visit.cta) fields.cta = visit.cta;
  return {
    raw: fields,
    touch: { ...touch, landing: visit.landingPage ?? touch.landing, referrer: visit.referrerUrl ?? touch.referrer },
  };
}
