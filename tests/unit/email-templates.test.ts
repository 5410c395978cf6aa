import { render } from "@react-email/components";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { EMAIL_SAMPLES, isTemplate, PLAIN_TEXT_OPTIONS, renderEmail, SUBJECT_MAX_LENGTH } from "@/lib/email/render";
import type { ConfirmationEmailData, EmailTemplate, RenderContext, TemplateData } from "@/lib/email/template-data";
import { EMAIL_TEMPLATES, TEMPLATES } from "@/lib/email/templates/catalog";
import { FORM_EMAIL_TEMPLATES } from "@/lib/forms/registry";
import { siteConfig } from "@/lib/site-config";

/** Every form's confirmation template, from the registry. */
const CONFIRMATIONS = FORM_EMAIL_TEMPLATES satisfies readonly EmailTemplate[];

const sample = <T extends EmailTemplate>(t: T) => EMAIL_SAMPLES[t];
const renderSample = <T extends EmailTemplate>(t: T) => renderEmail(t, sample(t).data, sample(t).ctx);

/** The facts each sample email must carry, in both the HTML and the plain text. */
const KEY_FACTS: { [T in EmailTemplate]: string[] } = {
  "enroll-confirmation": ["Ada Lovelace", "two working days", "Nothing is charged", "Full-Stack Web Development", "Monthly instalments"],
  "quote-confirmation": ["Grace Hopper", "written quote within two working days", "Harbor Analytics", "America/Chicago"],
  "referral-confirmation": [
    "Rita Moreno",
    "200 points",
    "300 points",
    "500 points",
    "http://localhost:3000/r/K7QW3MZP",
    "K7QW3MZP",
    "100 points for each friend",
    "no limit",
    "Pending points cannot be spent yet",
    "1 point = $1 off tuition",
    "Refurbished laptop",
    "2,000 points",
    "referral program terms",
    "200 pending points",
    "http://localhost:3000/refer",
    "Sam Carter",
  ],
  "newsletter-welcome": ["Linus Chen", "LOOM20-9XK4TQ2M", "20%", "one-click unsubscribe", "http://localhost:3000/unsubscribe/8f3a1c2e9b7d4e6f"],
  "callback-confirmation": ["Omar Haddad", "at the time you chose", "within one working day", "+12025550143"],
  "staff-message": ["Hi Omar,", "Machine Learning Engineering", "20-minute call", "Dana Whitfield", "Admissions advisor"],
  "task-digest": [
    "Dana Whitfield",
    "Tuesday, 8 December 2026",
    "America/Chicago",
    "Overdue",
    "Omar Haddad",
    "7 Dec 2026, 16:30",
    "Ask about funding",
    "Due today",
    "Rita Moreno",
    "Leads without a next task",
    "Sam Carter",
    "http://localhost:3000/console/tasks",
  ],
  "booking-confirmation": ["Omar Haddad", "Admissions call", "Machine Learning Engineering", "I would like to hear about the evening schedule."],
  booking: [
    "Your call is booked",
    "Admissions call with Dana Whitfield is confirmed",
    "will call you on +12025550143",
    "Thursday, 10 December 2026, 12:00–12:20",
    "Pacific Time (Los",
    "UTC−08:00",
    "Machine Learning Engineering",
    "The invite attached to this email adds the call to your calendar",
    "Reschedule or cancel",
    "http://localhost:3000/book/manage/7QW3MZPK2D9C4B7A1E3F5A6C",
  ],
  "syllabus-confirmation": [
    "Machine Learning Engineering",
    "amara.okafor@example.com",
    "http://localhost:3000/syllabus/download/q1Jx8mR3vT0aLw5zKp9cYb2nHf7gDe4sUi6oPq_Xk-A",
    "7 days",
    "December 13, 2026",
  ],
  "redemption-confirmation": ["Rita Moreno", "within two working days", "only deducted once your request is approved", "Refurbished laptop", "2,000"],
  "redemption-decision": [
    "Rita Moreno",
    "could not approve your request to spend 500 points",
    "out of refurbished laptops this term",
    "No points were deducted",
    "still 700 points",
    "A device (laptop or tablet)",
    "A refurbished laptop for my course",
    "http://localhost:3000/refer",
  ],
  "comment-published": [
    "Priya Nair",
    "Your comment is published",
    "Machine learning engineer salary and job outlook",
    "bonuses and equity",
    "http://localhost:3000/careers/machine-learning-engineer/salary-and-job-outlook#comments",
    "Stop these emails",
  ],
  "comment-reply": ["Priya Nair", "Dana Whitfield replied", "Base pay only", "bonuses and equity", "Stop these emails"],
  "comment-confirmation": [
    "Priya Nair",
    "An admissions advisor will contact you",
    "bonuses and equity",
    "Machine learning engineer salary",
    "Advisor may contact me",
  ],
  "referral-invitation": [
    "Sam Carter",
    "Rita invited you",
    "evening cohorts fit around a job",
    "http://localhost:3000/invite/ABCDEFGHJKMNPQRSTUVWXYZ2",
    "http://localhost:3000/r/K7QW3MZP",
    "Opt out in one click",
    "http://localhost:3000/unsubscribe/2d9c4b7a1e3f5a6c",
  ],
  "password-reset": ["Ada Admin", "http://localhost:3000/console/reset-password/Vq3Jd8sKx0VnR2mT5wYb7cE1", "works once", "March 2, 2027", "signed out"],
  "ownership-link": [
    "Confirm your points request",
    "Rita Moreno",
    "A device (laptop or tablet)",
    "http://localhost:3000/confirm/q3Jd8sKx0VnR2mT5wYb7cE1fH4jL6pN9aZ0uGi2oXk8",
    "works once, until Tuesday, March 2, 2027 at 14:05 UTC",
    "Nothing is filed until you confirm",
  ],
  "invite-confirmation": ["Sam Carter", "Thanks for your interest", "within two working days", "Invited by", "Rita Moreno"],
  "event-confirmation": [
    "Ada Park",
    "You have a seat.",
    "Info session: Full-stack web development",
    "Thursday, December 10, 2026",
    "https://meet.example.com/loomstack-info",
    "/calendar.ics",
    "Cancel my seat",
    "a reminder the day before and one hour before",
    "cancel with the link below",
  ],
  "event-update": [
    "Ada Park",
    "A seat freed up: it is yours",
    "You now have a seat",
    "Info session: Full-stack web development",
    "/calendar.ics",
    "Cancel my seat",
  ],
  "staff-new-lead": [
    "Enrollment application",
    "Ada Lovelace",
    "ada.lovelace@example.com",
    "+442079460958",
    "Full-Stack Web Development",
    "spring-cohorts",
    "Open in the console",
    "http://localhost:3000/console/leads/cm9x2k7q40001abcd1234efgh",
  ],
};

/** React separates adjacent text nodes with empty comments; drop them to search the text. */
const withoutMarkers = (html: string) => html.replace(/<!-- -->/g, "");

/** HTML text content is entity-escaped; compare against the escaped form. */
const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/'/g, "&#x27;").replace(/"/g, "&quot;");

describe("email templates", () => {
  it("has a component and a sample for every outbox template", () => {
    expect(Object.keys(TEMPLATES).sort()).toEqual([...EMAIL_TEMPLATES].sort());
    expect(Object.keys(EMAIL_SAMPLES).sort()).toEqual([...EMAIL_TEMPLATES].sort());
    for (const t of EMAIL_TEMPLATES) expect(EMAIL_SAMPLES[t].ctx.siteUrl).toBe("http://localhost:3000");
  });

  it("isTemplate accepts template names only", () => {
    for (const t of EMAIL_TEMPLATES) expect(isTemplate(t)).toBe(true);
    expect(isTemplate("nope")).toBe(false);
    expect(isTemplate("")).toBe(false);
    expect(isTemplate("toString")).toBe(false);
  });

  it("rejects an unknown template at run time", async () => {
    await expect(renderEmail("nope" as EmailTemplate, {} as never, { siteUrl: "http://localhost:3000" })).rejects.toThrow(/Unknown email template/);
  });

  describe.each(EMAIL_TEMPLATES)("%s", (template) => {
    it("renders its sample: one-line subject, key facts in HTML and plain text, brand footer", async () => {
      const { subject, html, text } = await renderSample(template);
      expect(subject.trim()).not.toBe("");
      expect(subject).not.toMatch(/[\r\n]/);
      expect(subject.length).toBeLessThanOrEqual(SUBJECT_MAX_LENGTH);
      expect(html).toMatch(/^<!DOCTYPE html/);
      expect(html).not.toContain("<script");
      for (const fact of [...KEY_FACTS[template], siteConfig.name, siteConfig.contact.email, siteConfig.contact.address]) {
        expect(withoutMarkers(html), `HTML should contain ${fact}`).toContain(escapeHtml(fact));
        expect(text, `text should contain ${fact}`).toContain(fact);
      }
      expect(text).not.toMatch(/<[a-z]/i);
    });

    it("plain text equals render(element, { plainText: true })", async () => {
      const { data, ctx } = sample(template);
      const element = createElement(TEMPLATES[template].Component as never, { data, ctx } as never);
      const expected = await render(element, { plainText: true, htmlToTextOptions: PLAIN_TEXT_OPTIONS });
      expect((await renderSample(template)).text).toBe(expected);
    });
  });

  it("subject lines", async () => {
    const subjects = Object.fromEntries(await Promise.all(EMAIL_TEMPLATES.map(async (t) => [t, (await renderSample(t)).subject])));
    expect(subjects).toEqual({
      "enroll-confirmation": "Your application to Loomstack Academy",
      "booking-confirmation": "Your call is booked",
      "comment-confirmation": "Your comment on Loomstack Academy: an advisor will be in touch",
      booking: "Your call is booked: Admissions call, Thursday, 10 December 2026, 12:00 Pacific Time (Los Angeles), UTC−08:00",
      "comment-published": "Your comment is published",
      "comment-reply": "Dana Whitfield replied to your comment",
      "quote-confirmation": "Your quote request to Loomstack Academy",
      "referral-confirmation": "200 points pending for referring your friends",
      "newsletter-welcome": "Your 20% discount code: LOOM20-9XK4TQ2M",
      "callback-confirmation": "Your call-back request to Loomstack Academy",
      "redemption-confirmation": "Your request to spend your referral points",
      "redemption-decision": "Not approved: your request to spend 500 referral points",
      "referral-invitation": "Rita invited you to Loomstack Academy",
      "staff-new-lead": "New lead: Enrollment application — Ada Lovelace",
      "ownership-link": "Confirm your points request",
      "password-reset": "Choose a new password for the staff console",
      "staff-message": "Your application to Machine Learning Engineering",
      "task-digest": "Your tasks: 1 overdue, 1 due today, 1 lead without a next task",
      "invite-confirmation": "Thanks for your interest in Loomstack Academy",
      "syllabus-confirmation": "Your Machine Learning Engineering syllabus",
      "event-confirmation": "Your seat: Info session: Full-stack web development",
      "event-update": "You have a seat: Info session: Full-stack web development",
    });
  });

  it("keeps subjects on one line and short whatever the user typed", async () => {
    const invitation = await renderEmail(
      "referral-invitation",
      { ...sample("referral-invitation").data, referrerName: "Rita\r\nBcc: victim@example.com\n" + "x".repeat(500) },
      sample("referral-invitation").ctx,
    );
    expect(invitation.subject).not.toMatch(/[\r\n]/);
    expect(invitation.subject.length).toBeLessThanOrEqual(SUBJECT_MAX_LENGTH);
    expect(invitation.subject).toMatch(/^Rita Bcc: victim@example\.com x+… invited you to Loomstack Academy$/);

    const staff = await renderEmail(
      "staff-new-lead",
      { ...sample("staff-new-lead").data, name: "\n\n", email: "a@b.example\r\n" },
      { siteUrl: "http://localhost:3000" },
    );
    expect(staff.subject).toBe("New lead: Enrollment application — a@b.example");
  });

  it("escapes user-supplied text in every template", async () => {
    const evil = `<script>alert(1)</script>`;
    const evilRows = [{ label: evil, value: `<img src=x onerror=alert(1)>` }];
    const ctx: RenderContext = { siteUrl: "http://localhost:3000", unsubscribeUrl: "http://localhost:3000/unsubscribe/x" };
    const cases: { [T in EmailTemplate]: TemplateData[T] } = {
      "enroll-confirmation": { ...sample("enroll-confirmation").data, name: evil, summary: evilRows },
      "quote-confirmation": { ...sample("quote-confirmation").data, name: evil, summary: evilRows },
      "referral-confirmation": { ...sample("referral-confirmation").data, name: evil, summary: evilRows },
      "newsletter-welcome": { ...sample("newsletter-welcome").data, name: evil, summary: evilRows, discountCode: evil },
      "callback-confirmation": { ...sample("callback-confirmation").data, name: evil, summary: evilRows },
      "booking-confirmation": { ...sample("booking-confirmation").data, name: evil, summary: evilRows },
      "redemption-confirmation": { ...sample("redemption-confirmation").data, name: evil, summary: evilRows },
      "redemption-decision": { ...sample("redemption-decision").data, name: evil, reward: evil, details: evil, reason: evil },
      "referral-invitation": { ...sample("referral-invitation").data, friendName: evil, referrerName: evil, note: evil },
      "staff-new-lead": { ...sample("staff-new-lead").data, name: evil, email: evil, phone: evil, summary: evilRows, attribution: evilRows },
      "ownership-link": { ...sample("ownership-link").data, name: evil, summary: evilRows },
      "password-reset": { ...sample("password-reset").data, name: evil },
      "staff-message": { subject: evil, body: `${evil}\n\n${evil}` },
      "task-digest": {
        ...sample("task-digest").data,
        name: evil,
        overdue: [{ kind: evil, lead: evil, due: evil, title: evil, url: "http://localhost:3000/console/leads/x" }],
        noNextTask: [{ lead: evil, status: evil, url: "http://localhost:3000/console/leads/y" }],
      },
      "invite-confirmation": { ...sample("invite-confirmation").data, name: evil, summary: evilRows },
      "syllabus-confirmation": { ...sample("syllabus-confirmation").data, name: evil, summary: evilRows },
      "event-confirmation": { ...sample("event-confirmation").data, name: evil, summary: evilRows },
      "event-update": { ...sample("event-update").data, name: evil },
      booking: { ...sample("booking").data, callTypeName: evil, visitor: { name: evil, email: evil, phone: evil }, advisor: { name: evil, email: evil } },
      "comment-confirmation": { ...sample("comment-confirmation").data, name: evil, summary: evilRows },
      "comment-published": { ...sample("comment-published").data, name: evil, articleTitle: evil, comment: evil },
      "comment-reply": { ...sample("comment-reply").data, name: evil, articleTitle: evil, comment: evil, reply: evil, replyAuthor: evil },
    };
    for (const t of EMAIL_TEMPLATES) {
      const { html, text } = await renderEmail(t, cases[t] as never, ctx);
      expect(html, t).not.toContain("<script");
      expect(html, t).not.toContain("<img");
      expect(withoutMarkers(html), t).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      expect(text, t).toContain(evil);
    }
  });

  it("never puts a non-http link in an href", async () => {
    const { html } = await renderEmail(
      "referral-invitation",
      { ...sample("referral-invitation").data, confirmUrl: "javascript:alert(1)", referralLink: "data:text/html,hi" },
      { siteUrl: "http://localhost:3000", unsubscribeUrl: "javascript:alert(2)" },
    );
    expect(html).not.toMatch(/javascript:|data:text/);
    expect(html).not.toContain("Yes, I am interested");
    expect(html).not.toContain("Opt out in one click");
  });

  it("shows the unsubscribe link in referral-invitation and newsletter-welcome only when given", async () => {
    for (const t of ["referral-invitation", "newsletter-welcome"] as const) {
      const unsubscribeUrl = "http://localhost:3000/unsubscribe/tok123";
      const withLink = await renderEmail(t, sample(t).data as never, { siteUrl: "http://localhost:3000", unsubscribeUrl });
      expect(withLink.html, t).toContain(`href="${unsubscribeUrl}"`);
      expect(withLink.text, t).toContain(unsubscribeUrl);
      const without = await renderEmail(t, sample(t).data as never, { siteUrl: "http://localhost:3000" });
      expect(without.html, t).not.toContain("/unsubscribe/");
    }
    const invitation = await renderSample("referral-invitation");
    expect(invitation.text).toMatch(/Don't want emails from us\? Opt out in one click http:\/\/localhost:3000\/unsubscribe\//);
  });

  it("renders confirmations with a missing or empty summary and no name", async () => {
    for (const t of CONFIRMATIONS) {
      const { summary: _summary, ...rest } = sample(t).data;
      const missing = { ...rest, name: null } as unknown as ConfirmationEmailData;
      for (const data of [missing, { ...missing, summary: [] }, { ...missing, summary: "not rows" as never }]) {
        const { subject, html, text } = await renderEmail(t, data, sample(t).ctx);
        expect(subject).not.toBe("");
        expect(html).toContain("What happens next");
        expect(html).not.toContain("What you sent us");
        expect(text).toContain("Hello,");
      }
    }
  });

  it("tolerates old or partial data shapes", async () => {
    const ctx = { siteUrl: "http://localhost:3000" };
    // An older confirmation row stored raw `fields` instead of `summary`, and no points.
    const old = { leadId: "x", formType: "referral", name: "Rita", fields: { friends: [] } } as unknown as ConfirmationEmailData;
    for (const t of CONFIRMATIONS) await expect(renderEmail(t, old, ctx)).resolves.toMatchObject({ subject: expect.any(String) });

    const referral = await renderEmail("referral-confirmation", old, ctx);
    expect(referral.subject).toBe("Thanks for referring your friends to Loomstack Academy");
    expect(referral.text).toContain("1 point = $1 off tuition");

    const noCode = await renderEmail("newsletter-welcome", { leadId: "x", formType: "newsletter", name: null, summary: [] }, ctx);
    expect(noCode.subject).toBe("Welcome to the Loomstack Academy newsletter");
    expect(noCode.text).toContain("already one of our students");

    const partialPoints = await renderEmail("referral-confirmation", { ...old, points: { earnedNow: 0 } as never }, ctx);
    expect(partialPoints.text).toContain("no new points");

    const staff = await renderEmail("staff-new-lead", { leadId: "x", formType: "callback", consoleUrl: "http://localhost:3000/console/leads/x" } as never, ctx);
    expect(staff.subject).toBe("New lead: Call-back request");
    expect(staff.text).toContain("Open in the console http://localhost:3000/console/leads/x");

    await expect(renderEmail("referral-invitation", {} as never, ctx)).resolves.toMatchObject({ subject: "A friend invited you to Loomstack Academy" });
    await expect(renderEmail("enroll-confirmation", null as never, ctx)).resolves.toMatchObject({ subject: "Your application to Loomstack Academy" });
  });

  it("shows the newsletter code with its own percent", async () => {
    const { subject, text } = await renderEmail(
      "newsletter-welcome",
      { ...sample("newsletter-welcome").data, discountCode: "LOOM15-ABCDEFGH", discountPercent: 15 },
      sample("newsletter-welcome").ctx,
    );
    expect(subject).toBe("Your 15% discount code: LOOM15-ABCDEFGH");
    expect(text).toContain("15% off your next course");
  });

  describe("redemption-decision", () => {
    const ctx = { siteUrl: "http://localhost:3000" };
    const rejected = sample("redemption-decision").data;
    const approved = { ...rejected, decision: "approved" as const, confirmedBalance: 200, reason: null };

    it("approval: points redeemed, what was asked for and the confirmed balance left; no rejection wording", async () => {
      const { subject, html, text } = await renderEmail("redemption-decision", approved, ctx);
      expect(subject).toBe("Approved: your request to spend 500 referral points");
      for (const fact of [
        "approved your request to spend 500 points",
        "We deducted 500 points",
        "200 points confirmed left",
        "Points redeemed",
        "Confirmed balance left",
        "A device (laptop or tablet)",
        "A refurbished laptop for my course",
      ]) {
        expect(text, fact).toContain(fact);
        expect(withoutMarkers(html), fact).toContain(escapeHtml(fact));
      }
      expect(text).not.toMatch(/not approved|No points were deducted|Why/);
    });

    it("approval never shows a reason, even if the data carries one", async () => {
      const { text } = await renderEmail("redemption-decision", { ...approved, reason: "Internal: checked by Sam" }, ctx);
      expect(text).not.toContain("Internal: checked by Sam");
    });

    it("rejection without a reason has no reason section", async () => {
      const { subject, text } = await renderEmail("redemption-decision", { ...rejected, reason: null }, ctx);
      expect(subject).toBe("Not approved: your request to spend 500 referral points");
      expect(text).toContain("No points were deducted. Your confirmed balance is still 700 points.");
      expect(text).not.toContain("Why");
      const blank = await renderEmail("redemption-decision", { ...rejected, reason: "   " }, ctx);
      expect(blank.text).not.toContain("Why");
    });

    it("is transactional: no unsubscribe link even when a context carries one", async () => {
      for (const data of [rejected, approved]) {
        const { html } = await renderEmail("redemption-decision", data, { ...ctx, unsubscribeUrl: "http://localhost:3000/unsubscribe/tok" });
        expect(html).not.toContain("/unsubscribe/");
      }
    });

    it("a request that did not say how many points, a singular point, a zero balance", async () => {
      const noPoints = await renderEmail("redemption-decision", { ...rejected, points: null, reason: null }, ctx);
      expect(noPoints.subject).toBe("Not approved: your request to spend your referral points");
      expect(noPoints.text).toContain("spend your referral points");
      const one = await renderEmail("redemption-decision", { ...approved, points: 1, confirmedBalance: 0 }, ctx);
      expect(one.text).toContain("We deducted 1 point from");
      expect(one.text).toContain("0 points confirmed left");
    });

    it("tolerates old or partial data: an unknown decision is neither approved nor rejected", async () => {
      for (const data of [{}, null, { decision: "maybe", points: "500", confirmedBalance: "x" }]) {
        const out = await renderEmail("redemption-decision", data as never, ctx);
        expect(out.subject).toBe("An update on your request to spend your referral points");
        expect(out.text).toContain("Hello,");
        expect(out.text).not.toMatch(/approved|deducted/i);
      }
    });
  });
});
