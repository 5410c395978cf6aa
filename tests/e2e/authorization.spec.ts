import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { createDb } from "../../lib/db";
import { baseURL } from "../../playwright.config";
import { storageState } from "./staff";

// The authorization matrix for pages and route handlers, over HTTP against the production
// build: every console page and route is requested anonymously, as staff and as admin.
// Anonymous → sign-in (pages) or 401 (routes); staff on admin-only → 403; else 200.
// Every console route in the build must have a row here. Server Actions have their own
// matrix in tests/integration/console-authorization.test.ts.

type Expect = "ok" | "admin-only";
type Route = { pattern: string; kind: "page" | "route"; access: Expect; path: (ids: Ids) => string };
type Ids = {
  leadId: string;
  contactId: string;
  messageId: string;
  userId: string;
  instructorId: string;
  reportId: string;
  storyId: string;
  eventId: string;
  codeId: string;
  rewardId: string;
  callTypeId: string;
  adminUserId: string;
  bookingId: string;
};

/**
 * A console page or route handler by its folder under app/(console) (with its [params]), who
 * may open it, and the URL to request (the folder itself unless given).
 */
function entry(kind: Route["kind"], folder: string, access: Expect = "ok", path: (ids: Ids) => string = () => folder): Route {
  return { pattern: `/(console)${folder}/${kind}`, kind, access, path };
}
const page = (folder: string, access?: Expect, path?: (ids: Ids) => string) => entry("page", folder, access, path);
const route = (folder: string, access?: Expect, path?: (ids: Ids) => string) => entry("route", folder, access, path);

const ROUTES: Route[] = [
  page("/console"),
  page("/console/leads"),
  page("/console/leads/[id]", "ok", (i) => `/console/leads/${i.leadId}`),
  route("/console/leads/export"),
  page("/console/tasks"),
  // Someone else's tasks: admins only (staff get their own without ?user=).
  page("/console/tasks", "admin-only", (i) => `/console/tasks?user=${i.adminUserId}`),
  page("/console/referrals"),
  page("/console/referrals/[contactId]", "ok", (i) => `/console/referrals/${i.contactId}`),
  page("/console/referrals/redemptions"),
  page("/console/referrals/reviews"),
  page("/console/referrals/rewards"),
  page("/console/referrals/rewards/new"),
  page("/console/referrals/rewards/[id]", "ok", (i) => `/console/referrals/rewards/${i.rewardId}`),
  page("/console/calls"),
  page("/console/calls/[id]/reschedule", "ok", (i) => `/console/calls/${i.bookingId}/reschedule`),
  page("/console/calls/availability"),
  // Someone else's availability: admins only (staff get their own without ?user=).
  page("/console/calls/availability", "admin-only", (i) => `/console/calls/availability?user=${i.adminUserId}`),
  page("/console/calls/types"),
  page("/console/calls/types/new"),
  page("/console/calls/types/[id]", "ok", (i) => `/console/calls/types/${i.callTypeId}`),
  page("/console/calls/pins", "admin-only"),
  page("/console/subscribers"),
  page("/console/codes"),
  page("/console/codes/[id]", "ok", (i) => `/console/codes/${i.codeId}`),
  page("/console/programs"),
  page("/console/programs/[slug]", "ok", () => "/console/programs/data-analytics"),
  page("/console/instructors"),
  page("/console/instructors/new"),
  page("/console/instructors/[id]", "ok", (i) => `/console/instructors/${i.instructorId}`),
  page("/console/outcomes"),
  page("/console/outcomes/new"),
  page("/console/outcomes/[id]", "ok", (i) => `/console/outcomes/${i.reportId}`),
  page("/console/stories"),
  page("/console/stories/new"),
  page("/console/stories/[id]", "ok", (i) => `/console/stories/${i.storyId}`),
  page("/console/comments"),
  page("/console/events"),
  page("/console/events/new"),
  page("/console/events/[id]", "ok", (i) => `/console/events/${i.eventId}`),
  page("/console/staff", "admin-only"),
  page("/console/staff/[id]", "admin-only", (i) => `/console/staff/${i.userId}`),
  page("/console/settings", "admin-only"),
  page("/console/people", "admin-only"),
  page("/console/people/[contactId]", "admin-only", (i) => `/console/people/${i.contactId}`),
  page("/console/people/[contactId]/erase", "admin-only", (i) => `/console/people/${i.contactId}/erase`),
  route("/console/people/[contactId]/export", "admin-only", (i) => `/console/people/${i.contactId}/export`),
  page("/mailbox"),
  page("/mailbox/[id]", "ok", (i) => `/mailbox/${i.messageId}`),
  route("/mailbox/[id]/attachments/[index]", "ok", (i) => `/mailbox/${i.messageId}/attachments/0`),
  page("/mailbox/previews"),
  page("/mailbox/previews/[template]", "ok", () => "/mailbox/previews/staff-new-lead"),
];

/** Console routes that anyone may open. */
const PUBLIC = new Set(["/(console)/console/sign-in/page", "/(console)/console/forgot-password/page", "/(console)/console/reset-password/[token]/page"]);

const distDir = process.env.NEXT_DIST_DIR ?? ".next-test";
const built = Object.keys(JSON.parse(readFileSync(path.join(distDir, "server", "app-paths-manifest.json"), "utf8")) as Record<string, string>);

let ids: Ids;
const contexts: Record<string, APIRequestContext> = {};

test.beforeAll(async () => {
  const db = createDb(process.env.DATABASE_URL ?? "file:./prisma/e2e.db");
  try {
    const contact = await db.contact.create({
      data: { email: `matrix-${Date.now()}@example.com`, referralCode: `MX${Date.now().toString(36).toUpperCase()}`.slice(0, 12) },
    });
    const lead = await db.lead.create({ data: { contactId: contact.id, formType: "enroll", fields: "{}", name: "Matrix Page", email: contact.email } });
    const message = await db.emailMessage.create({
      data: {
        toAddress: contact.email!,
        template: "enroll-confirmation",
        data: "{}",
        category: "transactional",
        idempotencyKey: `matrix-${lead.id}`,
        status: "failed",
        leadId: lead.id,
        contactId: contact.id,
        // As sent with a file, so its download route has one to answer with.
        subject: "Matrix message",
        html: "<p>Matrix</p>",
        text: "Matrix",
        attachments: JSON.stringify([{ filename: "invite.ics", contentType: "text/calendar; charset=utf-8", content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" }]),
      },
    });
    const user = await db.user.findFirstOrThrow({ where: { email: { contains: "staff" } } });
    const event = await db.event.findFirstOrThrow({ orderBy: { startsAt: "asc" } });
    // The seed adds people and outcomes reports, but no story (a story needs consent): make one.
    const instructor = await db.instructor.findFirstOrThrow();
    const report = await db.outcomeReport.findFirstOrThrow();
    const story = await db.studentStory.create({
      data: { studentName: "Matrix Student", programId: report.programId, storyDate: new Date("2026-09-01"), headline: "Matrix story", body: "b" },
    });
    const code = await db.discountCode.create({
      data: {
        code: `LOOM20-MX${Date.now().toString(36).toUpperCase()}`,
        contactId: contact.id,
        normalizedEmail: contact.email!,
        percent: 20,
        expiresAt: new Date("2030-01-01"),
      },
    });
    const reward = await db.reward.create({ data: { name: "Matrix reward", category: "accessory", points: 50 } });
    const callType = await db.callType.findFirstOrThrow({ where: { slug: "admissions-call" } });
    const admin = await db.user.findFirstOrThrow({ where: { email: { contains: "admin" } } });
    // A booked call for its reschedule page, with an advisor of its own (the other tests' advisors stay untouched).
    const bookingId = `matrix-${Date.now().toString(36)}`;
    await db.user.create({ data: { id: bookingId, name: "Matrix Advisor", email: `${bookingId}@loomstack.example`, role: "staff" } });
    await db.advisor.create({ data: { userId: bookingId, timeZone: "UTC", active: false } });
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    await db.booking.create({
      data: {
        id: bookingId,
        uid: `booking-${bookingId}@loomstack.example`,
        leadId: lead.id,
        contactId: contact.id,
        advisorId: bookingId,
        callTypeId: callType.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 20 * 60_000),
        bufferMinutes: 10,
        visitorTimeZone: "UTC",
        manageTokenHash: `matrix-${bookingId}`,
      },
    });
    ids = {
      rewardId: reward.id,
      callTypeId: callType.id,
      adminUserId: admin.id,
      bookingId,
      codeId: code.id,
      leadId: lead.id,
      contactId: contact.id,
      messageId: message.id,
      userId: user.id,
      instructorId: instructor.id,
      reportId: report.id,
      storyId: story.id,
      eventId: event.id,
    };
  } finally {
    await db.$disconnect();
  }
  contexts.anonymous = await request.newContext({ baseURL, maxRedirects: 0 });
  contexts.staff = await request.newContext({ baseURL, maxRedirects: 0, storageState: storageState("staff") });
  contexts.admin = await request.newContext({ baseURL, maxRedirects: 0, storageState: storageState("admin") });
});
test.afterAll(async () => {
  await Promise.all(Object.values(contexts).map((c) => c.dispose()));
});

test("every console page and route in the build has a row in the matrix", () => {
  const consoleRoutes = built.filter((p) => p.startsWith("/(console)/") && !PUBLIC.has(p));
  expect(consoleRoutes.length).toBeGreaterThan(10);
  expect(consoleRoutes.filter((p) => !ROUTES.some((r) => r.pattern === p))).toEqual([]);
  expect(ROUTES.filter((r) => !built.includes(r.pattern)).map((r) => r.pattern)).toEqual([]);
});

/** Anonymous → sign-in (pages) or 401 (routes); staff on admin-only → 403; else 200. */
function expectedFor(who: "anonymous" | "staff" | "admin", route: Route): string {
  if (who === "anonymous") return route.kind === "page" ? "redirect to sign-in" : "401";
  return route.access === "admin-only" && who === "staff" ? "403" : "200";
}

for (const who of ["anonymous", "staff", "admin"] as const) {
  test(`pages and routes as ${who}`, async () => {
    const results: string[] = [];
    for (const route of ROUTES) {
      if (!built.includes(route.pattern)) continue;
      const url = route.path(ids);
      const res = await contexts[who].get(url);
      const status = res.status();
      const expected = expectedFor(who, route);
      const location = res.headers()["location"] ?? "";
      const got = status >= 300 && status < 400 ? (location.includes("/console/sign-in") ? "redirect to sign-in" : `redirect to ${location}`) : String(status);
      results.push(`${url}: ${got}${got === expected ? "" : `  <-- expected ${expected}`}`);
    }
    expect(results.filter((r) => r.includes("<--"))).toEqual([]);
  });
}
