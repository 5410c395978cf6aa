import { createDb } from "../../lib/db";

// Every console page and route handler, with who may open it and a URL to request; shared by
// the authorization matrix (authorization.spec.ts) and the axe and phone-width walk
// (console-pages.spec.ts). seedRouteIds makes the rows their [params] need.

export type Expect = "ok" | "admin-only";
export type Route = { pattern: string; kind: "page" | "route"; access: Expect; path: (ids: Ids) => string };
export type Ids = {
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
  templateId: string;
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

export const ROUTES: Route[] = [
  page("/console"),
  page("/console/ctas"),
  page("/console/leads"),
  page("/console/board"),
  page("/console/tasks"),
  // Someone else's tasks: admins only (staff get their own without ?user=).
  page("/console/tasks", "admin-only", (i) => `/console/tasks?user=${i.adminUserId}`),
  page("/console/leads/[id]", "ok", (i) => `/console/leads/${i.leadId}`),
  page("/console/leads/lost-reasons"),
  route("/console/leads/export"),
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
  page("/console/profile"),
  page("/console/email-templates"),
  page("/console/email-templates/new"),
  page("/console/email-templates/[id]", "ok", (i) => `/console/email-templates/${i.templateId}`),
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

/**
 * The rows the routes' [params] need: a lead, a contact, a message, a story, a code, a reward,
 * a booked call with an advisor of its own. Unique per call, so several workers can seed.
 */
export async function seedRouteIds(): Promise<Ids> {
  const uniq = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const db = createDb(process.env.DATABASE_URL ?? "file:./prisma/e2e.db");
  try {
    const contact = await db.contact.create({
      data: { email: `matrix-${uniq}@example.com`, referralCode: `MX${uniq.toUpperCase()}`.slice(0, 12) },
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
        code: `LOOM20-MX${uniq.toUpperCase()}`,
        contactId: contact.id,
        normalizedEmail: contact.email!,
        percent: 20,
        expiresAt: new Date("2030-01-01"),
      },
    });
    const reward = await db.reward.create({ data: { name: "Matrix reward", category: "accessory", points: 50 } });
    const template = await db.leadEmailTemplate.create({ data: { name: `Matrix template ${uniq}`, subject: "Hi {{first_name}}", body: "About {{program}}" } });
    const callType = await db.callType.findFirstOrThrow({ where: { slug: "admissions-call" } });
    const admin = await db.user.findFirstOrThrow({ where: { email: { contains: "admin" } } });
    // A booked call for its reschedule page, with an advisor of its own (the other tests' advisors stay untouched).
    const bookingId = `matrix-${uniq}`;
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
    return {
      templateId: template.id,
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
}
