import type { Tx } from "../db/dialect";
import { queueEmail } from "../email/outbox";
import type { SummaryRow } from "../email/template-data";
import type { BookingEmailData, BookingEmailKind } from "./email-data";
import { manageUrl } from "./manage-token";

/**
 * The emails of a booked call, queued in the transaction that changes it (outbox template
 * "booking"; the .ics is built when the email is rendered). Each is keyed
 * `booking:<id>:<sequence>:<kind>:<audience>`, so a change queues its emails once and the
 * next change (a higher sequence) gets its own. Reminders go to the visitor only, due 24 h
 * and 1 h before the call; a change withdraws the unsent ones and queues them again for the
 * new time.
 */

type Audience = BookingEmailData["audience"];
type Person = { name: string | null; email: string | null; phone: string | null };

/** What every email about one booking says, as the booking stands after the change. */
export type BookingMail = {
  bookingId: string;
  leadId: string;
  contactId: string;
  uid: string;
  sequence: number;
  callTypeName: string;
  durationMinutes: number;
  startsAt: Date;
  endsAt: Date;
  visitorTimeZone: string;
  programName: string | null;
  visitor: Person;
  advisor: { name: string; email: string; timeZone: string };
  /** When the change was made: the invite's DTSTAMP. */
  changedAt?: Date;
};

export const REMINDERS = [
  { kind: "reminder-24h", hoursBefore: 24 },
  { kind: "reminder-1h", hoursBefore: 1 },
] as const;

export const bookingEmailKey = (bookingId: string, sequence: number, kind: BookingEmailKind, audience: Audience) =>
  `booking:${bookingId}:${sequence}:${kind}:${audience}`;

export const leadConsoleUrl = (siteUrl: string, leadId: string) => `${siteUrl}/console/leads/${leadId}`;

type Extra = {
  previousStartsAt?: Date | null;
  manageUrl?: string | null;
  leadUrl?: string | null;
  summary?: SummaryRow[];
  sendAt?: Date;
  /** The advisor this email is for, when it is not the booking's own (the one a moved call left). */
  advisor?: BookingMail["advisor"];
};

function emailData(m: BookingMail, kind: BookingEmailKind, audience: Audience, x: Extra): BookingEmailData {
  const advisor = x.advisor ?? m.advisor;
  return {
    kind,
    audience,
    bookingId: m.bookingId,
    leadId: m.leadId,
    uid: m.uid,
    sequence: m.sequence,
    callTypeName: m.callTypeName,
    durationMinutes: m.durationMinutes,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    ...(x.previousStartsAt ? { previousStartsAt: x.previousStartsAt.toISOString() } : {}),
    ...(m.changedAt ? { changedAt: m.changedAt.toISOString() } : {}),
    timeZone: audience === "visitor" ? m.visitorTimeZone : advisor.timeZone,
    visitor: { name: m.visitor.name, email: m.visitor.email ?? "", phone: m.visitor.phone },
    advisor: { name: advisor.name, email: advisor.email },
    programName: m.programName,
    ...(x.summary?.length ? { summary: x.summary } : {}),
    ...(x.manageUrl ? { manageUrl: x.manageUrl } : {}),
    ...(x.leadUrl ? { leadUrl: x.leadUrl } : {}),
  };
}

/** One email to the visitor (skipped when the lead has no address). */
export async function queueVisitorEmail(tx: Tx, m: BookingMail, kind: BookingEmailKind, x: Extra = {}): Promise<boolean> {
  if (!m.visitor.email) return false;
  return queueEmail(tx, {
    to: m.visitor.email,
    template: "booking",
    data: emailData(m, kind, "visitor", x),
    category: "transactional",
    idempotencyKey: bookingEmailKey(m.bookingId, m.sequence, kind, "visitor"),
    leadId: m.leadId,
    contactId: m.contactId,
    ...(x.sendAt ? { sendAt: x.sendAt } : {}),
  });
}

/** One email to an advisor: the booking's own, or `x.advisor`. */
export async function queueAdvisorEmail(tx: Tx, m: BookingMail, kind: BookingEmailKind, x: Extra = {}): Promise<boolean> {
  const advisor = x.advisor ?? m.advisor;
  return queueEmail(tx, {
    to: advisor.email,
    template: "booking",
    data: emailData(m, kind, "advisor", x),
    category: "transactional",
    idempotencyKey: bookingEmailKey(m.bookingId, m.sequence, kind, "advisor"),
    leadId: m.leadId,
  });
}

/** The reminders still ahead at `now` (one whose time has passed is not queued). */
export async function queueBookingReminders(tx: Tx, m: BookingMail, siteUrl: string, manageToken: string, now: Date): Promise<void> {
  for (const r of REMINDERS) {
    const sendAt = new Date(m.startsAt.getTime() - r.hoursBefore * 3600_000);
    if (sendAt <= now) continue;
    await queueVisitorEmail(tx, m, r.kind, { sendAt, manageUrl: manageUrl(siteUrl, manageToken) });
  }
}

/**
 * Withdraws a booking's reminders that have not gone out. One a dispatcher holds at this
 * moment is left alone (it is being sent), as with event reminders (lib/events/seats.ts).
 */
export async function withdrawBookingReminders(tx: Tx, bookingId: string, now: Date): Promise<number> {
  const { count } = await tx.emailMessage.updateMany({
    where: {
      idempotencyKey: { startsWith: `booking:${bookingId}:` },
      template: "booking",
      status: "pending",
      OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }],
      data: { contains: '"kind":"reminder' },
    },
    data: { status: "cancelled", lastError: "The call was cancelled or moved" },
  });
  return count;
}

/** A new booking: the confirmation to both sides, and the visitor's reminders. */
export async function notifyBooked(tx: Tx, booked: BookingMail, a: { siteUrl: string; manageToken: string; summary?: SummaryRow[]; now: Date }): Promise<void> {
  const m = { ...booked, changedAt: a.now };
  await queueVisitorEmail(tx, m, "confirmed", { manageUrl: manageUrl(a.siteUrl, a.manageToken) });
  await queueAdvisorEmail(tx, m, "confirmed", { leadUrl: leadConsoleUrl(a.siteUrl, m.leadId), summary: a.summary });
  await queueBookingReminders(tx, m, a.siteUrl, a.manageToken, a.now);
}

/**
 * A new time (the booking `m` as it is now): the visitor's "rescheduled" with the new link;
 * the same advisor's "rescheduled", or, when the call moved to another advisor, a
 * confirmation to the new one and a cancellation to the one it left. Reminders move.
 */
export async function notifyRescheduled(
  tx: Tx,
  moved: BookingMail,
  a: {
    siteUrl: string;
    manageToken: string;
    previous: { startsAt: Date; endsAt: Date; advisorId: string; newAdvisorId: string; advisor: BookingMail["advisor"] };
    now: Date;
  },
): Promise<void> {
  const m = { ...moved, changedAt: a.now };
  const leadUrl = leadConsoleUrl(a.siteUrl, m.leadId);
  await withdrawBookingReminders(tx, m.bookingId, a.now);
  await queueVisitorEmail(tx, m, "rescheduled", { previousStartsAt: a.previous.startsAt, manageUrl: manageUrl(a.siteUrl, a.manageToken) });
  if (a.previous.advisorId === a.previous.newAdvisorId) {
    await queueAdvisorEmail(tx, m, "rescheduled", { previousStartsAt: a.previous.startsAt, leadUrl });
  } else {
    await queueAdvisorEmail(tx, m, "confirmed", { leadUrl });
    // The advisor the call left: their calendar entry (same UID) is cancelled at its old time.
    await queueAdvisorEmail(tx, { ...m, startsAt: a.previous.startsAt, endsAt: a.previous.endsAt }, "cancelled", { advisor: a.previous.advisor, leadUrl });
  }
  await queueBookingReminders(tx, m, a.siteUrl, a.manageToken, a.now);
}

/** A cancellation: both sides are told (METHOD:CANCEL), and the reminders are withdrawn. */
export async function notifyCancelled(tx: Tx, cancelled: BookingMail, a: { siteUrl: string; now: Date }): Promise<void> {
  const m = { ...cancelled, changedAt: a.now };
  await withdrawBookingReminders(tx, m.bookingId, a.now);
  await queueVisitorEmail(tx, m, "cancelled");
  await queueAdvisorEmail(tx, m, "cancelled", { leadUrl: leadConsoleUrl(a.siteUrl, m.leadId) });
}
