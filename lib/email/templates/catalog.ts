import type { ComponentType } from "react";
import { siteConfig } from "../../site-config";
import { FORMS, LEAD_TYPES } from "../../forms/registry";
import type { ConfirmationEmailData, EmailAttachment, EmailTemplate, RenderContext, SystemTemplate, TemplateData } from "../template-data";
import { emailSample, SAMPLE_LEAD_ID as leadId, SAMPLE_SITE_URL as siteUrl } from "../../forms/types";
import { eventUpdateSubject, EventUpdateEmail } from "./event-update";
import { formConfirmationEmail } from "./form-confirmation";
import { OWNERSHIP_COPY, OwnershipLinkEmail } from "./ownership-link";
import { PASSWORD_RESET_SUBJECT, PasswordResetEmail } from "./password-reset";
import { redemptionDecision, RedemptionDecisionEmail } from "./redemption-decision";
import { ReferralInvitationEmail } from "./referral-invitation";
import { staffLabel, StaffNewLeadEmail } from "./staff-new-lead";
import { TaskDigestEmail, taskDigestSubject } from "./task-digest";
import { StaffMessageEmail, staffMessageSubject } from "./staff-message";
import { count, subjectPart } from "./values";
import { CommentPublishedEmail, CommentReplyEmail } from "./comment-notification";
import { BookingEmail, bookingSubject } from "./booking";
import { bookingAttachments } from "../../booking/ics";

/**
 * Every template the outbox can hold: each form's confirmation (from its definition in
 * lib/forms/) and the system's own emails. Server-only: it reads the form registry.
 */

type Entry<D> = {
  Component: ComponentType<{ data: D; ctx: RenderContext }>;
  subject: (data: D) => string;
  sample: { data: D; ctx: RenderContext };
  /** Files sent with the message, built from the same data (deterministic, like the parts). */
  attachments?: (data: D) => EmailAttachment[];
  /**
   * false: always rendered directly, never filled in from the per-shape cache
   * (lib/email/render-cache.ts); why, next to the template's entry.
   */
  renderCache?: false;
};

const part = subjectPart;

const SAMPLE_redemption_decision: { data: TemplateData["redemption-decision"]; ctx: RenderContext } = {
  data: {
    leadId,
    decision: "rejected",
    name: "Rita Moreno",
    reward: "A device (laptop or tablet)",
    details: "A refurbished laptop for my course, if possible.",
    points: 500,
    confirmedBalance: 700,
    reason: "We are out of refurbished laptops this term. A course voucher or an accessory is available right away.",
  },
  ctx: { siteUrl },
};

const SAMPLE_referral_invitation: { data: TemplateData["referral-invitation"]; ctx: RenderContext } = {
  data: {
    friendName: "Sam Carter",
    note: "You kept saying you wanted to get into data work. Their evening cohorts fit around a job!",
    referrerName: "Rita",
    referralLink: `${siteUrl}/r/K7QW3MZP`,
    confirmUrl: `${siteUrl}/invite/ABCDEFGHJKMNPQRSTUVWXYZ2`,
  },
  ctx: { siteUrl, unsubscribeUrl: `${siteUrl}/unsubscribe/2d9c4b7a1e3f5a6c` },
};

/** A new application, as staff get it: the enroll form's own example and its summary. */
const enrollExample = FORMS.enroll.example.input;
const SAMPLE_staff_new_lead: { data: TemplateData["staff-new-lead"]; ctx: RenderContext } = {
  data: {
    leadId,
    formType: FORMS.enroll.type,
    label: FORMS.enroll.label,
    name: enrollExample.name,
    email: enrollExample.email,
    phone: enrollExample.phone,
    summary: emailSample(FORMS.enroll).data.summary,
    attribution: [
      { label: "UTM source", value: "newsletter" },
      { label: "UTM campaign", value: "spring-cohorts" },
      { label: "Article", value: "/guides/machine-learning-engineer" },
    ],
    consoleUrl: `${siteUrl}/console/leads/${leadId}`,
  },
  ctx: { siteUrl },
};

const SAMPLE_password_reset: { data: TemplateData["password-reset"]; ctx: RenderContext } = {
  data: { name: "Ada Admin", url: `${siteUrl}/console/reset-password/Vq3Jd8sKx0VnR2mT5wYb7cE1`, expiresAt: "2027-03-02T14:05:00.000Z" },
  ctx: { siteUrl },
};

const SAMPLE_ownership_link: { data: TemplateData["ownership-link"]; ctx: RenderContext } = {
  data: {
    purpose: "redemption",
    name: "Rita Moreno",
    url: `${siteUrl}/confirm/q3Jd8sKx0VnR2mT5wYb7cE1fH4jL6pN9aZ0uGi2oXk8`,
    expiresAt: "2027-03-02T14:05:00.000Z",
    summary: [
      { label: "Reward", value: "A device (laptop or tablet)" },
      { label: "Points to use", value: "500" },
    ],
  },
  ctx: { siteUrl },
};
/** A waitlisted person who got a seat: the event form's own example, promoted. */
const SAMPLE_event_update: { data: TemplateData["event-update"]; ctx: RenderContext } = {
  data: { kind: "promoted", name: FORMS.event.example.input.name, rsvp: FORMS.event.example.extras.rsvp },
  ctx: { siteUrl },
};
const SAMPLE_comment: { data: TemplateData["comment-published"]; ctx: RenderContext } = {
  data: {
    name: "Priya Nair",
    articleTitle: "Machine learning engineer salary and job outlook",
    articleUrl: `${siteUrl}/careers/machine-learning-engineer/salary-and-job-outlook#comments`,
    comment: "Do the salary ranges include bonuses and equity, or only base pay?",
  },
  ctx: { siteUrl, unsubscribeUrl: `${siteUrl}/unsubscribe/4f8a2c6e9b1d3f5a7c9e` },
};
const SAMPLE_comment_reply: { data: TemplateData["comment-reply"]; ctx: RenderContext } = {
  data: { ...SAMPLE_comment.data, replyAuthor: "Dana Whitfield", reply: "Base pay only. The sources we cite list bonuses and equity separately." },
  ctx: SAMPLE_comment.ctx,
};

/** An admissions call just booked, as the visitor gets it. */
const SAMPLE_booking: { data: TemplateData["booking"]; ctx: RenderContext } = {
  data: {
    kind: "confirmed",
    audience: "visitor",
    bookingId: "cm9x2k7q40002abcd1234efgh",
    leadId,
    uid: "booking-cm9x2k7q40002abcd1234efgh@loomstack.example",
    sequence: 0,
    changedAt: "2026-12-07T15:42:00.000Z",
    callTypeName: "Admissions call",
    durationMinutes: 20,
    startsAt: "2026-12-10T20:00:00.000Z",
    endsAt: "2026-12-10T20:20:00.000Z",
    timeZone: "America/Los_Angeles",
    visitor: { name: "Omar Haddad", email: "omar@example.com", phone: "+12025550143" },
    advisor: { name: "Dana Whitfield", email: "dana@loomstack.example" },
    programName: "Machine Learning Engineering",
    manageUrl: `${siteUrl}/book/manage/7QW3MZPK2D9C4B7A1E3F5A6C`,
  },
  ctx: { siteUrl },
};

/** An advisor's morning digest in Chicago: one overdue call, a follow-up today, one lead left without a next step. */
const SAMPLE_task_digest: { data: TemplateData["task-digest"]; ctx: RenderContext } = {
  data: {
    name: "Dana Whitfield",
    date: "Tuesday, 8 December 2026",
    timeZone: "America/Chicago",
    overdue: [{ kind: "Call", lead: "Omar Haddad", due: "7 Dec 2026, 16:30", title: "Ask about funding", url: `${siteUrl}/console/leads/${leadId}` }],
    overdueMore: 0,
    today: [{ kind: "Follow-up", lead: "Rita Moreno", due: "8 Dec 2026, 11:00", title: null, url: `${siteUrl}/console/leads/cm9x2k7q40003abcd1234efgh` }],
    todayMore: 0,
    noNextTask: [{ lead: "Sam Carter", status: "Contacted", url: `${siteUrl}/console/leads/cm9x2k7q40004abcd1234efgh` }],
    noNextTaskMore: 0,
    tasksUrl: `${siteUrl}/console/tasks`,
  },
  ctx: { siteUrl },
};

/** An advisor's first email to a new applicant, written from the lead page. */
const SAMPLE_staff_message: { data: TemplateData["staff-message"]; ctx: RenderContext } = {
  data: {
    subject: "Your application to Machine Learning Engineering",
    body: "Hi Omar,\n\nThanks for applying to Machine Learning Engineering. I am your admissions advisor: when would suit you for a 20-minute call this week?\n\nBest,\nDana Whitfield\nAdmissions advisor",
  },
  ctx: { siteUrl },
};

const SYSTEM: { [T in SystemTemplate]: Entry<TemplateData[T]> } = {
  "redemption-decision": {
    Component: RedemptionDecisionEmail,
    subject: (d) => {
      const v = redemptionDecision(d);
      const what = v.points === null ? "your referral points" : `${count(v.points)} referral points`;
      if (v.decision === "approved") return `Approved: your request to spend ${what}`;
      if (v.decision === "rejected") return `Not approved: your request to spend ${what}`;
      return "An update on your request to spend your referral points";
    },
    sample: SAMPLE_redemption_decision,
  },
  "referral-invitation": {
    Component: ReferralInvitationEmail,
    subject: (d) => `${part(d.referrerName) ?? "A friend"} invited you to ${siteConfig.name}`,
    sample: SAMPLE_referral_invitation,
  },
  "staff-new-lead": {
    Component: StaffNewLeadEmail,
    subject: (d) => {
      const who = part(d.name) ?? part(d.email) ?? part(d.phone);
      const label = part(staffLabel(d)) ?? "Form";
      return who ? `New lead: ${label} — ${who}` : `New lead: ${label}`;
    },
    sample: SAMPLE_staff_new_lead,
  },
  "ownership-link": {
    Component: OwnershipLinkEmail,
    subject: (d) => (OWNERSHIP_COPY[d.purpose] ?? OWNERSHIP_COPY["verify-email"]).title,
    sample: SAMPLE_ownership_link,
  },
  "password-reset": {
    Component: PasswordResetEmail,
    subject: () => PASSWORD_RESET_SUBJECT,
    sample: SAMPLE_password_reset,
  },
  "task-digest": {
    Component: TaskDigestEmail,
    subject: taskDigestSubject,
    sample: SAMPLE_task_digest,
  },
  "staff-message": {
    Component: StaffMessageEmail,
    subject: staffMessageSubject,
    sample: SAMPLE_staff_message,
    // Not cached: every message is written by hand, and its paragraphs and line breaks are
    // structure, so each would be a shape of its own that is never reused.
    renderCache: false,
  },
  booking: {
    Component: BookingEmail,
    subject: bookingSubject,
    sample: SAMPLE_booking,
    attachments: bookingAttachments,
    // Not cacheable: the email shows its instants in the reader's zone, both taken from the
    // data. The zone is an argument to Intl, not text on the page, so no placeholder can
    // stand in for it (a placeholder zone renders other times, and the shape is refused);
    // and the instants, like every date, stay in the shape's key, so each booking's every
    // email is a shape of its own that would never be filled in. A few emails per booking
    // are rendered directly (about 1.6 ms each).
    renderCache: false,
  },
  "event-update": {
    Component: EventUpdateEmail,
    subject: eventUpdateSubject,
    sample: SAMPLE_event_update,
  },
  "comment-published": {
    Component: CommentPublishedEmail,
    subject: () => "Your comment is published",
    sample: SAMPLE_comment,
  },
  "comment-reply": {
    Component: CommentReplyEmail,
    subject: (d) => `${part(d.replyAuthor) ?? "We"} replied to your comment`,
    sample: SAMPLE_comment_reply,
  },
};

const FORM_ENTRIES = Object.fromEntries(
  LEAD_TYPES.map((t) => {
    const form = FORMS[t];
    const entry: Entry<ConfirmationEmailData> = { Component: formConfirmationEmail(form), subject: form.email.subject, sample: emailSample(form) };
    return [form.email.template, entry];
  }),
) as Record<Exclude<EmailTemplate, SystemTemplate>, Entry<ConfirmationEmailData>>;

export const TEMPLATES = { ...FORM_ENTRIES, ...SYSTEM } as { [T in EmailTemplate]: Entry<TemplateData[T]> };

export const EMAIL_TEMPLATES = Object.keys(TEMPLATES) as EmailTemplate[];

export function isTemplate(name: string): name is EmailTemplate {
  return Object.hasOwn(TEMPLATES, name);
}

/**
 * Messages that carry a one-click unsubscribe link and List-Unsubscribe header: the
 * invitation to a referred friend, and form emails that are marketing (the newsletter's).
 */
export const UNSUBSCRIBE_TEMPLATES: ReadonlySet<EmailTemplate> = new Set<EmailTemplate>([
  "referral-invitation",
  "comment-published",
  "comment-reply",
  ...LEAD_TYPES.filter((t) => "unsubscribe" in FORMS[t].email).map((t) => FORMS[t].email.template),
]);

/** Realistic data for every template, for the preview page and tests. */
export const EMAIL_SAMPLES = Object.fromEntries(EMAIL_TEMPLATES.map((t) => [t, TEMPLATES[t].sample])) as {
  [T in EmailTemplate]: { data: TemplateData[T]; ctx: RenderContext };
};
