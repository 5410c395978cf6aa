import type { CommentEmailData } from "../comments/moderation";
import type { BookingEmailData } from "../booking/email-data";
import type { FORMS, LeadType } from "../forms/registry";

/**
 * What each email template receives. The data is stored as JSON in the outbox row when the
 * lead is saved (so an email says what was true then), and rendered by the dispatcher.
 */

/** One line of "what you sent us": a label and a human-readable value. */
export type SummaryRow = { label: string; value: string };

export type PointsSummary = {
  /** Points earned by this submission (pending until each friend responds). */
  earnedNow: number;
  pending: number;
  confirmed: number;
  referralCode: string;
  referralLink: string;
  /** The reward catalogue when the email was queued (name and price), cheapest first. */
  rewards?: { name: string; points: number }[];
};

/** The confirmation to the person who sent a form (every *-confirmation template and newsletter-welcome). */
export type ConfirmationEmailData = {
  leadId: string;
  /** The lead type (lib/forms/registry.ts). */
  formType: string;
  name: string | null;
  /** Their answers, labelled and formatted (program names rather than ids, and so on). */
  summary: SummaryRow[];
  /** newsletter-welcome */
  discountCode?: string;
  discountPercent?: number;
  /** newsletter-welcome: when the code stops working (ISO). */
  discountExpiresAt?: string;
  /** referral-confirmation */
  points?: PointsSummary;
  /**
   * A one-time link that proves the person owns this address. Sent to someone whose referrer
   * earns points for them: the points are confirmed once it is used.
   */
  verifyUrl?: string;
  /** syllabus-confirmation: the download link (lib/syllabus/links.ts), its expiry (ISO) and the program's name. */
  syllabus?: { url: string; expiresAt: string; program: string };
  /** event-confirmation: the seat or waitlist place, and the event. */
  rsvp?: EventRsvpDetails;
};

/** An RSVP as its emails show it (lib/events/seats.ts builds it when the email is queued). */
export type EventRsvpDetails = {
  status: "going" | "waitlisted";
  /** The person held this place before this RSVP (they sent the form again). */
  already?: boolean;
  /**
   * For the page's answer only: whether anyone sending the form at that moment got a seat.
   * The page says seat or waitlist from this, never from what this address already held.
   */
  seatWasFree?: boolean;
  eventTitle: string;
  /** In the event's zone, in words. */
  when: string;
  where: string;
  /** The joining link, for people with a seat at an online event. */
  onlineUrl: string | null;
  eventUrl: string;
  /** Opens the RSVP: cancel it. */
  manageUrl: string;
  /** The .ics file, for people with a seat. */
  calendarUrl: string | null;
};

/** Emails about a seat after the confirmation: promoted from the waitlist, the reminders. */
export type EventUpdateData = { kind: "promoted" | "reminder-24h" | "reminder-1h"; name: string | null; rsvp: EventRsvpDetails };

/** The notification to staff for every new lead. */
export type StaffNewLeadData = {
  leadId: string;
  formType: string;
  /** e.g. "Enrollment application" */
  label: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  summary: SummaryRow[];
  /** Where the lead came from: UTM tags, article, CTA, referral code (only those present). */
  attribution: SummaryRow[];
  consoleUrl: string;
};

/** The invitation to a referred friend. */
export type ReferralInvitationData = {
  friendName: string;
  /** The referrer's personal note, if they wrote one. */
  note: string | null;
  referrerName: string;
  /** The home page with the referrer's code (/r/CODE). */
  referralLink: string;
  /** Confirms the friend's interest, which confirms the referrer's pending points. */
  confirmUrl: string;
};

/**
 * The answer to a points redemption request, to the person who asked (transactional).
 * Figures are the ones at the moment of the decision.
 */
export type RedemptionDecisionData = {
  leadId: string;
  decision: "approved" | "rejected";
  name: string | null;
  /** What they asked for, as a label ("A device (laptop or tablet)"); null when unknown. */
  reward: string | null;
  /** What they wrote with the request, if anything. */
  details: string | null;
  /** Points the request asked to spend: deducted when approved. Null when it did not say. */
  points: number | null;
  /** Their confirmed balance once the decision is made (after the deduction, if approved). */
  confirmedBalance: number;
  /** Rejections only: the reason staff gave, if any. Always null for an approval. */
  reason: string | null;
};

/** A one-time link proving that the reader owns this address (lib/ownership/tokens.ts). */
export type OwnershipLinkData = {
  purpose: "redemption" | "referral-status" | "verify-email" | "newsletter-confirm" | "manage-emails";
  name: string | null;
  url: string;
  /** ISO time the link stops working. */
  expiresAt: string;
  /** What the link will do, e.g. the redemption request's reward and points. */
  summary: SummaryRow[];
};

/** A staff member's "Forgot password?" link (lib/auth/password-reset.ts): it works once, until expiresAt. */
export type PasswordResetData = {
  name: string | null;
  url: string;
  /** ISO time the link stops working. */
  expiresAt: string;
};

/** One task in the daily digest, as the reader's zone shows it. */
export type DigestTask = { kind: string; lead: string; due: string; title: string | null; url: string };

/** A staff member's daily task digest (lib/console/task-digest.ts): every time already written in their zone. */
export type TaskDigestData = {
  name: string | null;
  /** "Tuesday, 8 December 2026": the reader's local date the digest is for. */
  date: string;
  timeZone: string;
  overdue: DigestTask[];
  /** Tasks past the list's limit, counted. */
  overdueMore: number;
  today: DigestTask[];
  todayMore: number;
  /** Leads they own with no open task after first contact. */
  noNextTask: { lead: string; status: string; url: string }[];
  noNextTaskMore: number;
  tasksUrl: string;
};

/**
 * An email a staff member wrote to a lead (lib/console/lead-email.ts): the subject and the
 * plain-text body with the merge fields already filled in, as sent.
 */
export type StaffMessageData = { subject: string; body: string };

/** The system's own emails; every form's confirmation is named in its definition. */
export type SystemTemplate =
  | "redemption-decision"
  | "referral-invitation"
  | "staff-new-lead"
  | "ownership-link"
  | "event-update"
  | "comment-published"
  | "comment-reply"
  | "booking"
  | "password-reset"
  | "task-digest"
  | "staff-message";
export type FormEmailTemplate = (typeof FORMS)[LeadType]["email"]["template"];
export type EmailTemplate = SystemTemplate | FormEmailTemplate;

type SystemData = {
  "redemption-decision": RedemptionDecisionData;
  "referral-invitation": ReferralInvitationData;
  "staff-new-lead": StaffNewLeadData;
  "ownership-link": OwnershipLinkData;
  "event-update": EventUpdateData;
  "comment-published": CommentEmailData;
  "comment-reply": CommentEmailData;
  booking: BookingEmailData;
  "password-reset": PasswordResetData;
  "task-digest": TaskDigestData;
  "staff-message": StaffMessageData;
};

export type TemplateData = { [T in EmailTemplate]: T extends SystemTemplate ? SystemData[T] : ConfirmationEmailData };

/** Per-delivery values that are not part of the stored data. */
export type RenderContext = {
  /** Absolute site origin, no trailing slash, e.g. "http://localhost:3000". */
  siteUrl: string;
  /**
   * The one-click unsubscribe / opt-out link, given for messages that must carry one
   * (referral-invitation, newsletter-welcome). Templates show it when present.
   */
  unsubscribeUrl?: string;
};

/** A file sent with an email (a booking's .ics invite). */
export type EmailAttachment = { filename: string; contentType: string; content: string };

export type RenderedEmail = { subject: string; html: string; text: string; attachments?: EmailAttachment[] };
