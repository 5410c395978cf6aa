import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { seedPrograms } from "@/lib/content/seed-programs";
import { createMemoryRateLimiter } from "@/lib/rate-limit";
import { submitLead, type SubmissionDeps } from "@/lib/leads/pipeline";
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { Db } from "@/lib/db";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import {
  countInbox,
  decodeCursor,
  filtersToQuery,
  inboxWhere,
  listInbox,
  NO_SOURCE,
  parseInboxFilters,
  prefixEnd,
  SEARCH_TUNING,
  searchLeads,
  type InboxFilters,
} from "@/lib/console/inbox";
import { nameSearchKeys } from "@/lib/leads/search-keys";
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

  it("counts date filters in the staff member's time zone", async () => {
    // Grace's lead came in at 10:00 UTC on 15 January: 16 January 00:00 in Kiritimati (UTC+14),
    // still 15 January in Los Angeles (02:00) and in UTC.
    const day = (d: string, zone: string) => names(parseInboxFilters(new URLSearchParams(`from=${d}&to=${d}`), zone));
    expect(await day("2026-01-16", "Pacific/Kiritimati")).toEqual(["Grace Hopper"]);
    expect(await day("2026-01-15", "Pacific/Kiritimati")).toEqual([]);
    expect(await day("2026-01-15", "America/Los_Angeles")).toEqual(["Grace Hopper"]);
    expect(await day("2026-01-16", "UTC")).toEqual([]);
    // A zone that is not one counts as UTC, never an error.
    expect(parseInboxFilters(new URLSearchParams(""), "Mars/Olympus").timeZone).toBe("UTC");
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

  it("filters leads without a UTM source with source=(none) (NO_SOURCE), from the URL too", async () => {
    expect(NO_SOURCE).toBe("(none)");
    const none = await names({ source: NO_SOURCE });
    expect(none).toEqual(expect.arrayContaining(["Alan Turing", "news-only@example.com"]));
    expect(none).not.toContain("Ada Lovelace");
    expect(none).not.toContain("Grace Hopper");
    const all = await t.db.lead.findMany({ where: { utmSource: null }, select: { id: true } });
    expect((await listInbox(t.db, { source: NO_SOURCE }, { pageSize: 1000 })).rows.map((r) => r.id).sort()).toEqual(all.map((r) => r.id).sort());
    expect(await countInbox(t.db, { source: NO_SOURCE })).toEqual({ count: all.length, capped: false });
    const f = parseInboxFilters(new URLSearchParams(filtersToQuery({ source: NO_SOURCE, form: "enroll" })));
    expect(f).toMatchObject({ source: NO_SOURCE, form: "enroll" });
    expect(inboxWhere(f)).toEqual({ AND: [{ formType: "enroll" }, { utmSource: null }] });
    expect(await names(f)).toEqual(["Alan Turing"]);
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

describe("prefix ranges", () => {
  it("ends a prefix's range at the next code point, so every string that starts with it is inside", () => {
    expect(prefixEnd("lov")).toBe("low");
    expect(prefixEnd("a\uffff")).toBe("a\u{10000}");
    expect(prefixEnd("\ud7ff")).toBe("\ue000"); // not into the surrogates
    expect(prefixEnd("x\u{10ffff}")).toBe("y");
    expect(prefixEnd("\u{10ffff}")).toBeUndefined();
    expect(prefixEnd("👩")).toBe("👪");
    // As SQLite compares them (BINARY: UTF-8 bytes, i.e. code points): inside the range exactly
    // when the string starts with the prefix. "lov\uffff" as the end missed "lov😀".
    const conn = new Database(":memory:");
    try {
      const inRange = conn.prepare("SELECT ? >= ? AND ? < ? AS inside").pluck();
      for (const prefix of ["lov", "a\uffff", "\ud7ff", "x\u{10ffff}", "👩", "é"]) {
        const end = prefixEnd(prefix)!;
        for (const name of [
          prefix,
          `${prefix}lace`,
          `${prefix}😀`,
          `${prefix}\uffff`,
          `${prefix}\u{10ffff}z`,
          end,
          `${end}a`,
          prefix.slice(0, -1),
          "",
          "\u{10ffff}",
        ]) {
          expect(inRange.get(name, prefix, name, end), `${JSON.stringify(name)} for ${JSON.stringify(prefix)}`).toBe(name.startsWith(prefix) ? 1 : 0);
        }
      }
    } finally {
      conn.close();
    }
  });

  it("finds a name with an astral character right after the prefix", async () => {
    const id = await enroll("Zoë😀smile Star", `zoe-${randomUUID().slice(0, 6)}@example.com`);
    expect((await listInbox(t.db, { q: "zoë" })).rows.map((r) => r.id)).toContain(id);
  });
});

/**
 * The search strategy (lib/console/inbox.ts searchLeads) against the plain query it replaces:
 * with the thresholds lowered so that a few hundred leads take every path (sparse, dense with
 * the window full, the rest walked, the rest read through the search indexes), every page of
 * every search is exactly what one query with inboxWhere gives.
 */
describe("search strategy: same rows as one plain query, page by page", () => {
  const tuning = { ...SEARCH_TUNING };
  const paths = { window: 0, viaIndexes: 0, restWalked: 0, plain: 0 };
  let db: Db;
  const T0 = Date.parse("2026-09-01T00:00:00.000Z");
  const FIRST = ["Mara", "Marek", "Maria", "Milo", "Nina", "Otto", "Rhea"];
  const LAST = ["Kowalski", "Kowalski", "Kowalski", "Kowalczyk", "Smith", "Smythe", "Nguyen", "Nguyen", "Rarename"];
  const SOURCES = ["google", "google", "newsletter", null, null];

  beforeAll(async () => {
    Object.assign(SEARCH_TUNING, { sparseLimit: 15, window: 40, indexLimit: 150 });
    const contact = await t.db.contact.create({ data: { email: "strategy@example.com", referralCode: "STRAT001" } });
    let seed = 7; // mulberry32
    const rand = (n: number) => {
      seed = (seed + 0x6d2b79f5) >>> 0;
      let x = Math.imul(seed ^ (seed >>> 15), seed | 1);
      x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
      return Math.floor((((x ^ (x >>> 14)) >>> 0) / 4294967296) * n);
    };
    const data: Prisma.LeadCreateManyInput[] = [];
    let at = T0;
    for (let i = 0; i < 500; i++) {
      // Runs of equal createdAt, so that window edges fall inside ties.
      if (rand(4) !== 0) at -= 60_000 * (1 + rand(30));
      const last = i % 97 === 0 ? "Rarename" : LAST[rand(LAST.length - 1)];
      const name = `${FIRST[rand(FIRST.length)]} ${last}`;
      data.push({
        id: `strat-${String(rand(1_000_000)).padStart(6, "0")}-${i}`,
        contactId: contact.id,
        formType: ["enroll", "quote", "callback"][rand(3)],
        status: LEAD_STATUS_POOL[rand(LEAD_STATUS_POOL.length)],
        name,
        ...nameSearchKeys(name),
        email: `${name.toLowerCase().replace(" ", ".")}${i}@strat.example`,
        phone: rand(3) === 0 ? `+1415${String(5_550_000 + i).padStart(7, "0")}` : null,
        utmSource: SOURCES[rand(SOURCES.length)],
        ownerId: [staff.id, staff.other, null][rand(3)],
        fields: "{}",
        createdAt: new Date(at),
      });
    }
    await t.db.lead.createMany({ data });
    db = t.db.$extends({
      query: {
        lead: {
          async findFirst({ args, query }) {
            if (args.skip) paths.window++;
            return query(args);
          },
          async findMany({ args, query }) {
            const where = JSON.stringify(args.where ?? {});
            const and = (args.where as { AND?: Prisma.LeadWhereInput[] } | undefined)?.AND;
            const lastPart = Array.isArray(and) ? and[and.length - 1] : undefined;
            // (a) puts the search first and hides the rest; (b) hides the search among the filters.
            const firstPart = Array.isArray(and) ? and[0] : undefined;
            if (!Array.isArray(and)) {
              if (!where.includes('"NOT"')) paths.plain++;
            } else if (firstPart && ["OR", "searchName", "searchLastName", "email", "phone"].includes(Object.keys(firstPart).join())) paths.viaIndexes++;
            else if (lastPart && Object.keys(lastPart).join() === "createdAt" && "lt" in (lastPart.createdAt as object)) paths.restWalked++;
            return query(args);
          },
        },
      },
    }) as unknown as Db;
  });
  afterAll(() => {
    Object.assign(SEARCH_TUNING, tuning);
  });

  const LEAD_STATUS_POOL = ["new", "new", "new", "contacted", "qualified", "enrolled", "lost"];
  const plain = async (f: InboxFilters) =>
    (await t.db.lead.findMany({ where: inboxWhere(f, staff.id), orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } })).map((r) => r.id);

  async function allPages(f: InboxFilters, pageSize: number) {
    const ids: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 1000; page++) {
      const { rows, nextCursor } = await listInbox(db, { ...f, after }, { me: staff.id, pageSize });
      ids.push(...rows.map((r) => r.id));
      if (!nextCursor) return ids;
      expect(rows).toHaveLength(pageSize);
      after = nextCursor;
    }
    throw new Error("too many pages");
  }

  const terms = ["rarename", "kowalc", "kow", "smy", "ma", "nguyen", "maria.kowalski", "1415555", "zzz"];
  const filters: InboxFilters[] = [
    {},
    { status: "new" },
    { status: "enrolled" },
    { source: "google" },
    { source: NO_SOURCE },
    { owner: "none" },
    { owner: "me" },
    { form: "quote", source: NO_SOURCE },
    { from: "2026-08-31", to: "2026-08-31" },
  ];

  it.each(terms)(
    "q=%s: every filter, page sizes 13 and 60, and the capped count",
    async (q) => {
      for (const f of filters) {
        const want = await plain({ ...f, q });
        for (const pageSize of [13, 60]) expect(await allPages({ ...f, q }, pageSize), `${JSON.stringify(f)} page ${pageSize}`).toEqual(want);
        expect(await countInbox(db, { ...f, q }, staff.id), JSON.stringify(f)).toEqual({ count: Math.min(want.length, 1000), capped: want.length > 1000 });
      }
    },
    60_000,
  );

  it("finds a full email and a full phone number (sparse), alone and with filters", async () => {
    const lead = await t.db.lead.findFirstOrThrow({ where: { id: { startsWith: "strat-" }, phone: { not: null } }, orderBy: { createdAt: "desc" } });
    for (const q of [lead.email!, lead.phone!, lead.phone!.slice(1)]) {
      // Alone, the search finds exactly that lead.
      expect(await plain({ q }), q).toEqual([lead.id]);
      for (const f of [{}, { status: lead.status as InboxFilters["status"] }, { owner: "none" }]) {
        expect(await allPages({ ...f, q }, 13)).toEqual(await plain({ ...f, q }));
      }
    }
  });

  it("took every path: the window, the rest walked, the rest and sparse searches through the search indexes, the bare search", () => {
    expect(paths.window).toBeGreaterThan(0);
    expect(paths.restWalked).toBeGreaterThan(0);
    expect(paths.viaIndexes).toBeGreaterThan(0);
    expect(paths.plain).toBeGreaterThan(0);
  });

  it("pages across the window's edge without gaps or repeats, including ties on the edge", async () => {
    // Page size 1 makes a page end at every position, so some cursor lands on a tie at an edge.
    for (const q of ["kowalc", "smy"]) {
      const want = await plain({ q });
      expect(want.length).toBeGreaterThan(SEARCH_TUNING.sparseLimit);
      expect(await allPages({ q }, 1)).toEqual(want);
    }
  }, 60_000);

  it("counts a common name without reading rows: one column with enough entries settles it", async () => {
    const read = (where: Prisma.LeadWhereInput, n: number) => t.db.lead.findMany({ where, take: n, select: { id: true } });
    const keys = { newest: read, viaIndexes: read };
    expect(await searchLeads(t.db, { q: "kow" }, { cursor: null, take: 20, counting: true }, keys)).toEqual({ atLeast: 20 });
    expect((await plain({ q: "kow" })).length).toBeGreaterThanOrEqual(20);
    // With a filter it counts for real.
    const found = await searchLeads(t.db, { q: "kow", status: "lost" }, { cursor: null, take: 20, counting: true }, keys);
    expect(Array.isArray(found) ? found.length : found).toBe(Math.min(20, (await plain({ q: "kow", status: "lost" })).length));
  });

  // SQLite query plans (PostgreSQL plans its own way).
  it.skipIf(t.provider !== "sqlite")("walks a dense search through createdAt's or the filter's index, never the search's (query plan)", async () => {
    const captured: { sql: string; params: unknown[] }[] = [];
    const logged = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: t.url }), log: [{ level: "query", emit: "event" }] });
    logged.$on("query", (e) => captured.push({ sql: e.query, params: JSON.parse(e.params) as unknown[] }));
    const conn = new Database(t.url.slice("file:".length));
    try {
      for (const analyzed of [false, true]) {
        if (analyzed) conn.exec("ANALYZE");
        for (const f of [{ q: "kow" }, { q: "kow", status: "new" as const }]) {
          captured.length = 0;
          expect((await listInbox(logged, f)).rows.map((r) => r.id)).toEqual((await plain(f)).slice(0, 50));
          const walks = captured.filter((c) => c.sql.includes("NOT (NOT") && /`createdAt` >= \?|`createdAt` < \?/.test(c.sql));
          expect(walks.length, JSON.stringify(f)).toBeGreaterThan(0);
          for (const q of walks) {
            const params = q.params.map((p) => (typeof p === "string" && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(p) ? p.replace("Z", "+00:00") : p));
            const plan = (conn.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(" | ");
            expect(plan, `analyzed ${analyzed}`).toMatch(/USING (COVERING )?INDEX Lead_(createdAt_id|status_createdAt)_idx/);
            expect(plan).not.toMatch(/search|email|MULTI-INDEX/);
          }
        }
      }
    } finally {
      conn.exec("DROP TABLE IF EXISTS sqlite_stat1; DROP TABLE IF EXISTS sqlite_stat4;");
      conn.close();
      await logged.$disconnect();
    }
  });

  // SQLite query plans (PostgreSQL plans its own way).
  it.skipIf(t.provider !== "sqlite")("reads a sparse search with filters through the search index, not the filter's (query plan)", async () => {
    const captured: { sql: string; params: unknown[] }[] = [];
    const logged = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: t.url }), log: [{ level: "query", emit: "event" }] });
    logged.$on("query", (e) => captured.push({ sql: e.query, params: JSON.parse(e.params) as unknown[] }));
    const conn = new Database(t.url.slice("file:".length), { readonly: true });
    try {
      const f = { q: "rarename", status: "new" as const, source: "google" };
      expect((await listInbox(logged, f)).rows.map((r) => r.id)).toEqual(await plain(f));
      const hiddenQueries = captured.filter((c) => c.sql.includes("NOT (NOT"));
      expect(hiddenQueries.length).toBeGreaterThan(0);
      for (const q of hiddenQueries) {
        const params = q.params.map((p) => (typeof p === "string" && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(p) ? p.replace("Z", "+00:00") : p));
        const plan = (conn.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(" | ");
        expect(plan).toMatch(/USING INDEX Lead_(searchName|searchLastName|email)_idx/);
        expect(plan).not.toMatch(/status|utmSource|createdAt_id/);
      }
    } finally {
      conn.close();
      await logged.$disconnect();
    }
  });
});
