/**
 * Booking fixtures: call types, advisors (a staff user with hours), visitors' leads, and
 * bookSlot in a transaction of its own. Every name carries a per-call tag, so the tests of
 * one file never see each other's advisors or call types.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import { dialectOf, type TransactionOptions } from "@/lib/db/dialect";
import { bookSlot, type BookRequest, type BookResult } from "@/lib/booking/book";
import type { WeeklyHours } from "@/lib/booking/hours";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

let seq = 0;
/** A short unique tag ("t3k9x..."), for slugs, emails and ids that sort in creation order. */
export const tag = () => `${(++seq).toString().padStart(4, "0")}${randomUUID().slice(0, 6)}`;

/** Every day of the week, start to end (wall clock in the advisor's zone). */
export const everyDay = (start: string, end: string): WeeklyHours => [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start, end }));

export async function makeCallType(db: Db, o: { name?: string; durationMinutes?: number; position?: number; active?: boolean } = {}) {
  const t = tag();
  return db.callType.create({
    data: {
      slug: `call-${t}`,
      name: o.name ?? `Call ${t}`,
      description: "A call with an advisor.",
      durationMinutes: o.durationMinutes ?? 20,
      position: o.position ?? 0,
      active: o.active ?? true,
    },
  });
}

export type AdvisorSpec = {
  name?: string;
  /** Sorts the advisors' ids (round-robin's last tie-breaker): "a" < "b". */
  idPrefix?: string;
  timeZone?: string;
  weeklyHours?: WeeklyHours;
  bufferMinutes?: number;
  minNoticeMinutes?: number;
  horizonDays?: number;
  active?: boolean;
  callTypeIds: string[];
  datesOff?: string[];
  pins?: string[];
};

/** A staff user who takes calls. */
export async function makeAdvisor(db: Db, s: AdvisorSpec) {
  const t = tag();
  const id = `${s.idPrefix ?? "adv"}-${t}`;
  const name = s.name ?? `Advisor ${t}`;
  await db.user.create({ data: { id, name, email: `${id}@staff.loomstack.example`, role: "staff" } });
  await db.advisor.create({
    data: {
      userId: id,
      timeZone: s.timeZone ?? "UTC",
      weeklyHours: JSON.stringify(s.weeklyHours ?? everyDay("09:00", "17:00")),
      bufferMinutes: s.bufferMinutes ?? 10,
      minNoticeMinutes: s.minNoticeMinutes ?? 120,
      horizonDays: s.horizonDays ?? 21,
      active: s.active ?? true,
      callTypes: { create: s.callTypeIds.map((callTypeId) => ({ callTypeId })) },
      datesOff: { create: (s.datesOff ?? []).map((date) => ({ date })) },
      pins: { create: (s.pins ?? []).map((programSlug) => ({ programSlug })) },
    },
  });
  return { id, name, email: `${id}@staff.loomstack.example` };
}

/** A visitor with a lead of their own (as a call-back request would leave). */
export async function makeVisitor(db: Db, o: { name?: string; formType?: string; fields?: Record<string, unknown> } = {}) {
  const t = tag();
  const email = `visitor-${t}@example.com`;
  const name = o.name ?? `Visitor ${t}`;
  const contact = await db.contact.create({ data: { email, name, phone: "+14155550132", referralCode: `ref${t}` } });
  const lead = await db.lead.create({
    data: {
      contactId: contact.id,
      formType: o.formType ?? "booking",
      name,
      email,
      phone: "+14155550132",
      fields: JSON.stringify(o.fields ?? { name, email }),
    },
  });
  return { contactId: contact.id, leadId: lead.id, email, name };
}

export type Visitor = Awaited<ReturnType<typeof makeVisitor>>;

export const SITE = "https://loomstack.example";

export function bookRequest(v: Visitor, callTypeId: string, startsAt: Date, now: Date, extra: Partial<BookRequest> = {}): BookRequest {
  return {
    callTypeId,
    startsAt,
    leadId: v.leadId,
    contactId: v.contactId,
    visitorTimeZone: "America/Los_Angeles",
    visitor: { name: v.name, email: v.email, phone: "+14155550132" },
    siteUrl: SITE,
    now,
    ...extra,
  };
}

/** The transaction options a booking runs with: the client's own, or READ COMMITTED (as submissions run on PostgreSQL). */
export type Isolation = "default" | "read-committed";

export function txOptions(db: Db, isolation: Isolation): TransactionOptions {
  return { maxWait: 20_000, timeout: 30_000, ...(isolation === "read-committed" ? dialectOf(db).readCommitted : {}) };
}

/** bookSlot in a transaction of its own. */
export function book(db: Db, r: BookRequest, isolation: Isolation = "default"): Promise<BookResult> {
  return db.$transaction((tx) => bookSlot(tx, r), txOptions(db, isolation));
}
