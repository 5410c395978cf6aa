import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { must, narrow } from "../helpers/narrow";
import { createTestDb } from "../helpers/test-db";
import { seedPrograms } from "@/lib/content/seed-programs";
import { pinnableAdvisors, programPins, setProgramPins } from "@/lib/console/advisor-pins";
import {
  addDateOff,
  availabilityOf,
  availabilityValues,
  becomeAdvisor,
  canEditAvailability,
  canonicalTimeZone,
  ensureAdvisor,
  formatDateOff,
  hoursValues,
  OFFICE_HOURS,
  rangeField,
  removeDateOff,
  saveAvailability,
  upcomingCallCount,
} from "@/lib/console/availability";
import { callTypeChoices, createCallType, listCallTypes, seedCallTypes, setCallTypeActive, updateCallType } from "@/lib/console/call-types";

/**
 * Issue 18, the staff side: call types, program pins, and (below) advisors' availability, on
 * a real database (SQLite, and PostgreSQL with TEST_DATABASE=postgres).
 */

const t = createTestDb();
const now = new Date("2026-12-07T15:00:00Z");

beforeAll(async () => {
  await seedPrograms(t.db, now);
});
afterAll(() => t.cleanup());

let counter = 0;
async function staffUser(name = "Ava Advisor", over: { banned?: boolean } = {}) {
  const id = randomUUID();
  await t.db.user.create({ data: { id, name: `${name} ${++counter}`, email: `${id}@staff.example`, role: "staff", ...over } });
  return id;
}

async function advisor(timeZone = "America/Chicago") {
  const userId = await staffUser();
  await t.db.advisor.create({ data: { userId, timeZone, weeklyHours: "[]" } });
  return userId;
}

async function callType(over: { slug?: string; durationMinutes?: number; active?: boolean } = {}) {
  const slug = over.slug ?? `type-${randomUUID().slice(0, 8)}`;
  return t.db.callType.create({ data: { slug, name: `Call ${slug}`, durationMinutes: over.durationMinutes ?? 20, active: over.active ?? true } });
}

/** A booked call, written as the booking store leaves one (claims aside). */
async function booking(a: { advisorId: string; callTypeId: string; startsAt: Date; minutes?: number; status?: string }) {
  const contact = await t.db.contact.create({ data: { email: `${randomUUID()}@example.com`, referralCode: randomUUID().slice(0, 10) } });
  const lead = await t.db.lead.create({ data: { contactId: contact.id, formType: "booking", fields: "{}", name: "Lee Lead", email: contact.email } });
  const id = randomUUID();
  return t.db.booking.create({
    data: {
      id,
      uid: `booking-${id}@loomstack.example`,
      leadId: lead.id,
      contactId: contact.id,
      advisorId: a.advisorId,
      callTypeId: a.callTypeId,
      startsAt: a.startsAt,
      endsAt: new Date(a.startsAt.getTime() + (a.minutes ?? 20) * 60_000),
      bufferMinutes: 10,
      visitorTimeZone: "Europe/Paris",
      status: a.status ?? "booked",
      manageTokenHash: randomUUID(),
    },
  });
}

const callTypePost = (over: Record<string, unknown> = {}) => ({
  name: "Career change call",
  slug: `career-change-${randomUUID().slice(0, 6)}`,
  description: "For people moving into tech.",
  durationMinutes: "45",
  active: "on",
  position: "3",
  ...over,
});

describe("call types", () => {
  it("seeds the admissions call (20 min) and the quote call (30 min) once, and leaves edited ones alone", async () => {
    expect(await seedCallTypes(t.db)).toEqual({ callTypes: 2 });
    const seeded = await t.db.callType.findMany({ where: { slug: { in: ["admissions-call", "quote-call"] } }, orderBy: { position: "asc" } });
    expect(seeded.map((c) => [c.slug, c.name, c.durationMinutes, c.active])).toEqual([
      ["admissions-call", "Admissions call", 20, true],
      ["quote-call", "Quote call", 30, true],
    ]);
    await t.db.callType.update({ where: { slug: "quote-call" }, data: { durationMinutes: 40, active: false } });
    expect(await seedCallTypes(t.db)).toEqual({ callTypes: 0 });
    const quote = await t.db.callType.findUniqueOrThrow({ where: { slug: "quote-call" } });
    expect([quote.durationMinutes, quote.active]).toEqual([40, false]);
    await t.db.callType.update({ where: { slug: "quote-call" }, data: { durationMinutes: 30, active: true } });
  });

  it("adds a call type from a valid post", async () => {
    const post = callTypePost();
    const out = narrow(await createCallType(t.db, post), "ok", true);
    const row = await t.db.callType.findUniqueOrThrow({ where: { id: out.id } });
    expect(row).toMatchObject({
      name: "Career change call",
      slug: post.slug,
      description: "For people moving into tech.",
      durationMinutes: 45,
      active: true,
      position: 3,
    });
  });

  it("refuses each bad field with a message next to it and saves nothing", async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ durationMinutes: "22" }, "durationMinutes", /steps of 5 minutes/],
      [{ durationMinutes: "0" }, "durationMinutes", /at least 5/],
      [{ durationMinutes: "245" }, "durationMinutes", /at most 240/],
      [{ durationMinutes: "half an hour" }, "durationMinutes", /whole number/],
      [{ slug: "Admissions Call" }, "slug", /lower-case letters/],
      [{ slug: "" }, "slug", /Enter the address/],
      [{ name: "   " }, "name", /Enter the call type's name/],
      [{ position: "-1" }, "position", /whole number/],
      [{ description: "x".repeat(301) }, "description", /under 300/],
      // A tampered post: a file where text belongs counts as empty.
      [{ name: new File(["x"], "x.txt") }, "name", /Enter the call type's name/],
    ];
    const before = await t.db.callType.count();
    for (const [over, field, message] of cases) {
      const out = narrow(await createCallType(t.db, callTypePost(over)), "ok", false);
      expect(out.fieldErrors[field], `${field} ${JSON.stringify(over)}`).toMatch(message);
    }
    expect(await t.db.callType.count()).toBe(before);
  });

  it("refuses an address another call type uses, on create and on edit", async () => {
    const first = await callType();
    const out = narrow(await createCallType(t.db, callTypePost({ slug: first.slug })), "ok", false);
    expect(out.fieldErrors.slug).toBe("Another call type uses this address. Choose another.");
    const second = await callType();
    const edit = narrow(await updateCallType(t.db, second.id, callTypePost({ slug: first.slug })), "ok", false);
    expect(edit.fieldErrors.slug).toBe("Another call type uses this address. Choose another.");
    // Keeping its own address is fine.
    narrow(await updateCallType(t.db, second.id, callTypePost({ slug: second.slug })), "ok", true);
  });

  it("edits a call type; booked calls keep the length they were booked for", async () => {
    const type = await callType({ durationMinutes: 20 });
    const advisorId = await advisor();
    const b = await booking({ advisorId, callTypeId: type.id, startsAt: new Date("2026-12-10T16:00:00Z"), minutes: 20 });
    narrow(await updateCallType(t.db, type.id, callTypePost({ slug: type.slug, name: "Longer call", durationMinutes: "60" })), "ok", true);
    expect(await t.db.callType.findUniqueOrThrow({ where: { id: type.id } })).toMatchObject({ name: "Longer call", durationMinutes: 60 });
    const after = await t.db.booking.findUniqueOrThrow({ where: { id: b.id } });
    expect([after.startsAt.toISOString(), after.endsAt.toISOString()]).toEqual(["2026-12-10T16:00:00.000Z", "2026-12-10T16:20:00.000Z"]);
  });

  it("says so when the call type edited no longer exists", async () => {
    const out = narrow(await updateCallType(t.db, "no-such-id", callTypePost()), "ok", false);
    expect(out.message).toBe("That call type no longer exists.");
  });

  it("retires a call type without touching its bookings, and offers it again", async () => {
    const type = await callType();
    const advisorId = await advisor();
    const b = await booking({ advisorId, callTypeId: type.id, startsAt: new Date("2026-12-11T16:00:00Z") });
    await booking({ advisorId, callTypeId: type.id, startsAt: new Date("2026-12-01T16:00:00Z"), status: "done" });
    expect(await setCallTypeActive(t.db, type.id, false)).toBe(true);
    const listed = must((await listCallTypes(t.db, now)).find((r) => r.id === type.id));
    expect(listed).toMatchObject({ active: false, upcoming: 1 });
    expect(await t.db.booking.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "booked", callTypeId: type.id });
    // Retired types come last among the choices advisors tick.
    const choices = await callTypeChoices(t.db);
    expect(choices.findIndex((c) => c.id === type.id)).toBeGreaterThan(choices.findLastIndex((c) => c.active));
    expect(await setCallTypeActive(t.db, type.id, true)).toBe(true);
    expect(await setCallTypeActive(t.db, "no-such-id", true)).toBe(false);
  });

  it("lists call types in /book's order: position, then name", async () => {
    const rows = await listCallTypes(t.db, now);
    const keys = rows.map((r) => [r.position, r.name] as const);
    expect(keys).toEqual([...keys].sort((x, y) => x[0] - y[0] || x[1].localeCompare(y[1])));
  });
});

describe("program pins", () => {
  it("pins a program to advisors, changes the set, and unpins it", async () => {
    const [a, b, c] = [await advisor(), await advisor(), await advisor()];
    narrow(await setProgramPins(t.db, { programSlug: "data-analytics", advisorIds: [a, b] }), "ok", true);
    const pinned = async () => (await t.db.programAdvisorPin.findMany({ where: { programSlug: "data-analytics" } })).map((p) => p.advisorId).sort();
    expect(await pinned()).toEqual([a, b].sort());
    narrow(await setProgramPins(t.db, { programSlug: "data-analytics", advisorIds: [c, b, b] }), "ok", true);
    expect(await pinned()).toEqual([b, c].sort());
    const shown = must((await programPins(t.db)).find((p) => p.slug === "data-analytics"));
    expect(shown.name).toBe("Data Analytics");
    expect(shown.advisors.map((x) => x.id).sort()).toEqual([b, c].sort());
    narrow(await setProgramPins(t.db, { programSlug: "data-analytics", advisorIds: [] }), "ok", true);
    expect(await pinned()).toEqual([]);
  });

  it("refuses someone who is not an advisor, or a program that does not exist, and changes nothing", async () => {
    const a = await advisor();
    const notAdvisor = await staffUser();
    narrow(await setProgramPins(t.db, { programSlug: "full-stack-development", advisorIds: [a] }), "ok", true);
    const before = await t.db.programAdvisorPin.findMany({ where: { programSlug: "full-stack-development" } });
    expect(narrow(await setProgramPins(t.db, { programSlug: "full-stack-development", advisorIds: [a, notAdvisor] }), "ok", false).reason).toBe("advisor");
    expect(narrow(await setProgramPins(t.db, { programSlug: "no-such-program", advisorIds: [a] }), "ok", false).reason).toBe("program");
    expect(narrow(await setProgramPins(t.db, { programSlug: "../etc", advisorIds: [] }), "ok", false).reason).toBe("program");
    expect(await t.db.programAdvisorPin.findMany({ where: { programSlug: "full-stack-development" } })).toEqual(before);
    expect(await t.db.programAdvisorPin.count({ where: { programSlug: "no-such-program" } })).toBe(0);
  });

  it("shows a pin whose program was removed, and lets it be unpinned", async () => {
    const a = await advisor();
    await t.db.programAdvisorPin.create({ data: { programSlug: "retired-program", advisorId: a } });
    expect(must((await programPins(t.db)).find((p) => p.slug === "retired-program")).name).toBe("retired-program (no such program)");
    narrow(await setProgramPins(t.db, { programSlug: "retired-program", advisorIds: [] }), "ok", true);
    expect((await programPins(t.db)).some((p) => p.slug === "retired-program")).toBe(false);
  });

  it("offers every advisor for pinning, taking calls or not", async () => {
    const off = await advisor();
    await t.db.advisor.update({ where: { userId: off }, data: { active: false } });
    const listed = must((await pinnableAdvisors(t.db)).find((x) => x.id === off));
    expect(listed.active).toBe(false);
  });
});

/** A full availability post (as the editor sends it): the rules, and `hours` rows ([day, start, end] in row order per day). */
function availabilityPost(over: Record<string, string> = {}, hours: [number, string, string][] = [[1, "09:00", "17:00"]]): Record<string, string> {
  const rows = new Map<number, number>();
  const out: Record<string, string> = {
    timeZone: "America/Chicago",
    bufferMinutes: "10",
    minNoticeMinutes: "120",
    horizonDays: "21",
    active: "on",
    callTypes: "",
  };
  for (const [day, start, end] of hours) {
    const row = rows.get(day) ?? 0;
    rows.set(day, row + 1);
    out[rangeField(day, row, "start")] = start;
    out[rangeField(day, row, "end")] = end;
  }
  return { ...out, ...over };
}

describe("availability", () => {
  it("makes a staff member an advisor with their zone, no hours yet and the default rules; again changes nothing", async () => {
    const userId = await staffUser();
    narrow(await becomeAdvisor(t.db, { userId, timeZone: "Pacific/Auckland" }), "ok", true);
    const row = await t.db.advisor.findUniqueOrThrow({ where: { userId } });
    expect(row).toMatchObject({ timeZone: "Pacific/Auckland", weeklyHours: "[]", active: true, bufferMinutes: 10, minNoticeMinutes: 120, horizonDays: 21 });
    narrow(await becomeAdvisor(t.db, { userId, timeZone: "Europe/Paris" }), "ok", true);
    expect((await t.db.advisor.findUniqueOrThrow({ where: { userId } })).timeZone).toBe("Pacific/Auckland");
  });

  it("refuses an unknown zone, a disabled account or a missing one", async () => {
    const userId = await staffUser();
    for (const timeZone of ["Mars/Olympus_Mons", "", "EST; DROP TABLE", undefined, 42]) {
      expect(narrow(await becomeAdvisor(t.db, { userId, timeZone }), "ok", false).fieldErrors.timeZone).toMatch(/time zone/);
    }
    const banned = await staffUser("Bo Banned", { banned: true });
    expect(narrow(await becomeAdvisor(t.db, { userId: banned, timeZone: "UTC" }), "ok", false).message).toMatch(/disabled/);
    expect(narrow(await becomeAdvisor(t.db, { userId: "nobody", timeZone: "UTC" }), "ok", false).message).toMatch(/does not exist/);
    expect(await t.db.advisor.count({ where: { userId: { in: [userId, banned] } } })).toBe(0);
    expect(await availabilityOf(t.db, banned)).toBeNull();
  });

  it("saves weekly hours with several ranges a day and an overnight one, the call types and the rules", async () => {
    const userId = await advisor();
    const [a, b] = [await callType(), await callType()];
    const post = availabilityPost(
      { timeZone: "Asia/Kolkata", bufferMinutes: "15", minNoticeMinutes: "60", horizonDays: "30", active: "", callTypes: `${a.id},${b.id}` },
      [
        [1, "09:00", "12:00"],
        [1, "13:30", "17:30"],
        [5, "22:00", "02:00"],
        [3, "", ""],
      ],
    );
    narrow(await saveAvailability(t.db, userId, post), "ok", true);
    const view = must(await availabilityOf(t.db, userId));
    // Kolkata is stored under the runtime's name for it (Node's ICU says "Asia/Calcutta"), one of the select's options.
    expect(["Asia/Kolkata", "Asia/Calcutta"]).toContain(view.advisor?.timeZone);
    expect(view.advisor).toMatchObject({ bufferMinutes: 15, minNoticeMinutes: 60, horizonDays: 30, active: false });
    expect(view.advisor?.weeklyHours).toEqual([
      { day: 1, start: "09:00", end: "12:00" },
      { day: 1, start: "13:30", end: "17:30" },
      { day: 5, start: "22:00", end: "02:00" },
    ]);
    expect(view.advisor?.callTypeIds.sort()).toEqual([a.id, b.id].sort());
    // The editor shows the saved hours again, day by day.
    expect(hoursValues(must(view.advisor).weeklyHours)).toMatchObject({ "hours.1.1.start": "13:30", "hours.5.0.end": "02:00" });
    // Ticking one call type off removes only that one.
    narrow(await saveAvailability(t.db, userId, availabilityPost({ callTypes: b.id })), "ok", true);
    expect((await t.db.advisorCallType.findMany({ where: { advisorId: userId } })).map((c) => c.callTypeId)).toEqual([b.id]);
  });

  it("keys each bad time range's error to its row, and saves nothing", async () => {
    const userId = await advisor();
    const before = await t.db.advisor.findUniqueOrThrow({ where: { userId } });
    const cases: [[number, string, string][], string, RegExp][] = [
      [[[2, "09:00", ""]], "hours.2.0", /Enter both the start and the end/],
      [[[2, "9am", "17:00"]], "hours.2.0", /5-minute steps on the 24-hour clock/],
      [[[2, "09:07", "17:00"]], "hours.2.0", /5-minute steps/],
      [[[2, "25:00", "17:00"]], "hours.2.0", /24-hour clock/],
      [
        [
          [4, "09:00", "12:00"],
          [4, "11:00", "13:00"],
        ],
        "hours.4.1",
        /overlaps/,
      ],
      // Sunday night runs into Monday morning.
      [
        [
          [1, "01:00", "05:00"],
          [7, "22:00", "02:00"],
        ],
        "hours.7.0",
        /overlaps/,
      ],
      [[[6, "10:00", "10:00"]], "hours.6.0", /same time/],
    ];
    for (const [hours, key, message] of cases) {
      const out = narrow(await saveAvailability(t.db, userId, availabilityPost({ horizonDays: "99" }, hours)), "ok", false);
      expect(out.fieldErrors[key], JSON.stringify(hours)).toMatch(message);
    }
    expect(await t.db.advisor.findUniqueOrThrow({ where: { userId } })).toEqual(before);
  });

  it("refuses bad rules and unknown call types with a message next to each", async () => {
    const userId = await advisor();
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ bufferMinutes: "7" }, "bufferMinutes", /steps of 5 minutes/],
      [{ bufferMinutes: "125" }, "bufferMinutes", /at most 120/],
      [{ minNoticeMinutes: "-5" }, "minNoticeMinutes", /whole number/],
      [{ minNoticeMinutes: "33" }, "minNoticeMinutes", /steps of 5 minutes/],
      [{ horizonDays: "0" }, "horizonDays", /at least 1/],
      [{ horizonDays: "366" }, "horizonDays", /at most 365/],
      [{ timeZone: "Europe/Atlantis" }, "timeZone", /from the list/],
      [{ callTypes: "not-a-call-type" }, "callTypes", /from the list/],
    ];
    for (const [over, field, message] of cases) {
      expect(narrow(await saveAvailability(t.db, userId, availabilityPost(over)), "ok", false).fieldErrors[field], field).toMatch(message);
    }
    expect((await t.db.advisor.findUniqueOrThrow({ where: { userId } })).weeklyHours).toBe("[]");
  });

  it("reads the editor's post: rows as typed, at most eight a day, and ticked call types", () => {
    const form = new FormData();
    form.append("timeZone", "UTC");
    form.append("callTypes", "a");
    form.append("callTypes", "b");
    form.append("hours.1.0.start", "09:00");
    form.append("hours.1.0.end", "17:00");
    form.append("hours.1.9.start", "18:00");
    form.append("hours.9.0.start", "18:00");
    form.append("userId", "someone");
    expect(availabilityValues(form)).toEqual({ timeZone: "UTC", callTypes: "a,b", "hours.1.0.start": "09:00", "hours.1.0.end": "17:00" });
  });

  it("asks an advisor to exist before saving, and leaves a disabled account alone", async () => {
    const userId = await staffUser();
    expect(narrow(await saveAvailability(t.db, userId, availabilityPost()), "ok", false).message).toMatch(/Start taking calls first/);
  });

  it("changing the hours, the zone and the buffer leaves booked calls exactly as they were", async () => {
    const userId = await advisor("America/Chicago");
    const type = await callType();
    narrow(await saveAvailability(t.db, userId, availabilityPost({ callTypes: type.id }, [[4, "09:00", "17:00"]])), "ok", true);
    const b = await booking({ advisorId: userId, callTypeId: type.id, startsAt: new Date("2026-12-10T16:00:00Z") });
    await t.db.bookingClaim.create({ data: { advisorId: userId, block: Math.floor(b.startsAt.getTime() / 300_000), bookingId: b.id } });
    narrow(
      await saveAvailability(t.db, userId, availabilityPost({ timeZone: "Asia/Tokyo", bufferMinutes: "30", callTypes: "" }, [[1, "20:00", "23:00"]])),
      "ok",
      true,
    );
    expect(await t.db.booking.findUniqueOrThrow({ where: { id: b.id } })).toEqual(b);
    expect(await t.db.bookingClaim.count({ where: { bookingId: b.id } })).toBe(1);
    expect(await upcomingCallCount(t.db, userId, now)).toBe(1);
  });
});

describe("dates off", () => {
  it("adds a day off in the advisor's own zone, keeps a note, and removes it", async () => {
    const userId = await advisor("Europe/Berlin");
    narrow(await addDateOff(t.db, { userId, date: "2026-12-24", note: " Christmas Eve ", now }), "ok", true);
    expect(must(await availabilityOf(t.db, userId)).advisor?.datesOff).toEqual([{ date: "2026-12-24", note: "Christmas Eve" }]);
    // Added again: still one, with the new note.
    narrow(await addDateOff(t.db, { userId, date: "2026-12-24", note: "", now }), "ok", true);
    expect(must(await availabilityOf(t.db, userId)).advisor?.datesOff).toEqual([{ date: "2026-12-24", note: null }]);
    expect(formatDateOff("2026-12-24")).toBe("Thursday, 24 December 2026");
    expect(await removeDateOff(t.db, { userId, date: "2026-12-24" })).toBe(true);
    expect(await removeDateOff(t.db, { userId, date: "2026-12-24" })).toBe(false);
    expect(await removeDateOff(t.db, { userId, date: "'; DELETE" })).toBe(false);
  });

  it("judges 'already passed' by the advisor's calendar, not UTC's", async () => {
    // 03:00 UTC on 10 December: still the 9th in Honolulu (UTC−10), already the 10th in Auckland (UTC+13).
    const at = new Date("2026-12-10T03:00:00Z");
    const honolulu = await advisor("Pacific/Honolulu");
    const auckland = await advisor("Pacific/Auckland");
    narrow(await addDateOff(t.db, { userId: honolulu, date: "2026-12-09", note: "", now: at }), "ok", true);
    expect(narrow(await addDateOff(t.db, { userId: auckland, date: "2026-12-09", note: "", now: at }), "ok", false).fieldErrors.date).toMatch(/already passed/);
    narrow(await addDateOff(t.db, { userId: auckland, date: "2026-12-10", note: "", now: at }), "ok", true);
  });

  it("refuses a date that is not a real day, and someone who is not an advisor", async () => {
    const userId = await advisor();
    for (const date of ["2026-02-30", "24/12/2026", "", "2026-12-24T00:00", undefined]) {
      expect(narrow(await addDateOff(t.db, { userId, date, note: "", now }), "ok", false).fieldErrors.date, String(date)).toMatch(/date/);
    }
    expect(narrow(await addDateOff(t.db, { userId, date: "2026-12-24", note: "x".repeat(121), now }), "ok", false).fieldErrors.note).toMatch(/under 120/);
    const notAdvisor = await staffUser();
    expect(narrow(await addDateOff(t.db, { userId: notAdvisor, date: "2026-12-24", note: "", now }), "ok", false).message).toMatch(/Start taking calls first/);
    expect(await t.db.advisorDateOff.count({ where: { advisorId: userId } })).toBe(0);
  });
});

describe("time zones", () => {
  it("stores a zone under the runtime's own spelling, and knows no made-up one", () => {
    expect(canonicalTimeZone("america/chicago")).toBe("America/Chicago");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    expect(canonicalTimeZone("Etc/UTC")).toBe("UTC");
    expect(canonicalTimeZone("Mars/Olympus_Mons")).toBeNull();
    expect(canonicalTimeZone("+05:00")).toBeNull();
  });
});

describe("who may edit whose availability", () => {
  it("lets everyone edit their own, and only those who assign edit anyone's", () => {
    expect(canEditAvailability({ id: "me", canAssign: false }, "me")).toBe(true);
    expect(canEditAvailability({ id: "me", canAssign: false }, "you")).toBe(false);
    expect(canEditAvailability({ id: "me", canAssign: true }, "you")).toBe(true);
  });
});

describe("the demo advisor", () => {
  it("takes every active call type, office hours in their zone; an existing advisor is left alone", async () => {
    const userId = await staffUser();
    const retired = await callType({ active: false });
    expect(await ensureAdvisor(t.db, { userId, timeZone: "America/Chicago", weeklyHours: OFFICE_HOURS })).toBe(true);
    const view = must(must(await availabilityOf(t.db, userId)).advisor);
    expect(view.weeklyHours).toHaveLength(5);
    expect(view.weeklyHours[0]).toEqual({ day: 1, start: "09:00", end: "17:00" });
    const active = await t.db.callType.findMany({ where: { active: true }, select: { id: true } });
    expect(view.callTypeIds.sort()).toEqual(active.map((c) => c.id).sort());
    expect(view.callTypeIds).not.toContain(retired.id);
    expect(await ensureAdvisor(t.db, { userId, timeZone: "UTC", weeklyHours: [] })).toBe(false);
    expect((await t.db.advisor.findUniqueOrThrow({ where: { userId } })).timeZone).toBe("America/Chicago");
  });
});
