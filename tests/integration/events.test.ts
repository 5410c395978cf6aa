import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedPrograms } from "@/lib/content/seed-programs";
import { leadsOverTime, parseDashboardRange } from "@/lib/console/dashboard";
import { updateEvent } from "@/lib/console/events";
import { erasePerson } from "@/lib/console/privacy";
import { cancelRsvp } from "@/lib/events/seats";
import { rsvpIdFromToken } from "@/lib/events/tokens";
import { localInputValue } from "@/lib/events/time";
import { submitLead } from "@/lib/leads/pipeline";
import { createTestDb } from "../helpers/test-db";
import { deliverToMailbox, SITE_URL, testSubmissionDeps } from "../helpers/submissions";

/**
 * RSVPs against a real database (SQLite, and PostgreSQL with TEST_DATABASE=postgres): the
 * seats never pass capacity under concurrent RSVPs, the waitlist moves up exactly once per
 * freed seat, and reminders go out once, never for a cancelled RSVP. The clock is injected.
 */
const t = createTestDb();
const deps = testSubmissionDeps(t.db);
const NOW = new Date("2027-03-01T15:00:00Z");
const HOUR = 3600_000;
let n = 0;

beforeAll(async () => {
  await seedPrograms(t.db, NOW);
});
afterAll(() => t.cleanup());

async function newEvent(capacity: number, startsAt = new Date(NOW.getTime() + 72 * HOUR)) {
  return t.db.event.create({
    data: {
      slug: `event-${++n}-${randomUUID().slice(0, 6)}`,
      title: `Info session ${n}`,
      description: "An hour with an instructor.",
      startsAt,
      durationMinutes: 60,
      timeZone: "America/New_York",
      onlineUrl: "https://meet.example.com/info",
      capacity,
      published: true,
    },
  });
}

const rsvp = (slug: string, email: string, now = NOW) =>
  submitLead(deps, "event", { eventSlug: slug, name: `Person ${email}`, email, consent: "on", submissionToken: randomUUID() }, { ip: "203.0.113.7", now });

const statuses = async (eventId: string) =>
  Object.fromEntries((await t.db.eventRsvp.findMany({ where: { eventId }, include: { contact: true } })).map((r) => [r.contact.email, r.status])) as Record<
    string,
    string
  >;

const mails = (template: string, to?: string) =>
  t.db.emailMessage.findMany({ where: { template, ...(to ? { toAddress: to } : {}) }, orderBy: { createdAt: "asc" } });

describe("event RSVPs", () => {
  it("creates an event lead with its attribution and answers seat or waitlist, as the event stands", async () => {
    const e = await newEvent(1);
    const first = await submitLead(
      deps,
      "event",
      { eventSlug: e.slug, name: "Ada Park", email: "ada@example.com", consent: "on", utm_source: "newsletter", cta: "event-rsvp" },
      { ip: "203.0.113.7", now: NOW },
    );
    expect(first.kind).toBe("saved");
    if (first.kind !== "saved") return;
    expect(first.success.headline).toBe("Your seat is reserved");
    const lead = await t.db.lead.findUniqueOrThrow({ where: { id: first.leadId } });
    expect([lead.formType, lead.utmSource, lead.cta]).toEqual(["event", "newsletter", "event-rsvp"]);

    const second = await rsvp(e.slug, "bo@example.com");
    expect(second.kind === "saved" && second.success.headline).toBe("This event is full: you are on the waitlist");
    expect(await statuses(e.id)).toEqual({ "ada@example.com": "going", "bo@example.com": "waitlisted" });

    // Ada's confirmation says seat; Bo's says waitlist, with no calendar file and no reminders.
    const [ada] = await mails("event-confirmation", "ada@example.com");
    const [bo] = await mails("event-confirmation", "bo@example.com");
    expect(JSON.parse(ada.data).rsvp.status).toBe("going");
    expect(JSON.parse(bo.data).rsvp).toMatchObject({ status: "waitlisted", calendarUrl: null, onlineUrl: null });
    expect(await mails("event-update", "bo@example.com")).toEqual([]);
  });

  it("counts RSVP leads as their own series on the dashboard", async () => {
    const e = await newEvent(10);
    const day = new Date("2027-02-10T12:00:00Z");
    const before = await leadsOverTime(t.db, parseDashboardRange({ from: "2027-02-10", to: "2027-02-10" }, day));
    await rsvp(e.slug, `dash1-${e.id}@example.com`, day);
    await rsvp(e.slug, `dash2-${e.id}@example.com`, day);
    const after = await leadsOverTime(t.db, parseDashboardRange({ from: "2027-02-10", to: "2027-02-10" }, day));
    expect(after.totals.event - before.totals.event).toBe(2);
    expect(after.total - before.total).toBe(2);
  });

  it("never gives more seats than capacity under concurrent RSVPs", async () => {
    const e = await newEvent(5);
    const people = Array.from({ length: 16 }, (_, i) => `racer${i}-${e.id}@example.com`);
    const outcomes = await Promise.all(people.map((p) => rsvp(e.slug, p)));
    expect(outcomes.every((o) => o.kind === "saved")).toBe(true);
    const rows = await t.db.eventRsvp.findMany({ where: { eventId: e.id } });
    expect(rows.filter((r) => r.status === "going")).toHaveLength(5);
    expect(rows.filter((r) => r.status === "waitlisted")).toHaveLength(11);
    expect((await t.db.event.findUniqueOrThrow({ where: { id: e.id } })).seatsTaken).toBe(5);
  });

  it("keeps one place per person: a second RSVP takes no second seat", async () => {
    const e = await newEvent(3);
    await rsvp(e.slug, "twice@example.com");
    await rsvp(e.slug, "twice@example.com", new Date(NOW.getTime() + 20 * 60_000));
    expect(await t.db.eventRsvp.count({ where: { eventId: e.id } })).toBe(1);
    expect((await t.db.event.findUniqueOrThrow({ where: { id: e.id } })).seatsTaken).toBe(1);
  });

  it("schedules the two reminders once, 24 h and 1 h before, and withdraws them on cancel", async () => {
    const e = await newEvent(2);
    await rsvp(e.slug, "remind@example.com");
    const reminders = await mails("event-update", "remind@example.com");
    expect(reminders.map((m) => [JSON.parse(m.data).kind, m.nextAttemptAt.getTime()])).toEqual([
      ["reminder-24h", e.startsAt.getTime() - 24 * HOUR],
      ["reminder-1h", e.startsAt.getTime() - HOUR],
    ]);
    // Nothing due yet: the dispatcher leaves them until their time.
    await deliverToMailbox(t.db, { now: () => NOW });
    expect((await mails("event-update", "remind@example.com")).map((m) => m.status)).toEqual(["pending", "pending"]);

    const row = await t.db.eventRsvp.findFirstOrThrow({ where: { eventId: e.id } });
    const outcome = await cancelRsvp(t.db, row.id, SITE_URL, NOW);
    expect(outcome.ok).toBe(true);
    expect((await mails("event-update", "remind@example.com")).map((m) => m.status)).toEqual(["cancelled", "cancelled"]);
    // Due or not, a cancelled reminder is never sent.
    await deliverToMailbox(t.db, { now: () => new Date(e.startsAt.getTime() - 30 * 60_000) });
    expect((await mails("event-update", "remind@example.com")).map((m) => m.status)).toEqual(["cancelled", "cancelled"]);
    // Cancelling again does nothing.
    expect(await cancelRsvp(t.db, row.id, SITE_URL, NOW)).toEqual({ ok: false, reason: "already-cancelled" });
  });

  it("sends each reminder exactly once when it falls due", async () => {
    const e = await newEvent(2);
    await rsvp(e.slug, "once@example.com");
    const at24 = new Date(e.startsAt.getTime() - 24 * HOUR + 1000);
    await deliverToMailbox(t.db, { now: () => at24 });
    await deliverToMailbox(t.db, { now: () => at24 });
    const after24 = await mails("event-update", "once@example.com");
    expect(after24.map((m) => [JSON.parse(m.data).kind, m.status])).toEqual([
      ["reminder-24h", "delivered"],
      ["reminder-1h", "pending"],
    ]);
    const at1 = new Date(e.startsAt.getTime() - HOUR + 1000);
    await deliverToMailbox(t.db, { now: () => at1 });
    await deliverToMailbox(t.db, { now: () => at1 });
    expect((await mails("event-update", "once@example.com")).map((m) => m.status)).toEqual(["delivered", "delivered"]);
  });

  it("gives a freed seat to the first on the waitlist, mails them once, and schedules their reminders", async () => {
    const e = await newEvent(1);
    await rsvp(e.slug, "holder@example.com");
    await rsvp(e.slug, "wait1@example.com", new Date(NOW.getTime() + 1000));
    await rsvp(e.slug, "wait2@example.com", new Date(NOW.getTime() + 2000));
    const holder = await t.db.eventRsvp.findFirstOrThrow({ where: { eventId: e.id, status: "going" } });
    const outcome = await cancelRsvp(t.db, holder.id, SITE_URL, NOW);
    expect(outcome.ok && outcome.promoted.length).toBe(1);
    expect(await statuses(e.id)).toEqual({ "holder@example.com": "cancelled", "wait1@example.com": "going", "wait2@example.com": "waitlisted" });
    const updates = await mails("event-update", "wait1@example.com");
    expect(updates.map((m) => JSON.parse(m.data).kind)).toEqual(["promoted", "reminder-24h", "reminder-1h"]);
    expect(await mails("event-update", "wait2@example.com")).toEqual([]);
    expect((await t.db.event.findUniqueOrThrow({ where: { id: e.id } })).seatsTaken).toBe(1);
  });

  it("promotes one person per freed seat when several people cancel at once", async () => {
    const e = await newEvent(3);
    for (let i = 0; i < 3; i++) await rsvp(e.slug, `seat${i}-${e.id}@example.com`, new Date(NOW.getTime() + i));
    for (let i = 0; i < 4; i++) await rsvp(e.slug, `queue${i}-${e.id}@example.com`, new Date(NOW.getTime() + 10 + i));
    const going = await t.db.eventRsvp.findMany({ where: { eventId: e.id, status: "going" } });
    await Promise.all(going.map((r) => cancelRsvp(t.db, r.id, SITE_URL, NOW)));
    const rows = await t.db.eventRsvp.findMany({ where: { eventId: e.id }, include: { contact: true } });
    const promoted = rows.filter((r) => r.status === "going").map((r) => r.contact.email);
    expect(promoted.sort()).toEqual([0, 1, 2].map((i) => `queue${i}-${e.id}@example.com`).sort());
    expect(rows.filter((r) => r.status === "waitlisted").map((r) => r.contact.email)).toEqual([`queue3-${e.id}@example.com`]);
    const promotions = await t.db.emailMessage.count({
      where: { template: "event-update", data: { contains: '"kind":"promoted"' }, toAddress: { contains: e.id } },
    });
    expect(promotions).toBe(3);
    expect((await t.db.event.findUniqueOrThrow({ where: { id: e.id } })).seatsTaken).toBe(3);
  });

  it("moves the reminders when staff move the event, and fills new seats from the waitlist", async () => {
    const e = await newEvent(1);
    await rsvp(e.slug, `moved-a-${e.id}@example.com`);
    await rsvp(e.slug, `moved-b-${e.id}@example.com`);
    const later = new Date(e.startsAt.getTime() + 48 * HOUR);
    const form = new FormData();
    const values = {
      title: `${e.title} (moved)`,
      slug: e.slug,
      programSlug: "",
      description: e.description,
      startsAtLocal: localInputValue(later, e.timeZone),
      timeZone: e.timeZone,
      durationMinutes: "60",
      onlineUrl: "https://meet.example.com/info",
      placeName: "",
      placeAddress: "",
      capacity: "2",
      published: "on",
    };
    for (const [k, v] of Object.entries(values)) form.set(k, v);
    expect(await updateEvent(t.db, e.id, form, SITE_URL, NOW)).toMatchObject({ ok: true });
    const a = await mails("event-update", `moved-a-${e.id}@example.com`);
    expect(a.filter((m) => m.status === "pending").map((m) => m.nextAttemptAt.getTime())).toEqual([later.getTime() - 24 * HOUR, later.getTime() - HOUR]);
    expect(a.filter((m) => m.status === "cancelled")).toHaveLength(2);
    // The new reminders say what is true now.
    expect(a.filter((m) => m.status === "pending").map((m) => JSON.parse(m.data).rsvp.eventTitle)).toEqual([`${e.title} (moved)`, `${e.title} (moved)`]);
    expect((await statuses(e.id))[`moved-b-${e.id}@example.com`]).toBe("going");
  });

  it("erasing a person cancels their RSVP and gives their seat to the waitlist", async () => {
    const e = await newEvent(1);
    await rsvp(e.slug, `erased-${e.id}@example.com`);
    await rsvp(e.slug, `next-${e.id}@example.com`);
    const erased = await t.db.contact.findUniqueOrThrow({ where: { email: `erased-${e.id}@example.com` } });
    expect(await erasePerson(t.db, { contactId: erased.id, actorId: null, now: NOW, siteUrl: SITE_URL })).not.toBeNull();
    const rows = await t.db.eventRsvp.findMany({ where: { eventId: e.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.status).sort()).toEqual(["cancelled", "going"]);
    expect(rows.find((r) => r.contactId === erased.id)?.status).toBe("cancelled");
    expect(await mails("event-update", `next-${e.id}@example.com`)).toHaveLength(3);
    expect((await t.db.event.findUniqueOrThrow({ where: { id: e.id } })).seatsTaken).toBe(1);
  });

  it("refuses an RSVP to an unknown, hidden or started event with a message by the field", async () => {
    const e = await newEvent(5, new Date(NOW.getTime() - HOUR));
    const started = await rsvp(e.slug, "late@example.com");
    expect(started).toEqual({ kind: "invalid", fieldErrors: { eventSlug: "This event has already started, so RSVPs are closed." } });
    const unknown = await rsvp("no-such-event", "late@example.com");
    expect(unknown.kind).toBe("invalid");
    expect(await t.db.lead.count({ where: { email: "late@example.com" } })).toBe(0);
  });

  it("signs the cancel link: a guessed RSVP id does not open it", async () => {
    const e = await newEvent(2);
    await rsvp(e.slug, "signed@example.com");
    const [m] = await mails("event-confirmation", "signed@example.com");
    const url: string = JSON.parse(m.data).rsvp.manageUrl;
    const token = url.split("/").pop()!;
    const row = await t.db.eventRsvp.findFirstOrThrow({ where: { eventId: e.id } });
    expect(rsvpIdFromToken(token)).toBe(row.id);
    expect(rsvpIdFromToken(`${row.id}.${"A".repeat(32)}`)).toBeNull();
  });
});
