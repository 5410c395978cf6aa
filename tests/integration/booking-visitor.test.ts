/**
 * The visitor's side of call booking, on a real database (SQLite, or PostgreSQL with
 * TEST_DATABASE=postgres): /book's confirm step through the form pipeline (a lead of its
 * own), a time taken meanwhile (nothing saved, the next free times offered), the
 * attribution of the browser's first view of /book, a booking attached to the lead a
 * call-back request just made, and the manage link's reschedule and cancel.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { testSubmissionDeps } from "../helpers/submissions";
import { leadIdFromRef, signLeadRef } from "@/lib/booking/attach";
import { bookingByManageToken } from "@/lib/booking/book";
import { createMemoryRateLimiter } from "@/lib/rate-limit";
import { recordBookingVisit, visitAttribution, type VisitLimiter } from "@/lib/booking/visit";
import { runBookingAction } from "@/lib/forms/booking/action";
import { cancelFromLink, rescheduleFromLink } from "@/lib/forms/booking/manage";
import { loadBookPage } from "@/lib/forms/booking/page-data";
import { SLOT_TAKEN_MESSAGE } from "@/lib/forms/booking/options";
import { runFormAction } from "@/lib/leads/run-form-action";

const t = createTestDb();
const deps = testSubmissionDeps(t.db);
/** A Monday noon: the advisor works every day 09:00–17:00 in Chicago (UTC−6 in December). */
const now = new Date("2026-12-07T18:00:00.000Z");
const CALL_TYPE = `admissions-${randomUUID().slice(0, 6)}`;
let advisorName = "";
let ipN = 0;
const request = (visitorId?: string) => ({ ip: `198.51.100.${(ipN++ % 250) + 1}`, firstTouch: visitorId ? { visitorId } : {}, now });
const visitorId = () => randomUUID().replace(/-/g, "").slice(0, 22);

function post(fields: Record<string, string | undefined>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) data.set(k, v);
  return data;
}

/** The confirm step's post for a time, as the page renders it. */
const booking = (startsAt: string, who: { name: string; email: string; note?: string }, more: Record<string, string> = {}) =>
  post({ callType: CALL_TYPE, startsAt, timeZone: "America/Los_Angeles", consent: "on", submissionToken: randomUUID(), ...who, ...more });

const counts = async () => ({
  leads: await t.db.lead.count(),
  contacts: await t.db.contact.count(),
  submissions: await t.db.leadSubmission.count(),
  bookings: await t.db.booking.count(),
  emails: await t.db.emailMessage.count(),
});

beforeAll(async () => {
  const callType = await t.db.callType.create({ data: { slug: CALL_TYPE, name: "Admissions call", durationMinutes: 20, position: -1 } });
  const id = `adv-${randomUUID().slice(0, 8)}`;
  advisorName = `Dana ${id}`;
  await t.db.user.create({ data: { id, name: advisorName, email: `${id}@staff.loomstack.example`, role: "staff" } });
  await t.db.advisor.create({
    data: {
      userId: id,
      timeZone: "America/Chicago",
      weeklyHours: JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: "09:00", end: "17:00" }))),
      bufferMinutes: 10,
      minNoticeMinutes: 120,
      horizonDays: 21,
      callTypes: { create: [{ callTypeId: callType.id }] },
    },
  });
});
afterAll(() => t.cleanup());

describe("booking from /book", () => {
  it("books a free time as a lead of its own, with the booking's emails and no generic confirmation", async () => {
    const email = `ada-${randomUUID().slice(0, 6)}@example.com`;
    // Tuesday 10:00 in Chicago = 16:00 UTC = 8:00 AM in Los Angeles.
    const state = await runBookingAction(undefined, booking("2026-12-08T16:00:00.000Z", { name: "Ada Park", email }), request(), deps);
    expect(state.status, JSON.stringify(state)).toBe("success");
    expect(state.success?.headline).toBe("Your call is booked");
    expect(state.success?.nextSteps[0]).toBe(
      `Admissions call with ${advisorName}: Tuesday, December 8, 2026, 8:00 AM to 8:20 AM, Pacific Time (Los Angeles), UTC−08:00.`,
    );

    const lead = await t.db.lead.findFirstOrThrow({ where: { email }, include: { submissions: true } });
    expect(lead).toMatchObject({ formType: "booking", name: "Ada Park", consentVersion: "contact-2026-11" });
    const b = await t.db.booking.findFirstOrThrow({ where: { leadId: lead.id } });
    expect(b).toMatchObject({ startsAt: new Date("2026-12-08T16:00:00.000Z"), visitorTimeZone: "America/Los_Angeles", status: "booked" });
    const mail = await t.db.emailMessage.findMany({ where: { leadId: lead.id }, select: { template: true, toAddress: true } });
    expect(mail.filter((m) => m.template === "booking").map((m) => m.toAddress)).toContain(email);
    expect(mail.filter((m) => m.template === "booking").length).toBeGreaterThanOrEqual(2);
    expect(mail.some((m) => m.template === "booking-confirmation")).toBe(false);
  });

  it("refuses a time taken meanwhile next to it, saves nothing, and offers the next free times", async () => {
    const first = await runBookingAction(
      undefined,
      booking("2026-12-09T16:00:00.000Z", { name: "Fay First", email: `fay-${randomUUID().slice(0, 6)}@example.com` }),
      request(),
      deps,
    );
    expect(first.status).toBe("success");
    const before = await counts();
    const email = `sol-${randomUUID().slice(0, 6)}@example.com`;
    const state = await runBookingAction(
      undefined,
      booking("2026-12-09T16:00:00.000Z", { name: "Sol Second", email, note: "Evenings are best." }),
      request(),
      deps,
    );
    expect(state.status).toBe("error");
    expect(state.fieldErrors).toEqual({ startsAt: SLOT_TAKEN_MESSAGE });
    // What was typed comes back, and nothing was saved: no lead, contact, submission, booking or email.
    expect(state.values).toMatchObject({ name: "Sol Second", email, note: "Evenings are best." });
    expect(await counts()).toEqual(before);
    expect(await t.db.contact.findUnique({ where: { email } })).toBeNull();
    // The next free times: after the call (20 min) and the advisor's 10-minute buffer, on the 15-minute grid.
    expect(state.nextSlots?.map((s) => s.startsAt)).toEqual([
      "2026-12-09T16:30:00.000Z",
      "2026-12-09T16:45:00.000Z",
      "2026-12-09T17:00:00.000Z",
      "2026-12-09T17:15:00.000Z",
      "2026-12-09T17:30:00.000Z",
    ]);
    expect(state.nextSlots?.[0].label).toBe("Wed, Dec 9, 8:30 AM");
    expect(state.nextSlots?.[0].href).toContain("slot=2026-12-09T16%3A30%3A00.000Z");
  });

  it("keeps the attribution of the browser's first view of /book, once, and gives it to the booking", async () => {
    const vid = visitorId();
    const limiter: VisitLimiter = { allow: async () => true };
    const first = visitAttribution(
      { utm_source: "newsletter", utm_campaign: "winter", cta: "guide-footer" },
      { referrer: "https://news.example/" },
      "/book?utm_source=newsletter",
    );
    expect(await recordBookingVisit(t.db, { visitorId: vid, ip: "203.0.113.5", attribution: first, now, limiter })).toBe("recorded");
    const later = visitAttribution({ utm_source: "google" }, {}, "/book?utm_source=google");
    expect(await recordBookingVisit(t.db, { visitorId: vid, ip: "203.0.113.5", attribution: later, now, limiter })).toBe("known");
    expect(await t.db.bookingVisit.count({ where: { visitorId: vid } })).toBe(1);

    // Booked later from the same browser, through a link with other UTMs: the visit's win.
    const email = `vic-${randomUUID().slice(0, 6)}@example.com`;
    const state = await runBookingAction(
      undefined,
      booking("2026-12-10T16:00:00.000Z", { name: "Vic Visit", email }, { utm_source: "later" }),
      request(vid),
      deps,
    );
    expect(state.status).toBe("success");
    const lead = await t.db.lead.findFirstOrThrow({ where: { email } });
    expect(lead).toMatchObject({
      utmSource: "newsletter",
      utmCampaign: "winter",
      cta: "guide-footer",
      referrerUrl: "https://news.example/",
      landingPage: "/book?utm_source=newsletter",
    });
    expect(await t.db.bookingVisit.findUniqueOrThrow({ where: { visitorId: vid } })).toMatchObject({ leadId: lead.id, bookedAt: now });
  });

  it("records nothing past the limit of new visits per address, and nothing without a browser id", async () => {
    const store = createMemoryRateLimiter({ ip: { points: 2, durationSeconds: 3600 }, identity: { points: 2, durationSeconds: 3600 } });
    const limiter: VisitLimiter = { allow: async (ip) => (await store.consume("booking", { ip })).ok };
    const attribution = visitAttribution({}, {}, "/book");
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await recordBookingVisit(t.db, { visitorId: visitorId(), ip: "203.0.113.77", attribution, now, limiter }));
    expect(outcomes).toEqual(["recorded", "recorded", "limited", "limited"]);
    expect(await recordBookingVisit(t.db, { visitorId: undefined, ip: "203.0.113.78", attribution, now, limiter })).toBe("no-browser-id");
  });
});

describe("booking for the lead a form just made", () => {
  async function callBack(phone: string) {
    const state = await runFormAction(
      "callback",
      undefined,
      post({
        name: "Omar Haddad",
        phone,
        course: "not-sure",
        platform: "linux",
        bestTime: "morning",
        timeZone: "America/New_York",
        consent: "on",
        submissionToken: randomUUID(),
      }),
      request(),
      deps,
    );
    expect(state.status).toBe("success");
    return new URL(state.bookCallHref!, "https://x.example");
  }

  it("offers the call-back's success panel a signed link, and books on that lead, with the email it lacked", async () => {
    const href = await callBack("+1 415 555 0101");
    expect(href.pathname).toBe("/book");
    expect(href.searchParams.get("type")).toBe("admissions-call");
    const ref = href.searchParams.get("for")!;
    const leadId = leadIdFromRef(ref)!;
    expect(await t.db.lead.findUniqueOrThrow({ where: { id: leadId } })).toMatchObject({ formType: "callback", email: null });

    const page = await loadBookPage(t.db, { params: { for: ref, type: CALL_TYPE }, carry: {}, now });
    expect(page.open && page.attached).toEqual({ ref, name: "Omar Haddad", needsEmail: true });

    const before = await counts();
    const at = "2026-12-11T16:00:00.000Z";
    const missing = await runBookingAction(undefined, post({ callType: CALL_TYPE, startsAt: at, timeZone: "America/New_York", for: ref }), request(), deps);
    expect(missing.fieldErrors).toEqual({ email: "Enter your email address so we can send you the invite." });
    const email = `omar-${randomUUID().slice(0, 6)}@example.com`;
    const fields = { callType: CALL_TYPE, startsAt: at, timeZone: "America/New_York", for: ref, email };
    const state = await runBookingAction(undefined, post(fields), request(), deps);
    expect(state.status, JSON.stringify(state)).toBe("success");
    expect(state.success?.nextSteps[0]).toContain("Friday, December 11, 2026, 11:00 AM to 11:20 AM, Eastern Time (New York)");
    // Posted again (a double click without JavaScript): the same call, not a second one.
    expect((await runBookingAction(undefined, post(fields), request(), deps)).status).toBe("success");

    const after = await counts();
    expect(after.leads).toBe(before.leads);
    expect(after.bookings).toBe(before.bookings + 1);
    const b = await t.db.booking.findFirstOrThrow({ where: { leadId } });
    expect(b).toMatchObject({ startsAt: new Date(at), visitorTimeZone: "America/New_York" });
    expect(await t.db.lead.findUniqueOrThrow({ where: { id: leadId } })).toMatchObject({ email });
    const visitorMail = await t.db.emailMessage.findMany({ where: { leadId, template: "booking", toAddress: email } });
    expect(visitorMail.length).toBeGreaterThan(0);
  });

  it("refuses a forged or edited reference with a plain message, and the page falls back to the ordinary form", async () => {
    const href = await callBack("+1 415 555 0102");
    const leadId = leadIdFromRef(href.searchParams.get("for"))!;
    const forged = `${leadId}.${signLeadRef(leadId, "someone-elses-key").split(".")[1]}`;
    const before = await counts();
    const state = await runBookingAction(
      undefined,
      post({ callType: CALL_TYPE, startsAt: "2026-12-11T17:00:00.000Z", timeZone: "UTC", for: forged, email: "x@example.com" }),
      request(),
      deps,
    );
    expect(state).toMatchObject({ status: "error", message: expect.stringMatching(/^This booking link does not work/) });
    expect(await counts()).toEqual(before);
    const page = await loadBookPage(t.db, { params: { for: forged }, carry: {}, now });
    expect(page.open && { attached: page.attached, refusal: page.refusal, for: page.query.for }).toEqual({
      attached: null,
      refusal: expect.stringMatching(/^This booking link does not work/),
      for: undefined,
    });
  });

  it("gives every success panel the link, whether the post made a lead or revised one", async () => {
    const phone = "+1 415 555 0103";
    const a = await callBack(phone);
    const b = await callBack(phone);
    // The same person again within minutes: the same lead, and the same kind of answer.
    expect(leadIdFromRef(b.searchParams.get("for"))).toBe(leadIdFromRef(a.searchParams.get("for")));
    expect([...a.searchParams.keys()]).toEqual([...b.searchParams.keys()]);
  });
});

describe("the manage link", () => {
  it("moves the call (a new link, the old one dead), then cancels it", async () => {
    const email = `mia-${randomUUID().slice(0, 6)}@example.com`;
    expect((await runBookingAction(undefined, booking("2026-12-14T16:00:00.000Z", { name: "Mia Move", email }), request(), deps)).status).toBe("success");
    const lead = await t.db.lead.findFirstOrThrow({ where: { email } });
    const confirmation = await t.db.emailMessage.findFirstOrThrow({ where: { leadId: lead.id, template: "booking", toAddress: email } });
    const token = /\/book\/manage\/([A-Za-z0-9_-]{32})/.exec(confirmation.data)![1];
    expect((await bookingByManageToken(t.db, token))?.status).toBe("booked");

    const moved = await rescheduleFromLink(t.db, {
      token,
      startsAt: "2026-12-15T17:00:00.000Z",
      timeZone: "America/Los_Angeles",
      now,
      siteUrl: "https://loomstack.example",
    });
    const newToken = /^\/book\/manage\/([A-Za-z0-9_-]{32})\?done=rescheduled$/.exec(moved.to)![1];
    expect(newToken).not.toBe(token);
    expect(await bookingByManageToken(t.db, token)).toBeNull();
    const view = (await bookingByManageToken(t.db, newToken))!;
    expect(view).toMatchObject({ startsAt: new Date("2026-12-15T17:00:00.000Z"), sequence: 1, status: "booked" });

    // A time someone else holds comes back to the confirm step with the reason.
    await runBookingAction(
      undefined,
      booking("2026-12-16T16:00:00.000Z", { name: "Other", email: `o-${randomUUID().slice(0, 6)}@example.com` }),
      request(),
      deps,
    );
    const taken = await rescheduleFromLink(t.db, {
      token: newToken,
      startsAt: "2026-12-16T16:00:00.000Z",
      timeZone: "UTC",
      now,
      siteUrl: "https://loomstack.example",
    });
    expect(taken).toEqual({ to: `/book/manage/${newToken}?step=reschedule&tz=UTC&slot=2026-12-16T16%3A00%3A00.000Z&refused=taken#confirm`, queued: false });

    expect(await cancelFromLink(t.db, { token: newToken, now, siteUrl: "https://loomstack.example" })).toEqual({
      to: `/book/manage/${newToken}?done=cancelled`,
      queued: true,
    });
    expect((await bookingByManageToken(t.db, newToken))?.status).toBe("cancelled");
    expect(await cancelFromLink(t.db, { token, now, siteUrl: "https://loomstack.example" })).toEqual({ to: "/book/manage/expired", queued: false });
  });
});
