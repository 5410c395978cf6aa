import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { seedPrograms } from "@/lib/content/seed-programs";
import { createMemoryRateLimiter } from "@/lib/rate-limit";
import { submitLead, type SubmissionDeps } from "@/lib/leads/submit-lead";
import { countInbox, decodeCursor, listInbox, parseInboxFilters, type InboxFilters } from "@/lib/console/inbox";
import { addNote, assignLead, changeStatus, leadDetail, timeline } from "@/lib/console/pipeline";

const t = createTestDb();
const deps: SubmissionDeps = {
  db: t.db,
  limiter: createMemoryRateLimiter({ ip: { points: 1e6, durationSeconds: 600 }, identity: { points: 1e6, durationSeconds: 600 } }),
  siteUrl: "https://loomstack.example",
  staffRecipients: () => ["admissions@loomstack.example"],
};
let cohort: { id: string; program: string };
const staff = { id: "", other: "", banned: "" };

async function user(name: string, role = "staff", banned = false) {
  const u = await t.db.user.create({ data: { id: randomUUID(), name, email: `${randomUUID().slice(0, 8)}@loomstack.example`, role, banned } });
  return u.id;
}

async function enroll(name: string, email: string, extra: Record<string, unknown> = {}) {
  const out = await submitLead(
    deps,
    "enroll",
    {
      name,
      email,
      phone: extra.phone ?? "",
      program: cohort.program,
      cohort: cohort.id,
      paymentOption: "upfront",
      experience: "none",
      consent: "on",
      submissionToken: randomUUID(),
      ...extra,
    },
    { ip: "203.0.113.5" },
  );
  if (out.kind !== "saved") throw new Error(JSON.stringify(out));
  return out.leadId;
}

beforeAll(async () => {
  await seedPrograms(t.db, new Date());
  const c = await t.db.cohort.findFirstOrThrow({ where: { status: "open" }, include: { program: true }, orderBy: { startDate: "asc" } });
  cohort = { id: c.id, program: c.program.slug };
  staff.id = await user("Sam Staff");
  staff.other = await user("Olu Other");
  staff.banned = await user("Gone Person", "staff", true);
});
afterAll(() => t.cleanup());

describe("inbox filters and search", () => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    ids.ada = await enroll("Ada Lovelace", "ada@example.com", { phone: "+1 415 555 0132", utm_source: "newsletter", article: "/careers/ml", cta: "hero" });
    ids.grace = await enroll("Grace Hopper", "grace@navy.example", { utm_source: "google" });
    await t.db.lead.update({ where: { id: ids.grace }, data: { createdAt: new Date("2026-01-15T10:00:00Z") } });
    ids.alan = await enroll("Alan Turing", "alan@bletchley.example", {});
    const news = await submitLead(deps, "newsletter", { email: "news-only@example.com", consent: "on" }, { ip: "203.0.113.5" });
    if (news.kind === "saved") ids.news = news.leadId;
    await assignLead(t.db, { leadId: ids.alan, actorId: staff.id, ownerId: staff.other });
    await changeStatus(t.db, { leadId: ids.grace, actorId: staff.id, status: "qualified" });
  });

  const names = async (f: InboxFilters, me?: string) => (await listInbox(t.db, f, { me })).rows.map((r) => r.name ?? r.email);

  it("filters by form, status, program, cohort, owner, source, article, CTA and dates", async () => {
    expect(await names({ form: "newsletter" })).toEqual(["news-only@example.com"]);
    expect(await names({ status: "qualified" })).toEqual(["Grace Hopper"]);
    expect(await names({ program: cohort.program, form: "enroll" })).toHaveLength(3);
    expect(await names({ cohort: cohort.id })).toHaveLength(3);
    expect(await names({ owner: staff.other })).toEqual(["Alan Turing"]);
    expect(await names({ owner: "me" }, staff.other)).toEqual(["Alan Turing"]);
    expect(await names({ owner: "none", form: "enroll" })).toEqual(expect.not.arrayContaining(["Alan Turing"]));
    expect(await names({ source: "google" })).toEqual(["Grace Hopper"]);
    expect(await names({ article: "/careers/ml", cta: "hero" })).toEqual(["Ada Lovelace"]);
    expect(await names({ from: "2026-01-15", to: "2026-01-15" })).toEqual(["Grace Hopper"]);
    expect(await names({ to: "2026-01-14" })).toEqual([]);
  });

  it("searches the start of a name, a surname, an email, or phone digits", async () => {
    expect(await names({ q: "ada" })).toEqual(["Ada Lovelace"]);
    expect(await names({ q: "LOVE" })).toEqual(["Ada Lovelace"]);
    expect(await names({ q: "grace@navy" })).toEqual(["Grace Hopper"]);
    expect(await names({ q: "alan@bletchley.example" })).toEqual(["Alan Turing"]);
    expect(await names({ q: "+1 415 555" })).toEqual(["Ada Lovelace"]);
    expect(await names({ q: "1415555" })).toEqual(["Ada Lovelace"]);
    expect(await names({ q: "nobody-matches" })).toEqual([]);
    // Wildcards are plain text, not patterns.
    expect(await names({ q: "%" })).toEqual([]);
  });

  it("reads filters from the URL and drops values that cannot be valid", () => {
    const f = parseInboxFilters(new URLSearchParams("form=enroll&status=bogus&from=2026-13-45&to=2026-02-01&q=%20ada%20&owner=me"));
    expect(f).toMatchObject({ form: "enroll", status: undefined, from: undefined, to: "2026-02-01", q: "ada", owner: "me" });
  });
});

describe("keyset pagination", () => {
  it("walks every lead once, newest first, with no gaps or repeats", async () => {
    for (let i = 0; i < 23; i++) await enroll(`Page Person ${i}`, `page-${i}-${randomUUID().slice(0, 4)}@example.com`, { utm_source: "paging" });
    const seen: string[] = [];
    let after: string | undefined;
    let previous = Infinity;
    for (;;) {
      const { rows, nextCursor } = await listInbox(t.db, { source: "paging", after }, { pageSize: 5 });
      for (const r of rows) {
        expect(r.createdAt.getTime()).toBeLessThanOrEqual(previous);
        previous = r.createdAt.getTime();
        seen.push(r.id);
      }
      if (!nextCursor) break;
      expect(decodeCursor(nextCursor)).not.toBeNull();
      after = nextCursor;
    }
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    expect(await countInbox(t.db, { source: "paging" })).toEqual({ count: 23, capped: false });
    // A garbage cursor is ignored, not an error.
    expect((await listInbox(t.db, { source: "paging", after: "not-a-cursor" }, { pageSize: 5 })).rows).toHaveLength(5);
  });
});

describe("working a lead", () => {
  it("records every status change with who and when, and the first contact once", async () => {
    const id = await enroll("Pip Pipeline", "pip@example.com");
    const t1 = new Date("2026-11-21T10:00:00Z");
    const t2 = new Date("2026-11-21T12:00:00Z");
    expect(await changeStatus(t.db, { leadId: id, actorId: staff.id, status: "contacted", now: t1 })).toEqual({ ok: true });
    expect(await changeStatus(t.db, { leadId: id, actorId: staff.other, status: "qualified", now: t2 })).toEqual({ ok: true });
    const lead = await t.db.lead.findUniqueOrThrow({ where: { id } });
    expect(lead).toMatchObject({ status: "qualified", firstContactedAt: t1, statusChangedAt: t2 });
    const acts = await t.db.leadActivity.findMany({ where: { leadId: id }, orderBy: { createdAt: "asc" } });
    expect(acts.map((a) => [a.type, a.fromStatus, a.toStatus, a.actorId])).toEqual([
      ["status", "new", "contacted", staff.id],
      ["status", "contacted", "qualified", staff.other],
    ]);
  });

  it("needs a reason to mark a lead lost, and keeps it", async () => {
    const id = await enroll("Lou Lost", "lou@example.com");
    expect(await changeStatus(t.db, { leadId: id, actorId: staff.id, status: "lost" })).toMatchObject({ ok: false, field: "lostReason" });
    expect((await t.db.lead.findUniqueOrThrow({ where: { id } })).status).toBe("new");
    expect(await changeStatus(t.db, { leadId: id, actorId: staff.id, status: "lost", lostReason: "Chose another school" })).toEqual({ ok: true });
    expect(await t.db.lead.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "lost", lostReason: "Chose another school" });
    expect(await changeStatus(t.db, { leadId: "no-such-lead", actorId: staff.id, status: "contacted" })).toMatchObject({ ok: false });
  });

  it("assigns only to active staff, and notes are kept as written", async () => {
    const id = await enroll("Nia Notes", "nia@example.com");
    expect(await assignLead(t.db, { leadId: id, actorId: staff.id, ownerId: staff.banned })).toMatchObject({ ok: false });
    expect(await assignLead(t.db, { leadId: id, actorId: staff.id, ownerId: "nobody" })).toMatchObject({ ok: false });
    expect(await assignLead(t.db, { leadId: id, actorId: staff.id, ownerId: staff.other })).toEqual({ ok: true });
    expect(await assignLead(t.db, { leadId: id, actorId: staff.id, ownerId: null })).toEqual({ ok: true });
    expect((await t.db.lead.findUniqueOrThrow({ where: { id } })).ownerId).toBeNull();
    const note = `Called back. <script>alert(1)</script>\nWants the evening cohort.`;
    expect(await addNote(t.db, { leadId: id, actorId: staff.id, note })).toEqual({ ok: true });
    expect(await addNote(t.db, { leadId: id, actorId: staff.id, note: "   " })).toMatchObject({ ok: false, field: "note" });

    const detail = await leadDetail(t.db, id);
    const items = timeline(detail!);
    expect(items.filter((i) => i.kind === "activity").map((i) => (i.kind === "activity" ? [i.type, i.detail] : null))).toEqual([
      ["note", note],
      ["assign", "Unassigned"],
      ["assign", "Olu Other"],
    ]);
    expect(items.some((i) => i.kind === "email" && i.template === "enroll-confirmation")).toBe(true);
    expect(items.some((i) => i.kind === "lead" && i.id === id)).toBe(true);
  });
});
