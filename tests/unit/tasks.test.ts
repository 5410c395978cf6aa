import { describe, expect, it } from "vitest";
import { digestHourFromEnv, digestKey } from "@/lib/console/task-digest";
import { staffTimeZone } from "@/lib/console/staff-time-zone";
import { addTaskSchema, groupTasks, needsNextTask, parseDue } from "@/lib/console/tasks";
import { digestSummary } from "@/lib/email/templates/task-digest";
import { EMAIL_SAMPLES } from "@/lib/email/templates/catalog";

const at = (iso: string) => new Date(iso);
const task = (id: string, dueAt: string) => ({ id, dueAt: at(dueAt) });
const ids = (g: ReturnType<typeof groupTasks<{ id: string; dueAt: Date }>>) => ({
  overdue: g.overdue.map((t) => t.id),
  today: g.today.map((t) => t.id),
  upcoming: g.upcoming.map((t) => t.id),
});

describe("groupTasks", () => {
  it("calls a task overdue once its time has passed, today until the end of the local day, upcoming after", () => {
    const now = at("2026-12-08T12:00:00Z");
    const tasks = [task("past", "2026-12-08T11:59:00Z"), task("later", "2026-12-08T23:59:00Z"), task("tomorrow", "2026-12-09T00:00:00Z")];
    expect(ids(groupTasks(tasks, now, "UTC"))).toEqual({ overdue: ["past"], today: ["later"], upcoming: ["tomorrow"] });
  });

  it("takes the day boundary in the given zone, not UTC's", () => {
    // 20:00 UTC on 8 December is 05:00 on 9 December in Tokyo, and 14:00 on the 8th in Chicago.
    const now = at("2026-12-08T20:00:00Z");
    const tasks = [task("a", "2026-12-08T23:30:00Z"), task("b", "2026-12-09T10:00:00Z"), task("c", "2026-12-09T16:00:00Z")];
    // UTC: the day ends at 2026-12-09T00:00Z.
    expect(ids(groupTasks(tasks, now, "UTC"))).toEqual({ overdue: [], today: ["a"], upcoming: ["b", "c"] });
    // Tokyo (UTC+9): the 9th ends at 2026-12-09T15:00Z.
    expect(ids(groupTasks(tasks, now, "Asia/Tokyo"))).toEqual({ overdue: [], today: ["a", "b"], upcoming: ["c"] });
    // Chicago (UTC−6): the 8th ends at 2026-12-09T06:00Z.
    expect(ids(groupTasks(tasks, now, "America/Chicago"))).toEqual({ overdue: [], today: ["a"], upcoming: ["b", "c"] });
  });

  it("ends a 23-hour day (clocks forward) and a 25-hour day (clocks back) at the local midnight", () => {
    // New York, 8 March 2026: 00:00 EST is 05:00Z; the next midnight (EDT) is 2026-03-09T04:00Z.
    const spring = at("2026-03-08T15:00:00Z");
    const springTasks = [task("before-midnight", "2026-03-09T03:59:00Z"), task("after-midnight", "2026-03-09T04:30:00Z")];
    expect(ids(groupTasks(springTasks, spring, "America/New_York"))).toEqual({ overdue: [], today: ["before-midnight"], upcoming: ["after-midnight"] });
    // 1 November 2026: 00:00 EDT is 04:00Z; the next midnight (EST) is 2026-11-02T05:00Z.
    const autumn = at("2026-11-01T15:00:00Z");
    const autumnTasks = [task("late", "2026-11-02T04:30:00Z"), task("next-day", "2026-11-02T05:00:00Z")];
    expect(ids(groupTasks(autumnTasks, autumn, "America/New_York"))).toEqual({ overdue: [], today: ["late"], upcoming: ["next-day"] });
  });
});

describe("parseDue", () => {
  it("reads the date and time on the zone's clock", () => {
    expect(parseDue("2026-12-08T09:00", "UTC")?.toISOString()).toBe("2026-12-08T09:00:00.000Z");
    expect(parseDue("2026-12-08T09:00", "America/Chicago")?.toISOString()).toBe("2026-12-08T15:00:00.000Z");
    expect(parseDue("2026-12-08T09:00", "Asia/Kolkata")?.toISOString()).toBe("2026-12-08T03:30:00.000Z");
  });

  it("refuses a time the clocks skip, and takes the first of a time they show twice", () => {
    expect(parseDue("2026-03-08T02:30", "America/New_York")).toBeNull();
    expect(parseDue("2026-11-01T01:30", "America/New_York")?.toISOString()).toBe("2026-11-01T05:30:00.000Z");
  });
});

describe("the add-task form's schema", () => {
  const good = { leadId: "lead1", kind: "call", due: "2026-12-08T09:00", ownerId: "user1", title: "" };
  const errorOf = (input: Record<string, unknown>) => {
    const r = addTaskSchema.safeParse(input);
    return r.success ? null : { field: String(r.error.issues[0].path[0]), message: r.error.issues[0].message };
  };

  it("takes a kind, a due date and time, an owner and an optional note", () => {
    expect(addTaskSchema.parse(good)).toEqual({ leadId: "lead1", kind: "call", due: "2026-12-08T09:00", ownerId: "user1", title: undefined });
    expect(addTaskSchema.parse({ ...good, title: "  Ask about funding " }).title).toBe("Ask about funding");
  });

  it("names the field that is wrong, in words", () => {
    expect(errorOf({ ...good, kind: "meeting" })).toEqual({ field: "kind", message: "Choose call, email or follow-up." });
    expect(errorOf({ ...good, due: "" })).toEqual({ field: "due", message: "Choose a due date and time." });
    expect(errorOf({ ...good, due: "tomorrow" })).toEqual({ field: "due", message: "Choose a due date and time." });
    expect(errorOf({ ...good, due: null })).toEqual({ field: "due", message: "Choose a due date and time." });
    expect(errorOf({ ...good, ownerId: "" })).toEqual({ field: "ownerId", message: "Choose who does it." });
    expect(errorOf({ ...good, title: "x".repeat(201) })).toEqual({ field: "title", message: "Keep the note under 200 characters." });
    expect(errorOf({ ...good, title: "two\nlines" })?.field).toBe("title");
  });
});

describe("the 'no next task' rule", () => {
  it("flags contacted and qualified leads without an open task, and nothing else", () => {
    const flagged = (status: string, open: number) => needsNextTask({ status }, open);
    expect(flagged("contacted", 0)).toBe(true);
    expect(flagged("qualified", 0)).toBe(true);
    expect(flagged("contacted", 1)).toBe(false);
    expect(flagged("new", 0)).toBe(false);
    expect(flagged("enrolled", 0)).toBe(false);
    expect(flagged("lost", 0)).toBe(false);
  });
});

describe("the digest's key and summary", () => {
  it("is keyed by the person and their local date", () => {
    expect(digestKey("u1", "2026-12-08")).toBe("tasks-digest:u1:2026-12-08");
    expect(digestKey("u1", "2026-12-08")).not.toBe(digestKey("u1", "2026-12-09"));
    expect(digestKey("u1", "2026-12-08")).not.toBe(digestKey("u2", "2026-12-08"));
  });

  it("summarises what is due in the subject", () => {
    const d = EMAIL_SAMPLES["task-digest"].data;
    expect(digestSummary(d)).toBe("1 overdue, 1 due today, 1 lead without a next task");
    expect(digestSummary({ ...d, overdue: [], overdueMore: 0, today: [], todayMore: 0, noNextTaskMore: 2 })).toBe("3 leads without a next task");
  });

  it("reads TASK_DIGEST_HOUR, falling back to 7", () => {
    expect(digestHourFromEnv({})).toBe(7);
    expect(digestHourFromEnv({ TASK_DIGEST_HOUR: "0" })).toBe(0);
    expect(digestHourFromEnv({ TASK_DIGEST_HOUR: "23" })).toBe(23);
    expect(digestHourFromEnv({ TASK_DIGEST_HOUR: "24" })).toBe(7);
    expect(digestHourFromEnv({ TASK_DIGEST_HOUR: "8.5" })).toBe(7);
  });
});

describe("staffTimeZone", () => {
  it("is the staff member's zone when it is a real one, else UTC", () => {
    expect(staffTimeZone({ timeZone: "Europe/Paris" })).toBe("Europe/Paris");
    expect(staffTimeZone({ timeZone: null })).toBe("UTC");
    expect(staffTimeZone({})).toBe("UTC");
    expect(staffTimeZone({ timeZone: "Mars/Olympus" })).toBe("UTC");
  });
});
