import { createHmac, timingSafeEqual } from "node:crypto";
import type { Db } from "../db";
import type { SummaryRow } from "../email/template-data";
import { bookedAnswer, bookedCall, slotRefusal } from "../forms/booking/definition";
import { attachedBookingSchema } from "../forms/booking/schema";
import { formDefinition, type LeadType } from "../forms/registry";
import type { BookedCall, SummaryNames, Tx } from "../forms/types";
import { FieldError, fieldErrorsFrom } from "../leads/errors";
import type { SuccessDetails } from "../leads/form-state";
import { saveWithRetries, type SubmissionContext, type SubmissionDeps } from "../leads/pipeline";
import { fingerprintKey } from "../security/fingerprint";
import { bookSlot, type BookResult } from "./book";
import type { FreeSlot } from "./slots";
import { markVisitBooked } from "./visit";

/**
 * "Book your call now" after an application, a quote request or a call-back request: the
 * success panel links to /book with `for=<leadId>.<HMAC>`, and the booking made through that
 * link is attached to the lead the form saved instead of making a second one. The HMAC
 * (SHA-256, keyed with BOOKING_LINK_SECRET, else the fingerprint key) proves the server
 * wrote the link; a guessed or edited lead id is refused. It works for ATTACH_WINDOW_DAYS.
 *
 * Every such success panel carries the link, whether the post made a lead or added a
 * revision to a recent one (the same address again within minutes), so the answer never
 * tells whether an address had just sent the form. For the same reason the booking page
 * shows and uses what the latest post to that lead typed (its name, email and phone), never
 * older details, and says nothing of the lead's other calls.
 */
export const LEAD_REF_PATTERN = /^[a-z0-9]{20,40}\.[A-Za-z0-9_-]{43}$/;

/** The forms whose success panel offers to book a call for the lead they made. */
export const ATTACHABLE_FORMS = ["enroll", "quote", "callback"] as const satisfies readonly LeadType[];

/** How long after the form was sent its "Book your call now" link still books for that lead. */
export const ATTACH_WINDOW_DAYS = 7;

export function bookingLinkKey(env: NodeJS.ProcessEnv = process.env): string {
  return env.BOOKING_LINK_SECRET?.trim() || fingerprintKey(env);
}

function mac(leadId: string, key: string): string {
  return createHmac("sha256", key).update(`booking-for:${leadId}`).digest("base64url");
}

/** `<leadId>.<HMAC>`: the `for` parameter of a "Book your call now" link. */
export function signLeadRef(leadId: string, key = bookingLinkKey()): string {
  return `${leadId}.${mac(leadId, key)}`;
}

/** The lead id a `for` parameter names, or null when our key did not sign it. */
export function leadIdFromRef(ref: string | undefined | null, key = bookingLinkKey()): string | null {
  if (!ref || !LEAD_REF_PATTERN.test(ref)) return null;
  const [id, given] = ref.split(".");
  const a = Buffer.from(given);
  const b = Buffer.from(mac(id, key));
  return a.length === b.length && timingSafeEqual(a, b) ? id : null;
}

/** The success panel's link: /book for the call type and program the form was about, signed for its lead. */
export function bookCallHref(a: { leadId: string; programSlug?: string | null; callType?: string }, key = bookingLinkKey()): string {
  const query = new URLSearchParams();
  if (a.callType) query.set("type", a.callType);
  if (a.programSlug) query.set("program", a.programSlug);
  query.set("for", signLeadRef(a.leadId, key));
  const search = query.toString();
  return `/book${search ? `?${search}` : ""}`;
}

/** A lead a booking can be attached to, with the details its latest post typed. */
export type AttachableLead = {
  leadId: string;
  contactId: string;
  formType: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  programSlug: string | null;
  /** What that post sent, for the advisor's email. */
  summary: SummaryRow[];
};

export type AttachVerdict = { ok: true; lead: AttachableLead } | { ok: false; reason: "invalid" | "expired" };

/** What the visitor is told when the `for` link cannot be used; the page then offers the ordinary form. */
export const ATTACH_REFUSALS: Record<Exclude<AttachVerdict, { ok: true }>["reason"], string> = {
  invalid: "This booking link does not work: it may have been copied incompletely. Book below with your details instead.",
  expired: "This booking link has expired. Book below with your details instead.",
};

/**
 * Whether `ref` names a lead a call can be booked for now: signed by us, made by one of the
 * ATTACHABLE_FORMS within ATTACH_WINDOW_DAYS. `names` turns program slugs into names.
 */
export async function attachableLead(db: Db, ref: string | undefined | null, now: Date, names: SummaryNames = {}): Promise<AttachVerdict> {
  const leadId = leadIdFromRef(ref);
  if (!leadId) return { ok: false, reason: "invalid" };
  const lead = await db.lead.findUnique({ where: { id: leadId }, select: { id: true, contactId: true, formType: true, programSlug: true, createdAt: true } });
  if (!lead || !(ATTACHABLE_FORMS as readonly string[]).includes(lead.formType)) return { ok: false, reason: "invalid" };
  if (now.getTime() - lead.createdAt.getTime() > ATTACH_WINDOW_DAYS * 86_400_000) return { ok: false, reason: "expired" };
  const latest = await db.leadSubmission.findFirst({
    where: { leadId },
    orderBy: { revision: "desc" },
    select: { name: true, email: true, phone: true, fields: true },
  });
  if (!latest) return { ok: false, reason: "invalid" };
  return {
    ok: true,
    lead: {
      leadId: lead.id,
      contactId: lead.contactId,
      formType: lead.formType,
      name: latest.name,
      email: latest.email,
      phone: latest.phone,
      programSlug: lead.programSlug,
      summary: leadSummary(lead.formType as LeadType, latest.fields, names),
    },
  };
}

/** A post, summarised as its confirmation email did; nothing when it cannot be read. */
function leadSummary(formType: LeadType, fields: string | null, names: SummaryNames): SummaryRow[] {
  try {
    const input: unknown = fields ? JSON.parse(fields) : null;
    if (!input || typeof input !== "object") return [];
    return formDefinition(formType).summary(input as Record<string, unknown>, names);
  } catch {
    return [];
  }
}

export type AttachedOutcome =
  | { kind: "booked"; success: SuccessDetails }
  | { kind: "invalid"; fieldErrors: Record<string, string>; nextSlots?: FreeSlot[] }
  /** The `for` link cannot be used (forged, expired, already booked): the page offers the ordinary form. */
  | { kind: "refused"; message: string }
  | { kind: "rate_limited"; retryAfterSeconds: number }
  /** The honeypot was filled: an ordinary answer, nothing booked. */
  | { kind: "ignored" };

class SlotRefused extends Error {
  constructor(readonly result: Extract<BookResult, { ok: false }>) {
    super("slot refused");
  }
}

const NEEDS_EMAIL = "Enter your email address so we can send you the invite.";

/**
 * Books the call of a "Book your call now" link for the lead its reference names: the same
 * honeypot, schema and rate limit as every form, the signature checked here on the server,
 * then one transaction: bookSlot's claim on the advisor's time and the visit marked. The
 * same time posted twice for the lead (a double click without JavaScript) is answered with
 * the call the first post booked. A form that had no email (the call-back asks for a phone)
 * gets the one typed here, on its lead when the lead has none, for the invite.
 */
export async function bookForLead(deps: SubmissionDeps, raw: Record<string, unknown>, ctx: SubmissionContext): Promise<AttachedOutcome> {
  const now = ctx.now ?? new Date();
  if (typeof raw.website === "string" && raw.website.trim() !== "") return { kind: "ignored" };
  const parsed = attachedBookingSchema.safeParse(raw);
  if (!parsed.success) return { kind: "invalid", fieldErrors: fieldErrorsFrom(parsed.error.issues) };
  const input = parsed.data;

  const names: SummaryNames = { programs: deps.programNames ? await deps.programNames().catch(() => undefined) : undefined };
  const verdict = await attachableLead(deps.db, input.for, now, names);
  if (!verdict.ok) return { kind: "refused", message: ATTACH_REFUSALS[verdict.reason] };
  const lead = verdict.lead;
  const email = lead.email ?? input.email;
  if (!email) return { kind: "invalid", fieldErrors: { email: NEEDS_EMAIL } };

  const limit = await deps.limiter.consume("booking", { ip: ctx.ip, identity: email });
  if (!limit.ok) return { kind: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };

  const startsAt = new Date(input.startsAt);
  try {
    const call = await saveWithRetries(deps.db, email, undefined, async (tx) => {
      const again = await bookedCallAt(tx, lead.leadId, startsAt);
      if (again) return again;
      const callType = await tx.callType.findUnique({ where: { slug: input.callType }, select: { id: true, name: true, active: true } });
      if (!callType?.active) throw new FieldError("startsAt", "This kind of call cannot be booked any more. Start again from the booking page.");
      await tx.lead.updateMany({ where: { id: lead.leadId, email: null }, data: { email } });
      const result = await bookSlot(tx, {
        callTypeId: callType.id,
        startsAt,
        programSlug: lead.programSlug,
        leadId: lead.leadId,
        contactId: lead.contactId,
        visitorTimeZone: input.timeZone,
        visitor: { name: lead.name, email, phone: lead.phone },
        summary: lead.summary,
        siteUrl: deps.siteUrl,
        now,
      });
      if (!result.ok) throw new SlotRefused(result);
      await markVisitBooked(tx, ctx.firstTouch?.visitorId, lead.leadId, now);
      return bookedCall(tx, {
        advisorId: result.advisorId,
        callTypeName: callType.name,
        startsAt: result.startsAt,
        endsAt: result.endsAt,
        timeZone: input.timeZone,
      });
    });
    deps.onQueued?.();
    return { kind: "booked", success: bookedAnswer(call) };
  } catch (error) {
    if (error instanceof SlotRefused)
      return { kind: "invalid", fieldErrors: { startsAt: slotRefusal(error.result).message }, nextSlots: error.result.nextSlots };
    if (error instanceof FieldError) return { kind: "invalid", fieldErrors: { [error.field]: error.message } };
    throw error;
  }
}

/** The call already booked for the lead at that time (a repeated post), as the page that booked it says it. */
async function bookedCallAt(tx: Tx, leadId: string, startsAt: Date): Promise<BookedCall | null> {
  const b = await tx.booking.findFirst({
    where: { leadId, startsAt, status: "booked" },
    select: { advisorId: true, startsAt: true, endsAt: true, visitorTimeZone: true, callType: { select: { name: true } } },
  });
  return b
    ? bookedCall(tx, { advisorId: b.advisorId, callTypeName: b.callType.name, startsAt: b.startsAt, endsAt: b.endsAt, timeZone: b.visitorTimeZone })
    : null;
}
