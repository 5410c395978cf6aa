import { render, toPlainText } from "@react-email/components";
import { createElement } from "react";
import { siteConfig } from "../site-config";
import { EMAIL_TEMPLATES } from "./outbox";
import type { EmailTemplate, RenderContext, RenderedEmail, TemplateData } from "./template-data";
import { staffLabel, TEMPLATE_COMPONENTS } from "./templates";
import { OWNERSHIP_COPY } from "./templates/ownership-link";
import { redemptionDecision } from "./templates/redemption-decision";
import { count, discountPercent, referralPoints, str } from "./templates/values";

/**
 * Renders one outbox email: subject, HTML and plain text. Plain Node code (no Next.js), so
 * the dispatcher and scripts can use it.
 */

export function isTemplate(name: string): name is EmailTemplate {
  return (EMAIL_TEMPLATES as readonly string[]).includes(name);
}

/** Plain-text layout: headings as written (not upper-cased), label/value tables as columns. */
const TEXT_OPTIONS: NonNullable<Parameters<typeof toPlainText>[1]> = {
  selectors: [
    { selector: "h1", options: { uppercase: false } },
    { selector: "h2", options: { uppercase: false } },
    { selector: "table[data-table]", format: "dataTable", options: { uppercaseHeaderCells: false, maxColumnWidth: 60 } },
  ],
};

export const SUBJECT_MAX_LENGTH = 150;

/** One line: control characters and line breaks become spaces, runs of spaces collapse. */
function oneLine(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();
}

/** Shortens to at most `max` characters (code points), ending with an ellipsis when cut. */
function clip(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : chars.slice(0, max - 1).join("").trimEnd() + "…";
}

/** A user-supplied value for a subject: one line, at most 60 characters, or null. */
function part(value: unknown, max = 60): string | null {
  const s = str(value);
  if (!s) return null;
  const line = oneLine(s);
  return line ? clip(line, max) : null;
}

const SUBJECTS: { [T in EmailTemplate]: (data: TemplateData[T]) => string } = {
  "enroll-confirmation": () => `Your application to ${siteConfig.name}`,
  "quote-confirmation": () => `Your quote request to ${siteConfig.name}`,
  "referral-confirmation": (d) => {
    const p = referralPoints(d.points);
    return p && p.earnedNow > 0 ? `You earned ${count(p.earnedNow)} referral points` : `Thanks for referring your friends to ${siteConfig.name}`;
  },
  "newsletter-welcome": (d) => {
    const code = part(d.discountCode, 40);
    return code ? `Your ${discountPercent(d)}% discount code: ${code}` : `Welcome to the ${siteConfig.name} newsletter`;
  },
  "callback-confirmation": () => `Your call-back request to ${siteConfig.name}`,
  "redemption-confirmation": () => "Your request to spend your referral points",
  "redemption-decision": (d) => {
    const v = redemptionDecision(d);
    const what = v.points === null ? "your referral points" : `${count(v.points)} referral points`;
    if (v.decision === "approved") return `Approved: your request to spend ${what}`;
    if (v.decision === "rejected") return `Not approved: your request to spend ${what}`;
    return "An update on your request to spend your referral points";
  },
  "referral-invitation": (d) => `${part(d.referrerName) ?? "A friend"} invited you to ${siteConfig.name}`,
  "ownership-link": (d) => (OWNERSHIP_COPY[d.purpose] ?? OWNERSHIP_COPY["verify-email"]).title,
  "invite-confirmation": () => `Thanks for your interest in ${siteConfig.name}`,
  "staff-new-lead": (d) => {
    const who = part(d.name) ?? part(d.email) ?? part(d.phone);
    const label = part(staffLabel(d)) ?? "Form";
    return who ? `New lead: ${label} — ${who}` : `New lead: ${label}`;
  },
};

/** The subject line for a template and its data (single line, at most 150 characters). */
export function subjectFor<T extends EmailTemplate>(template: T, data: TemplateData[T]): string {
  const subject = SUBJECTS[template](data);
  return clip(oneLine(subject), SUBJECT_MAX_LENGTH);
}

export async function renderEmail<T extends EmailTemplate>(template: T, data: TemplateData[T], ctx: RenderContext): Promise<RenderedEmail> {
  if (!isTemplate(template)) throw new Error(`Unknown email template: ${String(template)}`);
  // Stored JSON may be from an older version of the data: templates read every field
  // defensively, but the object itself must exist.
  const safeData = (typeof data === "object" && data !== null ? data : {}) as TemplateData[T];
  const element = createElement(TEMPLATE_COMPONENTS[template], { data: safeData, ctx });
  const html = await render(element);
  // Same result as render(element, { plainText: true }) without rendering React twice.
  const text = toPlainText(html, TEXT_OPTIONS);
  return { subject: subjectFor(template, safeData), html, text };
}

/** Text options for the plain-text part, for callers that render an element themselves. */
export const PLAIN_TEXT_OPTIONS = TEXT_OPTIONS;

const siteUrl = "http://localhost:3000";
const leadId = "cm9x2k7q40001abcd1234efgh";

/** Realistic data for every template, for the preview page and tests. */
export const EMAIL_SAMPLES: { [T in EmailTemplate]: { data: TemplateData[T]; ctx: RenderContext } } = {
  "enroll-confirmation": {
    data: {
      leadId,
      formType: "enroll",
      name: "Ada Lovelace",
      summary: [
        { label: "Program", value: "Full-Stack Web Development" },
        { label: "Start date", value: "Monday, March 1, 2027" },
        { label: "Payment", value: "Monthly instalments" },
        { label: "Experience", value: "I have done tutorials or a short course" },
        { label: "Goals", value: "Move from analyst work into a developer role.\nBuild my own scheduling app." },
        { label: "Phone", value: "+44 20 7946 0958" },
      ],
    },
    ctx: { siteUrl },
  },
  "quote-confirmation": {
    data: {
      leadId,
      formType: "quote",
      name: "Grace Hopper",
      summary: [
        { label: "For", value: "A team" },
        { label: "Company", value: "Harbor Analytics" },
        { label: "Seats", value: "12" },
        { label: "Courses", value: "Data Analytics, Machine Learning Engineering" },
        { label: "Device", value: "macOS" },
        { label: "Best time to call", value: "Afternoon (12:00–17:00)" },
        { label: "Time zone", value: "America/Chicago" },
      ],
    },
    ctx: { siteUrl },
  },
  "referral-confirmation": {
    data: {
      leadId,
      formType: "referral",
      name: "Rita Moreno",
      summary: [
        { label: "Friend 1", value: "Sam Carter (sam.carter@example.com)" },
        { label: "Friend 2", value: "Priya Nair (priya.nair@example.com)" },
      ],
      points: { earnedNow: 200, pending: 300, confirmed: 500, referralCode: "K7QW3MZP", referralLink: `${siteUrl}/r/K7QW3MZP` },
    },
    ctx: { siteUrl },
  },
  "newsletter-welcome": {
    data: {
      leadId,
      formType: "newsletter",
      name: "Linus Chen",
      summary: [{ label: "Email", value: "linus.chen@example.com" }],
      discountCode: "LOOM20-9XK4TQ2M",
      discountPercent: 20,
    },
    ctx: { siteUrl, unsubscribeUrl: `${siteUrl}/unsubscribe/8f3a1c2e9b7d4e6f` },
  },
  "callback-confirmation": {
    data: {
      leadId,
      formType: "callback",
      name: "Omar Haddad",
      summary: [
        { label: "Phone", value: "+1 555 014 7788" },
        { label: "Course", value: "Machine Learning Engineering" },
        { label: "Device", value: "Windows" },
        { label: "Best time to call", value: "Evening (17:00–20:00)" },
        { label: "Time zone", value: "America/New_York" },
      ],
    },
    ctx: { siteUrl },
  },
  "redemption-confirmation": {
    data: {
      leadId,
      formType: "redemption",
      name: "Rita Moreno",
      summary: [
        { label: "Reward", value: "A device (laptop or tablet)" },
        { label: "Points to use", value: "500" },
        { label: "Details", value: "A refurbished laptop for my course, if possible." },
      ],
    },
    ctx: { siteUrl },
  },
  "redemption-decision": {
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
  },
  "referral-invitation": {
    data: {
      friendName: "Sam Carter",
      note: "You kept saying you wanted to get into data work. Their evening cohorts fit around a job!",
      referrerName: "Rita",
      referralLink: `${siteUrl}/r/K7QW3MZP`,
      confirmUrl: `${siteUrl}/invite/ABCDEFGHJKMNPQRSTUVWXYZ2`,
    },
    ctx: { siteUrl, unsubscribeUrl: `${siteUrl}/unsubscribe/2d9c4b7a1e3f5a6c` },
  },
  "ownership-link": {
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
  },
  "invite-confirmation": {
    data: {
      leadId,
      formType: "invite",
      name: "Sam Carter",
      summary: [
        { label: "Name", value: "Sam Carter" },
        { label: "Email", value: "sam.carter@example.com" },
        { label: "Invited by", value: "Rita Moreno" },
      ],
    },
    ctx: { siteUrl },
  },
  "staff-new-lead": {
    data: {
      leadId,
      formType: "enroll",
      label: "Enrollment application",
      name: "Ada Lovelace",
      email: "ada.lovelace@example.com",
      phone: "+44 20 7946 0958",
      summary: [
        { label: "Program", value: "Full-Stack Web Development" },
        { label: "Start date", value: "Monday, March 1, 2027" },
        { label: "Payment", value: "Monthly instalments" },
        { label: "Experience", value: "I have done tutorials or a short course" },
      ],
      attribution: [
        { label: "UTM source", value: "newsletter" },
        { label: "UTM campaign", value: "spring-cohorts" },
        { label: "Article", value: "/guides/machine-learning-engineer" },
      ],
      consoleUrl: `${siteUrl}/console/leads/${leadId}`,
    },
    ctx: { siteUrl },
  },
};
