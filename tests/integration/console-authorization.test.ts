/**
 * The authorization matrix for Server Actions: every exported action of every console
 * `actions.ts` is called anonymously, as staff and as admin, with a real Better Auth
 * session cookie on the request, against a real database. Each must do its work exactly
 * when the role allows it, and change nothing otherwise. Only Next's request context
 * (headers, cookies, redirect) is simulated here; pages and route handlers are tried over
 * HTTP in tests/e2e/authorization.spec.ts.
 *
 * Who may do what is written out here, as literal tables (EXPECTED_ROLES, and each rule's
 * `permission` and `allowed`), never read from lib/auth/roles.ts: granting a permission to
 * the wrong role there, or building an action with another permission, must fail this file.
 * A console action without a row in RULES, or a row whose action does not exist, fails the
 * first tests, so none can be forgotten or go stale.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cohortPost, paymentOptionPost, programPost } from "../helpers/console-forms";
import { Interrupt, nextRequest } from "../helpers/next-request";
import { importServerActions } from "../helpers/server-actions";
import { createTestDb } from "../helpers/test-db";
import { actionInfo } from "@/lib/actions/client";
import { PERMISSIONS, type Permission, type Role } from "@/lib/auth/roles";

const t = createTestDb();
process.env.DATABASE_URL = t.url;
process.env.SITE_URL = "http://console.test";

// --- Next's request context, simulated ---------------------------------------------------
vi.mock("next/headers", async () => (await import("../helpers/next-request")).nextHeaders);
vi.mock("next/navigation", async () => (await import("../helpers/next-request")).nextNavigation);
vi.mock("next/cache", async () => (await import("../helpers/next-request")).nextCache);

type Who = "anonymous" | Role;
const cookieFor: Record<Who, string> = { anonymous: "", staff: "", admin: "" };
const userId: Record<Role, string> = { staff: "", admin: "" };

const fd = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

type Ctx = Record<string, string>;
type Rule = {
  /** The permission the action checks, and the roles allowed to run it (written out, not read from lib/auth). */
  permission: Permission;
  allowed: readonly Role[];
  /** Makes what the action works on; returns ids. */
  setup: () => Promise<Ctx>;
  call: (action: (...args: unknown[]) => Promise<unknown>, ctx: Ctx) => Promise<unknown>;
  /** Whether the action's effect happened. */
  done: (ctx: Ctx) => Promise<boolean>;
};

/** A lost reason at the end of the list. */
async function makeLostReason(): Promise<Ctx> {
  const label = `Matrix reason ${randomUUID().slice(0, 8)}`;
  const last = await t.db.lostReason.findFirst({ orderBy: { position: "desc" }, select: { position: true } });
  const r = await t.db.lostReason.create({ data: { code: label.toLowerCase().replace(/\W+/g, "-"), label, position: (last?.position ?? 0) + 10 } });
  return { reasonId: r.id, label };
}

let leadCounter = 0;
async function makeLead(): Promise<Ctx> {
  const contact = await t.db.contact.create({
    data: { email: `authz-${++leadCounter}-${randomUUID().slice(0, 6)}@example.com`, referralCode: randomUUID().slice(0, 8).toUpperCase() },
  });
  const lead = await t.db.lead.create({ data: { contactId: contact.id, formType: "enroll", fields: "{}", name: "Matrix Person", email: contact.email } });
  return { leadId: lead.id, contactId: contact.id };
}

/** A lead with an open task owned by the staff user. */
async function makeTask(): Promise<Ctx> {
  const c = await makeLead();
  const task = await t.db.task.create({ data: { leadId: c.leadId, ownerId: userId.staff, kind: "call", dueAt: new Date("2030-01-07T09:00:00Z") } });
  return { ...c, taskId: task.id };
}

/** One saved view each for the staff user and the admin, under the same name. */
async function makeViews(): Promise<Ctx> {
  const name = `Matrix view ${randomUUID().slice(0, 8)}`;
  const [staff, admin] = await Promise.all(
    (["staff", "admin"] as const).map((r) => t.db.savedView.create({ data: { userId: userId[r], name, query: "status=new" } })),
  );
  return { name, staffView: staff.id, adminView: admin.id };
}

/** The view of whoever calls (a view action only ever touches the caller's own). */
const callersView = (c: Ctx) => (nextRequest.headers.get("cookie") === cookieFor.admin ? c.adminView : c.staffView);

const IDLE = { status: "idle" };
let programCounter = 0;
let codeCounter = 0;
async function makeCode(): Promise<Ctx> {
  const { contactId } = await makeLead();
  const code = await t.db.discountCode.create({
    data: {
      code: `LOOM20-AUTHZ${++codeCounter}`,
      contactId,
      normalizedEmail: `authz-code-${codeCounter}-${randomUUID().slice(0, 6)}@example.com`,
      percent: 20,
      expiresAt: new Date("2031-01-01T00:00:00Z"),
    },
  });
  return { codeId: code.id };
}

async function makeProgram(): Promise<Ctx> {
  const n = ++programCounter;
  const p = await t.db.program.create({
    data: {
      slug: `matrix-program-${n}-${randomUUID().slice(0, 6)}`,
      name: "Matrix Program",
      tagline: "t",
      summary: "s",
      format: "f",
      schedule: "s",
      durationWeeks: 10,
      hoursPerWeek: 5,
      level: "l",
      outcomes: "o",
      curriculum: "c",
      cohorts: {
        create: { name: "Matrix cohort", startDate: new Date("2030-01-07"), endDate: new Date("2030-03-01"), timeZone: "UTC", seats: 10, seatsLeft: 10 },
      },
      paymentOptions: { create: { kind: "upfront", label: "Matrix option", description: "d", totalCents: 100_000 } },
    },
    include: { cohorts: true, paymentOptions: true },
  });
  return { slug: p.slug, programId: p.id, cohortId: p.cohorts[0].id, optionId: p.paymentOptions[0].id };
}
const programFields = programPost({ name: "Matrix renamed", published: "on" });
const cohortFields = cohortPost({ name: "Matrix cohort edited" });
const paymentFields = paymentOptionPost({ label: "Matrix option edited", instalments: "" });
let accountCounter = 0;
async function makeAccount(): Promise<Ctx> {
  const { getAuth } = await import("@/app/(console)/auth");
  const { createStaffUser } = await import("@/lib/auth/auth");
  const u = await createStaffUser(getAuth(), {
    email: `matrix-target-${++accountCounter}-${randomUUID().slice(0, 6)}@loomstack.example`,
    name: "Matrix Target",
    password: "matrix-target-password",
    role: "staff",
  });
  const account = await t.db.account.findFirstOrThrow({ where: { userId: u.id } });
  return { userId: u.id, passwordHash: account.password ?? "" };
}

let eventCounter = 0;
/** An event with one person holding a seat. */
async function makeEvent(): Promise<Ctx> {
  const n = ++eventCounter;
  const e = await t.db.event.create({
    data: {
      slug: `matrix-event-${n}-${randomUUID().slice(0, 6)}`,
      title: "Matrix event",
      description: "d",
      startsAt: new Date("2030-01-07T18:00:00Z"),
      durationMinutes: 60,
      timeZone: "UTC",
      onlineUrl: "https://meet.example.com/matrix",
      capacity: 5,
      seatsTaken: 1,
      published: true,
    },
  });
  const { contactId } = await makeLead();
  const r = await t.db.eventRsvp.create({ data: { eventId: e.id, contactId, status: "going" } });
  return { eventId: e.id, slug: e.slug, rsvpId: r.id };
}
const eventFields = (c: Ctx, title: string) => ({
  title,
  slug: c.slug,
  programSlug: "",
  description: "A matrix event.",
  startsAtLocal: "2030-02-01T18:00",
  timeZone: "America/New_York",
  durationMinutes: "60",
  onlineUrl: "https://meet.example.com/matrix",
  placeName: "",
  placeAddress: "",
  capacity: "5",
  published: "on",
});

/** The program an editor action worked on, with its cohorts and payment options. */
const programOf = (c: Ctx) => t.db.program.findUniqueOrThrow({ where: { id: c.programId }, include: { cohorts: true, paymentOptions: true } });

/**
 * A rule for one of the program editor's actions: content:edit, for admins and staff, on a
 * program of its own. The post names the program, the ids listed (a cohort's, an option's)
 * and `fields`; `done` looks at the program afterwards.
 */
function programEditorRule(ids: string[], fields: Record<string, string>, done: (p: Awaited<ReturnType<typeof programOf>>, c: Ctx) => boolean): Rule {
  return {
    permission: "content:edit",
    allowed: ["admin", "staff"],
    setup: makeProgram,
    call: (a, c) => a(IDLE, fd({ slug: c.slug, programId: c.programId, ...Object.fromEntries(ids.map((id) => [id, c[id]])), ...fields })),
    done: async (c) => done(await programOf(c), c),
  };
}

/** A visitor's comment waiting for moderation. */
async function makeComment(): Promise<Ctx> {
  const c = await t.db.comment.create({
    data: { articlePath: "/careers/machine-learning-engineer", authorName: "Matrix Commenter", email: "matrix-comment@example.com", body: "Matrix comment" },
  });
  return { commentId: c.id };
}

/** The matrix's staff member as an advisor (whose availability both roles may edit: staff their own, admins anyone's). */
async function matrixAdvisor(): Promise<Ctx> {
  await t.db.advisor.upsert({ where: { userId: userId.staff }, create: { userId: userId.staff, timeZone: "UTC" }, update: {} });
  await t.db.advisorDateOff.deleteMany({ where: { advisorId: userId.staff } });
  return { userId: userId.staff };
}
let callTypeCounter = 0;
async function makeCallType(): Promise<Ctx> {
  const c = await t.db.callType.create({
    data: { slug: `matrix-call-${++callTypeCounter}-${randomUUID().slice(0, 6)}`, name: "Matrix call", durationMinutes: 20 },
  });
  return { callTypeId: c.id, slug: c.slug };
}

/**
 * A booked call with an advisor of its own (every day, all day, UTC, no notice), starting
 * `startsIn` minutes from now; `target` is a free start two days later to move it to.
 */
async function makeCall(startsIn: number): Promise<Ctx> {
  const advisorId = randomUUID();
  await t.db.user.create({ data: { id: advisorId, name: "Matrix Advisor", email: `${advisorId}@loomstack.example`, role: "staff" } });
  const { callTypeId } = await makeCallType();
  const hours = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: "00:00", end: "23:55" }));
  await t.db.advisor.create({
    data: {
      userId: advisorId,
      timeZone: "UTC",
      weeklyHours: JSON.stringify(hours),
      minNoticeMinutes: 0,
      bufferMinutes: 0,
      callTypes: { create: { callTypeId } },
    },
  });
  const { leadId, contactId } = await makeLead();
  const startsAt = new Date(Date.now() + startsIn * 60_000);
  const id = randomUUID();
  await t.db.booking.create({
    data: {
      id,
      uid: `booking-${id}@loomstack.example`,
      leadId,
      contactId,
      advisorId,
      callTypeId,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 20 * 60_000),
      bufferMinutes: 0,
      visitorTimeZone: "UTC",
      manageTokenHash: randomUUID(),
    },
  });
  const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  return { bookingId: id, target: `${day}T12:00:00.000Z` };
}
const callStatus = async (c: Ctx) => (await t.db.booking.findUniqueOrThrow({ where: { id: c.bookingId } })).status;

const RULES: Record<string, Rule> = {
  "app/(console)/console/comments/actions.ts#moderateCommentAction": {
    permission: "comments:moderate",
    allowed: ["admin", "staff"],
    setup: makeComment,
    call: (a, c) => a(fd({ commentId: c.commentId, decision: "reject" })),
    done: async (c) => (await t.db.comment.findUniqueOrThrow({ where: { id: c.commentId } })).status === "rejected",
  },
  "app/(console)/console/comments/actions.ts#replyCommentAction": {
    permission: "comments:moderate",
    allowed: ["admin", "staff"],
    setup: makeComment,
    call: (a, c) => a(fd({ commentId: c.commentId, reply: "Matrix reply" })),
    done: async (c) => (await t.db.comment.count({ where: { parentId: c.commentId } })) === 1,
  },
  "app/(console)/console/calls/actions.ts#markCallAction": {
    permission: "leads:work",
    allowed: ["admin", "staff"],
    setup: () => makeCall(-5),
    call: (a, c) => a(fd({ bookingId: c.bookingId, outcome: "done", back: "/console/calls?range=week" })),
    done: async (c) => (await callStatus(c)) === "done",
  },
  "app/(console)/console/calls/actions.ts#cancelCallAction": {
    permission: "leads:work",
    allowed: ["admin", "staff"],
    setup: () => makeCall(24 * 60),
    call: (a, c) => a(fd({ bookingId: c.bookingId, confirm: "yes", back: "/console/calls" })),
    done: async (c) => (await callStatus(c)) === "cancelled",
  },
  "app/(console)/console/calls/actions.ts#rescheduleCallAction": {
    permission: "leads:work",
    allowed: ["admin", "staff"],
    setup: () => makeCall(24 * 60),
    call: (a, c) => a(fd({ bookingId: c.bookingId, startsAt: c.target, back: "/console/calls" })),
    done: async (c) => (await t.db.booking.findUniqueOrThrow({ where: { id: c.bookingId } })).startsAt.toISOString() === c.target,
  },
  "app/(console)/console/calls/types/actions.ts#createCallTypeAction": {
    permission: "content:edit",
    allowed: ["admin", "staff"],
    setup: async () => ({ slug: `matrix-new-call-${randomUUID().slice(0, 8)}` }),
    call: (a, c) => a(IDLE, fd({ name: "Matrix call", slug: c.slug, description: "", durationMinutes: "20", position: "5", active: "on" })),
    done: async (c) => (await t.db.callType.count({ where: { slug: c.slug } })) === 1,
  },
  "app/(console)/console/calls/types/actions.ts#saveCallTypeAction": {
    permission: "content:edit",
    allowed: ["admin", "staff"],
    setup: makeCallType,
    call: (a, c) =>
      a(IDLE, fd({ callTypeId: c.callTypeId, name: "Matrix call", slug: c.slug, description: "", durationMinutes: "40", position: "5", active: "on" })),
    done: async (c) => (await t.db.callType.findUniqueOrThrow({ where: { id: c.callTypeId } })).durationMinutes === 40,
  },
  "app/(console)/console/calls/types/actions.ts#retireCallTypeAction": {
    permission: "content:edit",
    allowed: ["admin", "staff"],
    setup: makeCallType,
    call: (a, c) => a(fd({ callTypeId: c.callTypeId, op: "retire" })),
    done: async (c) => !(await t.db.callType.findUniqueOrThrow({ where: { id: c.callTypeId } })).active,
  },
  "app/(console)/console/calls/pins/actions.ts#saveProgramPinsAction": {
    permission: "calls:assign",
    allowed: ["admin"],
    setup: async () => ({ ...(await makeProgram()), ...(await matrixAdvisor()) }),
    call: (a, c) => a(fd({ programSlug: c.slug, advisorIds: c.userId })),
    done: async (c) => (await t.db.programAdvisorPin.count({ where: { programSlug: c.slug, advisorId: c.userId } })) === 1,
  },
  // One's own profile: every role may set it; the account is the session's, never the post's.
  "app/(console)/console/profile/actions.ts#saveProfileAction": {
    permission: "leads:read",
    allowed: ["admin", "staff"],
    setup: async () => {
      await t.db.user.updateMany({ data: { timeZone: null } });
      return {};
    },
    call: (a) => a(IDLE, fd({ timeZone: "Asia/Tokyo", userId: userId.admin })),
    done: async () => (await t.db.user.count({ where: { timeZone: "Asia/Tokyo" } })) === 1,
  },
  "app/(console)/console/calls/availability/actions.ts#becomeAdvisorAction": {
    permission: "calls:take",
    allowed: ["admin", "staff"],
    setup: async () => {
      await t.db.advisor.deleteMany({ where: { userId: userId.staff } });
      return { userId: userId.staff };
    },
    call: (a, c) => a(IDLE, fd({ userId: c.userId, timeZone: "Europe/Berlin" })),
    done: async (c) => (await t.db.advisor.count({ where: { userId: c.userId } })) === 1,
  },
  "app/(console)/console/calls/availability/actions.ts#saveAvailabilityAction": {
    permission: "calls:take",
    allowed: ["admin", "staff"],
    setup: async () => ({ ...(await matrixAdvisor()), horizon: String(30 + Math.floor(Math.random() * 300)) }),
    call: (a, c) =>
      a(
        IDLE,
        fd({
          userId: c.userId,
          timeZone: "Europe/Berlin",
          "hours.1.0.start": "09:00",
          "hours.1.0.end": "17:00",
          bufferMinutes: "10",
          minNoticeMinutes: "120",
          horizonDays: c.horizon,
          active: "on",
        }),
      ),
    done: async (c) => (await t.db.advisor.findUniqueOrThrow({ where: { userId: c.userId } })).horizonDays === Number(c.horizon),
  },
  "app/(console)/console/calls/availability/actions.ts#addDateOffAction": {
    permission: "calls:take",
    allowed: ["admin", "staff"],
    setup: matrixAdvisor,
    call: (a, c) => a(IDLE, fd({ userId: c.userId, date: "2030-12-24", note: "" })),
    done: async (c) => (await t.db.advisorDateOff.count({ where: { advisorId: c.userId, date: "2030-12-24" } })) === 1,
  },
  "app/(console)/console/calls/availability/actions.ts#removeDateOffAction": {
    permission: "calls:take",
    allowed: ["admin", "staff"],
    setup: async () => {
      const c = await matrixAdvisor();
      await t.db.advisorDateOff.create({ data: { advisorId: c.userId, date: "2030-12-25" } });
      return c;
    },
    call: (a, c) => a(fd({ userId: c.userId, date: "2030-12-25" })),
    done: async (c) => (await t.db.advisorDateOff.count({ where: { advisorId: c.userId, date: "2030-12-25" } })) === 0,
  },
  // The action panel: status, owner and note in one post (each part is tried in tests/integration/console-action-panel.test.ts).
  "app/(console)/console/leads/actions.ts#saveActionPanelAction": {
    permission: "leads:work",
    allowed: ["admin", "staff"],
    setup: makeLead,
    call: (a, c) => a(IDLE, fd({ leadId: c.leadId, status: "contacted", ownerId: userId.staff, note: "matrix note" })),
    done: async (c) => {
      const lead = await t.db.lead.findUniqueOrThrow({ where: { id: c.leadId }, include: { activities: true } });
      return lead.status === "contacted" && lead.ownerId === userId.staff && lead.activities.length === 3;
    },
  },
  // The board's move is a status change: leads:work, like the lead page's.
  "app/(console)/console/board/actions.ts#moveCardAction": {
    permission: "leads:work",
    allowed: ["admin", "staff"],
    setup: makeLead,
    call: (a, c) => a(fd({ leadId: c.leadId, status: "qualified", owner: "me" })),
    done: async (c) => (await t.db.lead.findUniqueOrThrow({ where: { id: c.leadId } })).status === "qualified",
  },
  "app/(console)/console/leads/lost-reasons/actions.ts#addLostReasonAction": {
    permission: "pipeline:edit",
    allowed: ["admin", "staff"],
    setup: async () => ({ label: `Matrix reason ${randomUUID().slice(0, 6)}` }),
    call: (a, c) => a(fd({ label: c.label })),
    done: async (c) => (await t.db.lostReason.count({ where: { label: c.label } })) === 1,
  },
  "app/(console)/console/leads/bulk-actions.ts#bulkStatusAction": {
    permission: "leads:work",
    allowed: ["admin", "staff"],
    setup: makeLead,
    call: (a, c) => a(fd({ id: c.leadId, status: "contacted", view: "" })),
    done: async (c) => (await t.db.lead.findUniqueOrThrow({ where: { id: c.leadId } })).status === "contacted",
  },
  // Saved inbox views: every role keeps its own; a view is always the session's.
  "app/(console)/console/leads/views/actions.ts#saveViewAction": {
    permission: "leads:read",
    allowed: ["admin", "staff"],
    setup: async () => ({ name: `Matrix view ${randomUUID().slice(0, 8)}` }),
    call: (a, c) => a(fd({ name: c.name, query: "status=new&sort=owner", back: "" })),
    done: async (c) => (await t.db.savedView.count({ where: { name: c.name } })) === 1,
  },
  "app/(console)/console/leads/views/actions.ts#renameViewAction": {
    permission: "leads:read",
    allowed: ["admin", "staff"],
    setup: makeViews,
    call: (a, c) => a(fd({ id: callersView(c), name: `${c.name} renamed`, back: "" })),
    done: async (c) => (await t.db.savedView.count({ where: { name: `${c.name} renamed` } })) === 1,
  },
  "app/(console)/console/leads/views/actions.ts#deleteViewAction": {
    permission: "leads:read",
    allowed: ["admin", "staff"],
    setup: makeViews,
    call: (a, c) => a(fd({ id: callersView(c), back: "" })),
    done: async (c) => (await t.db.savedView.count({ where: { name: c.name } })) === 1,
  },
  "app/(console)/console/leads/bulk-actions.ts#bulkAssignAction": {
    permission: "leads:work",
    allowed: ["admin", "staff"],
    setup: makeLead,
    call: (a, c) => a(fd({ id: c.leadId, ownerId: userId.staff, view: "" })),
    done: async (c) => (await t.db.lead.findUniqueOrThrow({ where: { id: c.leadId } })).ownerId === userId.staff,
  },
  "app/(console)/console/leads/bulk-actions.ts#bulkMarkReadAction": {
    permission: "leads:read",
    allowed: ["admin", "staff"],
    setup: makeLead,
    call: (a, c) => a(fd({ id: c.leadId, view: "" })),
    done: async (c) => (await t.db.leadRead.count({ where: { leadId: c.leadId } })) > 0,
  },
  "app/(console)/console/leads/bulk-actions.ts#bulkMarkUnreadAction": {
    permission: "leads:read",
    allowed: ["admin", "staff"],
    setup: async () => {
      const c = await makeLead();
      for (const u of Object.values(userId)) await t.db.leadRead.create({ data: { userId: u, leadId: c.leadId, readAt: new Date() } });
      return c;
    },
    call: (a, c) => a(fd({ id: c.leadId, view: "" })),
    done: async (c) => (await t.db.leadRead.count({ where: { leadId: c.leadId } })) < Object.keys(userId).length,
  },
  "app/(console)/console/leads/bulk-actions.ts#undoBulkChangeAction": {
    permission: "leads:work",
    allowed: ["admin", "staff"],
    // One bulk change per role, each made by that role a moment ago: only its actor may undo it.
    setup: async () => {
      const ctx: Ctx = {};
      for (const role of ["staff", "admin"] as const) {
        const c = await makeLead();
        const bulk = await t.db.bulkChange.create({
          data: {
            actorId: userId[role],
            kind: "status",
            value: "contacted",
            createdAt: new Date(),
            leads: { create: { leadId: c.leadId, previousStatus: "new" } },
          },
        });
        await t.db.lead.update({ where: { id: c.leadId }, data: { status: "contacted" } });
        ctx[`${role}Bulk`] = bulk.id;
        ctx[`${role}Lead`] = c.leadId;
      }
      return ctx;
    },
    call: async (a, c) => {
      await a(fd({ bulkChangeId: c.staffBulk, view: "" })).catch((e: unknown) => e);
      return a(fd({ bulkChangeId: c.adminBulk, view: "" }));
    },
    done: async (c) => (await t.db.bulkChange.count({ where: { id: { in: [c.staffBulk, c.adminBulk] }, undoneAt: { not: null } } })) > 0,
  },
  "app/(console)/console/leads/bulk-actions.ts#markInboxSeenAction": {
    permission: "leads:read",
    allowed: ["admin", "staff"],
    setup: async () => {
      await t.db.inboxMark.deleteMany({});
      return {};
    },
    call: (a) => a(fd({ view: "" })),
    done: async () => (await t.db.inboxMark.count()) > 0,
  },
  "app/(console)/console/leads/lost-reasons/actions.ts#renameLostReasonAction": {
    permission: "pipeline:edit",
    allowed: ["admin", "staff"],
    setup: makeLostReason,
    call: (a, c) => a(fd({ reasonId: c.reasonId, label: `${c.label} renamed` })),
    done: async (c) => (await t.db.lostReason.findUniqueOrThrow({ where: { id: c.reasonId } })).label === `${c.label} renamed`,
  },
  "app/(console)/console/leads/lost-reasons/actions.ts#moveLostReasonAction": {
    permission: "pipeline:edit",
    allowed: ["admin", "staff"],
    setup: makeLostReason,
    call: (a, c) => a(fd({ reasonId: c.reasonId, direction: "up" })),
    // Made last, so moving it up takes it off the end of the list.
    done: async (c) => (await t.db.lostReason.findFirstOrThrow({ orderBy: [{ position: "desc" }, { label: "desc" }] })).id !== c.reasonId,
  },
  "app/(console)/console/leads/lost-reasons/actions.ts#retireLostReasonAction": {
    permission: "pipeline:edit",
    allowed: ["admin", "staff"],
    setup: makeLostReason,
    call: (a, c) => a(fd({ reasonId: c.reasonId, op: "retire" })),
    done: async (c) => !(await t.db.lostReason.findUniqueOrThrow({ where: { id: c.reasonId } })).active,
  },
  "app/(console)/console/leads/actions.ts#confirmContactAction": {
    permission: "leads:work",
    allowed: ["admin", "staff"],
    setup: makeLead,
    call: (a, c) => a(fd({ leadId: c.leadId, name: "Matrix Confirmed", phone: "" })),
    done: async (c) => (await t.db.contact.findUniqueOrThrow({ where: { id: c.contactId } })).name === "Matrix Confirmed",
  },
  // Writing to a lead from its page (issue 19, item 4): queued once, with its timeline entry.
  "app/(console)/console/leads/email/actions.ts#sendLeadEmailAction": {
    permission: "leads:work",
    allowed: ["admin", "staff"],
    setup: makeLead,
    call: (a, c) => a(IDLE, fd({ leadId: c.leadId, token: randomUUID().replace(/-/g, ""), subject: "Matrix {{first_name}}", body: "Hello", intent: "send" })),
    done: async (c) => (await t.db.emailMessage.count({ where: { leadId: c.leadId, template: "staff-message" } })) === 1,
  },
  "app/(console)/console/email-templates/actions.ts#createEmailTemplateAction": {
    permission: "templates:edit",
    allowed: ["admin", "staff"],
    setup: async () => ({ name: `Matrix template ${randomUUID().slice(0, 8)}` }),
    call: (a, c) => a(IDLE, fd({ name: c.name, subject: "Hi {{first_name}}", body: "About {{program}}" })),
    done: async (c) => (await t.db.leadEmailTemplate.count({ where: { name: c.name } })) === 1,
  },
  "app/(console)/console/email-templates/actions.ts#saveEmailTemplateAction": {
    permission: "templates:edit",
    allowed: ["admin", "staff"],
    setup: async () => ({ templateId: (await t.db.leadEmailTemplate.create({ data: { name: "Matrix before", subject: "s", body: "b" } })).id }),
    call: (a, c) => a(IDLE, fd({ templateId: c.templateId, name: "Matrix after", subject: "s", body: "b" })),
    done: async (c) => (await t.db.leadEmailTemplate.findUniqueOrThrow({ where: { id: c.templateId } })).name === "Matrix after",
  },
  "app/(console)/console/email-templates/actions.ts#archiveEmailTemplateAction": {
    permission: "templates:edit",
    allowed: ["admin", "staff"],
    setup: async () => ({ templateId: (await t.db.leadEmailTemplate.create({ data: { name: "Matrix archive", subject: "s", body: "b" } })).id }),
    call: (a, c) => a(fd({ templateId: c.templateId, op: "archive" })),
    done: async (c) => (await t.db.leadEmailTemplate.findUniqueOrThrow({ where: { id: c.templateId } })).archivedAt !== null,
  },
  "app/(console)/console/tasks/actions.ts#addTaskAction": {
    permission: "leads:work",
    allowed: ["admin", "staff"],
    setup: makeLead,
    call: (a, c) => a(fd({ from: "lead", leadId: c.leadId, kind: "call", due: "2030-01-07T09:00", ownerId: userId.staff, title: "matrix task" })),
    done: async (c) => (await t.db.task.count({ where: { leadId: c.leadId } })) === 1,
  },
  "app/(console)/console/tasks/actions.ts#completeTaskAction": {
    permission: "leads:work",
    allowed: ["admin", "staff"],
    setup: makeTask,
    call: (a, c) => a(fd({ from: "tasks", taskId: c.taskId })),
    done: async (c) => (await t.db.task.findUniqueOrThrow({ where: { id: c.taskId } })).doneAt !== null,
  },
  "app/(console)/console/tasks/actions.ts#reopenTaskAction": {
    permission: "leads:work",
    allowed: ["admin", "staff"],
    setup: async () => {
      const c = await makeTask();
      await t.db.task.update({ where: { id: c.taskId }, data: { doneAt: new Date("2030-01-01T00:00:00Z") } });
      return c;
    },
    call: (a, c) => a(fd({ from: "lead", leadId: c.leadId, taskId: c.taskId })),
    done: async (c) => (await t.db.task.findUniqueOrThrow({ where: { id: c.taskId } })).doneAt === null,
  },
  "app/(console)/console/tasks/actions.ts#reassignTaskAction": {
    permission: "leads:work",
    allowed: ["admin", "staff"],
    setup: makeTask,
    call: (a, c) => a(fd({ from: "lead", leadId: c.leadId, taskId: c.taskId, ownerId: userId.admin })),
    done: async (c) => (await t.db.task.findUniqueOrThrow({ where: { id: c.taskId } })).ownerId === userId.admin,
  },
  "app/(console)/console/referrals/actions.ts#decideReviewAction": {
    permission: "referrals:decide",
    allowed: ["admin", "staff"],
    setup: async () => {
      const [referrer, friend] = [await makeLead(), await makeLead()];
      const review = await t.db.referralReview.create({ data: { friendContactId: friend.contactId, referrerId: referrer.contactId, reasons: "[]" } });
      return { reviewId: review.id };
    },
    call: (a, c) => a(fd({ reviewId: c.reviewId, decision: "rejected", note: "" })),
    done: async (c) => (await t.db.referralReview.findUniqueOrThrow({ where: { id: c.reviewId } })).status !== "pending",
  },
  "app/(console)/console/referrals/actions.ts#decideRedemptionAction": {
    permission: "referrals:decide",
    allowed: ["admin", "staff"],
    setup: async () => {
      const c = await makeLead();
      await t.db.pointsEntry.create({
        data: { contactId: c.contactId, amount: 300, bucket: "confirmed", reason: "referral_confirmed", key: `matrix:${randomUUID()}` },
      });
      const lead = await t.db.lead.create({
        data: { contactId: c.contactId, formType: "redemption", fields: JSON.stringify({ email: "x@example.com", reward: "course", points: 200 }) },
      });
      return { leadId: lead.id };
    },
    call: (a, c) => a(fd({ leadId: c.leadId, decision: "approved", note: "", back: "/console/referrals/redemptions" })),
    done: async (c) => (await t.db.lead.findUniqueOrThrow({ where: { id: c.leadId } })).decision === "approved",
  },
  "app/(console)/console/referrals/actions.ts#reverseAwardAction": {
    permission: "referrals:decide",
    allowed: ["admin", "staff"],
    setup: async () => {
      const c = await makeLead();
      const award = await t.db.pointsEntry.create({
        data: { contactId: c.contactId, amount: 100, bucket: "confirmed", reason: "referral_confirmed", key: `matrix:${randomUUID()}` },
      });
      return { entryId: award.id };
    },
    call: (a, c) => a(fd({ entryId: c.entryId, reason: "Refunded", back: "/console/referrals" })),
    done: async (c) => (await t.db.pointsEntry.count({ where: { reversesId: c.entryId } })) === 1,
  },
  "app/(console)/console/referrals/rewards/actions.ts#createRewardAction": {
    permission: "content:edit",
    allowed: ["admin", "staff"],
    setup: async () => ({ name: `Matrix reward ${randomUUID().slice(0, 8)}` }),
    call: (a, c) => a(IDLE, fd({ name: c.name, category: "course", points: "100", stock: "", active: "on" })),
    done: async (c) => (await t.db.reward.count({ where: { name: c.name } })) === 1,
  },
  "app/(console)/console/referrals/rewards/actions.ts#saveRewardAction": {
    permission: "content:edit",
    allowed: ["admin", "staff"],
    setup: async () => ({ rewardId: (await t.db.reward.create({ data: { name: "Matrix saved", category: "course", points: 100 } })).id }),
    call: (a, c) => a(IDLE, fd({ rewardId: c.rewardId, name: "Matrix renamed", category: "course", points: "120", stock: "", active: "on" })),
    done: async (c) => (await t.db.reward.findUniqueOrThrow({ where: { id: c.rewardId } })).points === 120,
  },
  "app/(console)/console/referrals/rewards/actions.ts#arrangeRewardAction": {
    permission: "content:edit",
    allowed: ["admin", "staff"],
    setup: async () => ({ rewardId: (await t.db.reward.create({ data: { name: "Matrix arranged", category: "course", points: 100 } })).id }),
    call: (a, c) => a(fd({ rewardId: c.rewardId, op: "deactivate" })),
    done: async (c) => !(await t.db.reward.findUniqueOrThrow({ where: { id: c.rewardId } })).active,
  },
  "app/(console)/console/people/actions.ts#findPersonAction": {
    permission: "privacy:manage",
    allowed: ["admin"],
    setup: makeLead,
    call: async (a, c) => {
      const contact = await t.db.contact.findUniqueOrThrow({ where: { id: c.contactId } });
      return a(fd({ email: contact.email! }));
    },
    // A lookup changes nothing; allowed means it found the person and went to their page.
    done: async (c) => c.__redirect === `/console/people/${c.contactId}`,
  },
  "app/(console)/console/people/actions.ts#erasePersonAction": {
    permission: "privacy:manage",
    allowed: ["admin"],
    setup: makeLead,
    call: (a, c) => a(fd({ contactId: c.contactId, understand: "on", confirm: "ERASE" })),
    done: async (c) => (await t.db.contact.findUniqueOrThrow({ where: { id: c.contactId } })).email === null,
  },
  "app/(console)/mailbox/actions.ts#retryMessageAction": {
    permission: "email:retry",
    allowed: ["admin", "staff"],
    setup: async () => {
      const m = await t.db.emailMessage.create({
        data: {
          toAddress: "x@example.com",
          template: "enroll-confirmation",
          data: "{}",
          category: "transactional",
          idempotencyKey: randomUUID(),
          status: "failed",
        },
      });
      return { id: m.id };
    },
    call: (a, c) => a(fd({ id: c.id, back: "/mailbox" })),
    done: async (c) => (await t.db.emailMessage.findUniqueOrThrow({ where: { id: c.id } })).status === "pending",
  },
  "app/(console)/console/programs/actions.ts#saveProgramAction": programEditorRule([], programFields, (p) => p.name === "Matrix renamed"),
  "app/(console)/console/programs/actions.ts#addCohortAction": programEditorRule([], cohortFields, (p) => p.cohorts.length === 2),
  "app/(console)/console/programs/actions.ts#saveCohortAction": programEditorRule(["cohortId"], cohortFields, (p, c) =>
    p.cohorts.some((x) => x.id === c.cohortId && x.name === "Matrix cohort edited"),
  ),
  "app/(console)/console/programs/actions.ts#addPaymentOptionAction": programEditorRule([], paymentFields, (p) => p.paymentOptions.length === 2),
  "app/(console)/console/programs/actions.ts#savePaymentOptionAction": programEditorRule(["optionId"], paymentFields, (p, c) =>
    p.paymentOptions.some((o) => o.id === c.optionId && o.label === "Matrix option edited"),
  ),
  "app/(console)/console/programs/actions.ts#removePaymentOptionAction": programEditorRule(
    ["optionId"],
    {},
    (p, c) => !p.paymentOptions.some((o) => o.id === c.optionId),
  ),
  "app/(console)/console/instructors/actions.ts#saveInstructorAction": {
    permission: "content:edit",
    allowed: ["admin", "staff"],
    setup: async () => ({ name: `Matrix Instructor ${randomUUID().slice(0, 8)}` }),
    call: (a, c) => a(IDLE, fd({ kind: "instructor", name: c.name, role: "Instructor", bio: "Teaches.", sortOrder: "1", published: "on" })),
    done: async (c) => (await t.db.instructor.count({ where: { name: c.name } })) === 1,
  },
  "app/(console)/console/outcomes/actions.ts#saveOutcomeReportAction": {
    permission: "content:edit",
    allowed: ["admin", "staff"],
    setup: async () => ({ ...(await makeProgram()), label: `Matrix report ${randomUUID().slice(0, 8)}` }),
    call: (a, c) =>
      a(
        IDLE,
        fd({
          programId: c.programId,
          cohortLabel: c.label,
          periodStart: "2026-01-01",
          periodEnd: "2026-06-30",
          graduates: "10",
          jobSeeking: "8",
          hiredWithin90: "4",
          hiredWithin180: "6",
          salaries: "70000",
          methodology: "m",
          published: "on",
        }),
      ),
    done: async (c) => (await t.db.outcomeReport.count({ where: { cohortLabel: c.label } })) === 1,
  },
  "app/(console)/console/stories/actions.ts#saveStoryAction": {
    permission: "content:edit",
    allowed: ["admin", "staff"],
    setup: async () => ({ ...(await makeProgram()), headline: `Matrix story ${randomUUID().slice(0, 8)}` }),
    call: (a, c) =>
      a(IDLE, fd({ studentName: "Dana K.", programId: c.programId, storyDate: "2026-09-01", headline: c.headline, body: "b", consent: "on", published: "on" })),
    done: async (c) => (await t.db.studentStory.count({ where: { headline: c.headline } })) === 1,
  },
  "app/(console)/console/events/actions.ts#createEventAction": {
    permission: "content:edit",
    allowed: ["admin", "staff"],
    setup: async () => ({ slug: `matrix-new-${++eventCounter}-${randomUUID().slice(0, 6)}` }),
    call: (a, c) => a(IDLE, fd(eventFields(c, "Matrix created"))),
    done: async (c) => (await t.db.event.count({ where: { slug: c.slug } })) === 1,
  },
  "app/(console)/console/events/actions.ts#saveEventAction": {
    permission: "content:edit",
    allowed: ["admin", "staff"],
    setup: makeEvent,
    call: (a, c) => a(IDLE, fd({ eventId: c.eventId, ...eventFields(c, "Matrix renamed event") })),
    done: async (c) => (await t.db.event.findUniqueOrThrow({ where: { id: c.eventId } })).title === "Matrix renamed event",
  },
  "app/(console)/console/events/actions.ts#markAttendedAction": {
    permission: "leads:work",
    allowed: ["admin", "staff"],
    setup: makeEvent,
    call: (a, c) => a(fd({ eventId: c.eventId, rsvpId: c.rsvpId, attended: "yes" })),
    done: async (c) => (await t.db.eventRsvp.findUniqueOrThrow({ where: { id: c.rsvpId } })).attendedAt !== null,
  },
  "app/(console)/console/settings/actions.ts#saveRecipientsAction": {
    permission: "settings:manage",
    allowed: ["admin"],
    setup: async () => {
      await t.db.setting.deleteMany({ where: { key: "staffRecipients.quote" } });
      return { email: `matrix-${randomUUID().slice(0, 8)}@loomstack.example` };
    },
    call: (a, c) => a(IDLE, fd({ quote: c.email })),
    done: async (c) => (await t.db.setting.findUnique({ where: { key: "staffRecipients.quote" } }))?.value === c.email,
  },
  "app/(console)/console/codes/actions.ts#saveCodeRulesAction": {
    permission: "codes:edit",
    allowed: ["admin", "staff"],
    setup: makeCode,
    call: (a, c) => a(IDLE, fd({ codeId: c.codeId, percent: "35", expiresOn: "2031-06-30", singleUse: "on" })),
    done: async (c) => (await t.db.discountCode.findUniqueOrThrow({ where: { id: c.codeId } })).percent === 35,
  },
  "app/(console)/console/settings/actions.ts#saveDiscountDefaultsAction": {
    permission: "settings:manage",
    allowed: ["admin"],
    setup: async () => {
      await t.db.setting.deleteMany({ where: { key: "discountDefaults" } });
      return {};
    },
    call: (a) => a(IDLE, fd({ percent: "15", expiryDays: "30", singleUse: "on" })),
    done: async () => (await t.db.setting.findUnique({ where: { key: "discountDefaults" } })) !== null,
  },
  "app/(console)/console/settings/referral-rules/actions.ts#saveReferralRulesAction": {
    permission: "settings:manage",
    allowed: ["admin"],
    setup: async () => {
      await t.db.setting.deleteMany({ where: { key: { startsWith: "referrals." } } });
      return {};
    },
    call: (a) => a(IDLE, fd({ confirmWhen: "enrolled", holdDays: "14", hourlyLimit: "5" })),
    done: async () => (await t.db.setting.findUnique({ where: { key: "referrals.confirmWhen" } }))?.value === "enrolled",
  },
  "app/(console)/console/staff/actions.ts#createStaffAction": {
    permission: "staff:manage",
    allowed: ["admin"],
    setup: async () => ({ email: `matrix-new-${randomUUID().slice(0, 8)}@loomstack.example` }),
    call: (a, c) => a(IDLE, fd({ name: "Matrix New", email: c.email, role: "staff", password: "" })),
    done: async (c) => (await t.db.user.count({ where: { email: c.email } })) === 1,
  },
  "app/(console)/console/staff/actions.ts#changeRoleAction": {
    permission: "staff:manage",
    allowed: ["admin"],
    setup: makeAccount,
    call: (a, c) => a(IDLE, fd({ userId: c.userId, role: "admin" })),
    done: async (c) => (await t.db.user.findUniqueOrThrow({ where: { id: c.userId } })).role === "admin",
  },
  "app/(console)/console/staff/actions.ts#setDisabledAction": {
    permission: "staff:manage",
    allowed: ["admin"],
    setup: makeAccount,
    call: (a, c) => a(IDLE, fd({ userId: c.userId, disable: "1" })),
    done: async (c) => (await t.db.user.findUniqueOrThrow({ where: { id: c.userId } })).banned === true,
  },
  "app/(console)/console/staff/actions.ts#resetPasswordAction": {
    permission: "staff:manage",
    allowed: ["admin"],
    setup: makeAccount,
    call: (a, c) => a(IDLE, fd({ userId: c.userId, password: "" })),
    done: async (c) => (await t.db.account.findFirstOrThrow({ where: { userId: c.userId } })).password !== c.passwordHash,
  },
};

/**
 * Who holds each permission, written out: the table lib/auth/roles.ts must match. Every
 * page, route handler and action checks one of these. An admin holds every permission;
 * staff hold all but managing accounts, settings and personal data.
 */
const HELD_BY_STAFF_AND_ADMINS = [
  "leads:read",
  "leads:work",
  "leads:export",
  "referrals:decide",
  "content:edit",
  "codes:edit",
  "email:retry",
  "comments:moderate",
  "calls:take",
  "pipeline:edit",
  "templates:edit",
] as const;
const HELD_BY_ADMINS_ONLY = ["staff:manage", "settings:manage", "privacy:manage", "calls:assign"] as const;
const EXPECTED_ROLES: Record<string, readonly Role[]> = Object.fromEntries([
  ...HELD_BY_STAFF_AND_ADMINS.map((p) => [p, ["admin", "staff"]]),
  ...HELD_BY_ADMINS_ONLY.map((p) => [p, ["admin"]]),
]);

/** Sign-in, sign-out and "Forgot password?" are public on purpose (the reset token is the credential). */
const PUBLIC_ACTIONS = new Set([
  "app/(console)/console/sign-in/actions.ts#signInAction",
  "app/(console)/console/sign-in/actions.ts#signOutAction",
  "app/(console)/console/forgot-password/actions.ts#requestPasswordResetAction",
  "app/(console)/console/reset-password/[token]/actions.ts#resetPasswordAction",
]);

/** "file#export" → the exported value, for every actions.ts of the console. */
let actions = new Map<string, unknown>();

beforeAll(async () => {
  const { getAuth } = await import("@/app/(console)/auth");
  const { createStaffUser } = await import("@/lib/auth/auth");
  const auth = getAuth();
  for (const role of ["staff", "admin"] as const) {
    const email = `${role}-matrix@loomstack.example`;
    const password = `matrix-${role}-password-1`;
    const user = await createStaffUser(auth, { email, name: `Matrix ${role}`, password, role });
    userId[role] = user.id;
    const res = await auth.api.signInEmail({ body: { email, password }, asResponse: true });
    const setCookie = res.headers.getSetCookie().find((c) => c.includes("session_token="));
    if (!setCookie) throw new Error("no session cookie");
    cookieFor[role] = setCookie.split(";")[0];
  }
  actions = await importServerActions("app/(console)");
}, 60_000);
afterAll(() => t.cleanup());

const consoleActions = () => [...actions].filter(([, v]) => typeof v === "function").map(([key]) => key);

describe("authorization matrix: permissions", () => {
  it("gives each permission to exactly the roles written out here", () => {
    const actual = Object.fromEntries(Object.entries(PERMISSIONS).map(([p, roles]) => [p, [...roles].sort()]));
    const expected = Object.fromEntries(Object.entries(EXPECTED_ROLES).map(([p, roles]) => [p, [...roles].sort()]));
    expect(actual).toEqual(expected);
  });

  it("states for each action the roles of the permission it checks", () => {
    const mismatched = Object.entries(RULES).filter(([, r]) => [...r.allowed].sort().join() !== [...(EXPECTED_ROLES[r.permission] ?? [])].sort().join());
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });
});

describe("authorization matrix: Server Actions", () => {
  it("has a rule for every console action", () => {
    const found = consoleActions();
    expect(found.length).toBeGreaterThan(4);
    expect(found.filter((key) => !RULES[key] && !PUBLIC_ACTIONS.has(key))).toEqual([]);
  });

  it("has no rule for an action that does not exist", () => {
    const found = new Set(consoleActions());
    expect(Object.keys(RULES).filter((key) => !found.has(key))).toEqual([]);
  });

  it("builds each action with the staff client and the permission written here", () => {
    const built = Object.keys(RULES).map((key) => {
      const info = actionInfo(actions.get(key));
      return `${key}: ${info?.client ?? "not built with the action client"} ${info?.permission ?? ""}`.trim();
    });
    expect(built).toEqual(Object.entries(RULES).map(([key, rule]) => `${key}: staff ${rule.permission}`));
  });

  for (const who of ["anonymous", "staff", "admin"] as const) {
    it(`does exactly what ${who === "anonymous" ? "an anonymous caller" : `a ${who}`} may`, async () => {
      const outcomes: string[] = [];
      for (const [key, rule] of Object.entries(RULES)) {
        const action = actions.get(key) as ((...args: unknown[]) => Promise<unknown>) | undefined;
        if (typeof action !== "function") {
          outcomes.push(`${key}: no such action  <-- a row in RULES without its action`);
          continue;
        }
        const ctx = await rule.setup();
        nextRequest.headers = new Headers({ cookie: cookieFor[who], origin: "http://console.test", "x-forwarded-for": "198.51.100.20" });
        let interrupt: Interrupt | undefined;
        let answer: unknown;
        try {
          answer = await rule.call(action, ctx);
        } catch (error) {
          if (error instanceof Interrupt) interrupt = error;
          else throw error;
        }
        ctx.__redirect = interrupt?.to ?? "";
        const allowed = who !== "anonymous" && rule.allowed.includes(who);
        const happened = await rule.done(ctx);
        outcomes.push(`${key}: ${happened ? "done" : "refused"}${happened === allowed ? "" : `  <-- expected ${allowed ? "done" : "refused"}`}`);
        // An anonymous caller is sent to sign in, never shown a success.
        const sentToSignIn = interrupt?.kind === "redirect" && /^\/console\/sign-in\?next=/.test(interrupt.to ?? "");
        if (who === "anonymous" && !sentToSignIn) outcomes.push(`${key}: answered ${JSON.stringify(interrupt ?? answer)}  <-- expected a redirect to sign in`);
      }
      expect(outcomes.filter((o) => o.includes("<--"))).toEqual([]);
    }, 60_000);
  }
});

/**
 * Server Actions are public endpoints: a client can call any of them with any arguments.
 * Called by an admin (who may do everything) without form data where the action expects it,
 * each must do nothing, answer with a redirect or its error state (never throw), and log one
 * line without a stack.
 */
describe("console actions called with tampered arguments", () => {
  const TAMPERED: [string, unknown[]][] = [
    ["no argument", []],
    ["undefined", [undefined]],
    ["null and null", [null, null]],
    ["a string", ["$undefined", "leadId=1&status=contacted"]],
    ["the fields as a plain object", [{ status: "idle" }, { leadId: "x", status: "contacted", note: "n", id: "x" }]],
    ["200 arguments", Array.from({ length: 200 }, (_, i) => (i % 2 ? "$undefined" : null))],
  ];

  it("does nothing and answers cleanly, for every action and every kind of tampering", async () => {
    const problems: string[] = [];
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      for (const [key, rule] of Object.entries(RULES)) {
        const action = actions.get(key);
        if (typeof action !== "function") continue; // a row without its action fails the tests above
        for (const [what, args] of TAMPERED) {
          const ctx = await rule.setup();
          nextRequest.headers = new Headers({ cookie: cookieFor.admin, origin: "http://console.test", "x-forwarded-for": "198.51.100.21" });
          warn.mockClear();
          error.mockClear();
          let answer: unknown;
          try {
            answer = await action(...args);
          } catch (e) {
            if (!(e instanceof Interrupt)) {
              problems.push(`${key} with ${what}: threw ${String(e)}`);
              continue;
            }
            answer = e;
          }
          ctx.__redirect = answer instanceof Interrupt ? (answer.to ?? "") : "";
          if (await rule.done(ctx)) problems.push(`${key} with ${what}: did its work`);
          const clean = answer instanceof Interrupt ? answer.kind === "redirect" : (answer as { status?: string })?.status === "error";
          if (!clean) problems.push(`${key} with ${what}: answered ${JSON.stringify(answer)}`);
          if (warn.mock.calls.length !== 1 || /\n|TypeError/.test(String(warn.mock.calls[0]?.[0])))
            problems.push(`${key} with ${what}: logged ${JSON.stringify(warn.mock.calls)}`);
          if (error.mock.calls.length) problems.push(`${key} with ${what}: logged an error ${String(error.mock.calls[0]?.[0])}`);
        }
      }
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
