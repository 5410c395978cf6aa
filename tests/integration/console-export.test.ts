/**
 * The lead export's rows against a real, migrated database (SQLite, or PostgreSQL with
 * TEST_DATABASE=postgres): readableExportCsv (lib/console/readable-export.ts), what the route
 * GET /console/leads/export (app/(console)/console/leads/export/route.ts) sends: which leads,
 * in which order, across batches, formula-safe, lazily, on a connection of its own; and the
 * route's stream, headers and failures. The cells' wording: tests/integration/readable-export.test.ts.
 *
 * Expected rows are computed here from the seeded data with plain JavaScript predicates, not
 * with inboxWhere, and the CSV is read back with the strict RFC 4180 parser in tests/helpers/csv.ts,
 * which shares no code with the export. A property test checks, for random filter
 * combinations, that the export (Kysely, ./lead-filter's SQL) lists exactly the inbox's leads
 * (Prisma, inboxWhere).
 *
 * The route test stubs the session check (the authorization matrix covers who may call it):
 * here it is the stream, its headers, "me", laziness and failures.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import fc from "fast-check";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { parseCsv } from "../helpers/csv";
import { createTestDb } from "../helpers/test-db";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { encodeCursor, FILTER_KEYS, inboxFilter, inboxWhere, LEAD_STATUSES, NO_SOURCE, type InboxFilters } from "@/lib/console/inbox";
import {
  EXPORT_BATCH_SIZE,
  exportClock,
  exportColumns,
  leadBatchQuery,
  readableExportCsv,
  type ReadableExportOptions as ExportOptions,
} from "@/lib/console/readable-export";
import { dialectOf, sqliteFile } from "@/lib/db/dialect";
import { FORM_TYPES } from "@/lib/leads/form-types";
import { nameSearchKeys } from "@/lib/leads/search-keys";

// ---- the route's dependencies: the database and the session check ----

const routeState = vi.hoisted(() => ({
  db: null as unknown,
  staff: { id: "u-ada", name: "Ada Owner", email: "ada@loomstack.example", role: "staff" as const },
  denied: null as null | { status: 401 | 403; error: string },
  permissions: [] as string[],
}));

vi.mock("@/lib/db", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/db")>()),
  db: () => routeState.db,
}));

// The staff member's zone reads the request's cookies; the export's days here are UTC days.
vi.mock("@/app/(console)/time-zone", () => ({ consoleZone: async () => ({ timeZone: "UTC", source: "default" }) }));

vi.mock("@/app/(console)/auth", () => ({
  withPermission: async (permission: string, run: (staff: typeof routeState.staff) => Promise<Response>) => {
    routeState.permissions.push(permission);
    if (routeState.denied) return Response.json({ error: routeState.denied.error }, { status: routeState.denied.status });
    return run(routeState.staff);
  },
}));

// ---- seed ----

const t = createTestDb();
const LABELS: string[] = exportColumns().map((c) => c.label);
/** A column's index in the whole view's file (every form's answers). */
const col = (label: string) => {
  const i = LABELS.indexOf(label);
  if (i < 0) throw new Error(`no column ${label}`);
  return i;
};

const ADA = { id: "u-ada", name: "Ada Owner" };
const BOB = { id: "u-bob", name: "Bob Owner" };
const T0 = Date.parse("2026-06-15T12:00:00.000Z");
const HOUR = 3_600_000;
const FIRST = ["Grace", "Alan", "Hedy", "Katherine", "Edsger"];
const LAST = ["Lovelace", "Hopper", "Turing", "Lamarr"];
const HYPERLINK = '=HYPERLINK("http://evil","x")';
const UNICODE_NAMES = {
  "uni-emoji": "👩🏽‍💻 Zoë Emoji 🎉",
  "uni-cjk": "山田 太郎",
  "uni-rtl": "\u200fمحمد علي",
  "uni-nfd": "Zoe\u0308 Bronte\u0308", // decomposed: must not come out NFC
  "uni-astral": "𝒜𝒹𝒶 𐐷",
} as const;

type Seed = Prisma.LeadCreateManyInput & { id: string; createdAt: Date };
const seeded: Seed[] = [];
let contactId = "";

function lead(over: Partial<Seed> & { id: string; createdAt: Date }): Seed {
  return {
    contactId,
    formType: "enroll",
    status: "new",
    fields: JSON.stringify({ id: over.id }),
    ...nameSearchKeys(over.name ?? null),
    ...over,
  };
}

/** All seeded leads matching `keep`, in the inbox's order (createdAt desc, id desc). */
function expected(keep: (l: Seed) => boolean, from: Seed[] = seeded): string[] {
  return from
    .filter(keep)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((l) => l.id);
}

async function exportAllWith(filters: InboxFilters, opts: ExportOptions = {}, db: Db = t.db) {
  const chunks: string[] = [];
  for await (const chunk of readableExportCsv(db, filters, opts)) chunks.push(chunk);
  const text = chunks.join("");
  const rows = parseCsv(text);
  // The ID column as stored: without the apostrophe a formula-like id gets in its cell.
  return { chunks, text, rows, header: rows[0], body: rows.slice(1), ids: rows.slice(1).map((r) => r[0].replace(/^'(?=[=+\-@])/, "")) };
}

/**
 * Counts the export's lead queries (one per batch) on its own connection, and can make the n-th
 * fail. Its other queries (notes and status changes) run as they are.
 */
function countLeadQueries() {
  const started = new Map<number, (query: Promise<unknown>) => void>();
  const state = {
    calls: 0,
    failOn: 0,
    /** Resolves when query `n` (1 for the first) starts, with that query (a promise of its rows). */
    whenCall: (n: number) => new Promise<Promise<unknown>>((resolve) => started.set(n, resolve)),
  };
  const dialect = dialectOf(t.db);
  const open = dialect.openRowReader.bind(dialect);
  vi.spyOn(dialect, "openRowReader").mockImplementation(async (url) => {
    const reader = await open(url);
    return {
      ...reader,
      rows: (query) => {
        if (!/from "Lead" as "L"/.test(query.sql)) return reader.rows(query);
        const n = ++state.calls;
        const rows = (async () => {
          if (n === state.failOn) throw new Error("SQLITE_IOERR: disk I/O error (test)");
          return reader.rows(query);
        })();
        started.get(n)?.(rows.catch(() => {}));
        return rows;
      },
    };
  });
  return state;
}

/**
 * One turn of the event loop, not a wait for time: by then every promise callback already
 * queued, and every one those queue, has run (Node empties the microtask queue first).
 */
const afterQueuedCallbacks = () => new Promise<void>((resolve) => setImmediate(resolve));

beforeAll(async () => {
  await t.db.user.createMany({
    data: [ADA, BOB].map((u) => ({ ...u, email: `${u.id}@loomstack.example`, role: "staff", updatedAt: new Date() })),
  });
  contactId = (await t.db.contact.create({ data: { email: "shared@example.com", referralCode: "SHARED01" } })).id;

  for (let i = 0; i < 20; i++) {
    const name = `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]}`;
    seeded.push(
      lead({
        id: `core-${String(i).padStart(2, "0")}`,
        // Some with milliseconds that PostgreSQL writes short ("12:00:00.12"), some with none.
        createdAt: new Date(T0 - i * 12 * HOUR + (i % 3) * 60),
        formType: FORM_TYPES[i % FORM_TYPES.length],
        status: LEAD_STATUSES[i % LEAD_STATUSES.length],
        ownerId: [ADA.id, BOB.id, null][i % 3],
        programSlug: i % 2 ? "data-analytics" : "full-stack-development",
        utmSource: ["google", null, "newsletter", null][i % 4],
        name,
        email: `person${i}@example.com`,
        phone: i % 5 === 0 ? `+1415555${String(i).padStart(4, "0")}` : null,
      }),
    );
  }
  // Ids that are not plain (a formula sign, a comma, a quote): the cursor must use the stored id,
  // not its CSV cell.
  for (const id of ["+odd 3", "=odd,1", '-odd"2']) {
    seeded.push(lead({ id, createdAt: new Date(T0 - 90 * HOUR), article: "/careers/odd-ids", name: "Odd Id", email: `odd${id.length}@example.com` }));
  }
  // Five leads with the same createdAt, inserted out of id order: id breaks the tie.
  for (const id of ["tie-c", "tie-a", "tie-e", "tie-b", "tie-d"]) {
    seeded.push(lead({ id, createdAt: new Date(T0 - 78 * HOUR), article: "/careers/ties", name: "Tie Person", email: `${id}@example.com` }));
  }
  seeded.push(
    lead({
      id: "evil",
      createdAt: new Date(T0 + HOUR),
      name: HYPERLINK,
      email: "evil@example.com",
      utmCampaign: "@SUM(1+1)",
      utmTerm: "-2+3",
      utmContent: "\r=1+1",
      lostReason: "\t=1+1",
      referrerUrl: "+cmd|' /C calc'!A0",
      landingPage: "=1+1",
      cta: " =1+1",
      fields: JSON.stringify({ name: HYPERLINK }),
    }),
  );
  Object.entries(UNICODE_NAMES).forEach(([id, name], i) => {
    seeded.push(
      lead({
        id,
        createdAt: new Date(T0 - (200 + i) * HOUR),
        name,
        email: `${id}@例子.广告`,
        utmSource: "unicode",
        fields: JSON.stringify({ name, goals: '学习 🚀\nnew line, a comma and "quotes"' }),
      }),
    );
  });
  seeded.push(
    lead({
      id: "full",
      createdAt: new Date(T0 - 300 * HOUR),
      formType: "callback",
      status: "lost",
      name: "Full Columns",
      email: "full@example.com",
      phone: "+442071838750",
      programSlug: "machine-learning-engineering",
      cohortId: "cohort-123",
      ownerId: BOB.id,
      lostReason: 'Chose another school, "cheaper"',
      utmSource: "full-source",
      utmMedium: "cpc",
      utmCampaign: "spring, 2026",
      utmTerm: "ml bootcamp",
      utmContent: "hero",
      referrerUrl: "https://www.google.com/search?q=ml+bootcamp&a=1",
      landingPage: "/programs/machine-learning-engineering?utm_source=full-source",
      article: "/careers/machine-learning-engineer",
      cta: "salary-quote",
      referralCode: "FRIEND42",
      consentVersion: "contact-2026-11",
      consentText: "not exported",
      consentAt: new Date("2026-06-02T09:08:07.060Z"),
      fields: JSON.stringify({ name: "Full Columns", time: "morning", note: "line 1\r\nline 2" }),
    }),
  );
  await t.db.lead.createMany({ data: seeded });
  // What a submission writes with the lead: its program, for the program filter.
  await t.db.leadProgram.createMany({
    data: seeded.filter((l) => l.programSlug).map((l) => ({ leadId: l.id, programSlug: l.programSlug! })),
  });
});

afterAll(() => t.cleanup());
// Spies on the shared dialect (countLeadQueries, a reader on another file) end with their test.
afterEach(() => vi.restoreAllMocks());

// ---- readableExportCsv ----

const sqliteOnly = t.provider === "sqlite";

describe("the export: rows, order and batches", () => {
  const exportAll = (filters: InboxFilters, opts: ExportOptions = {}) => exportAllWith(filters, opts);
  it("exports every lead, newest first, across many small batches, with the header exactly once", async () => {
    const out = await exportAll({}, { batchSize: 3 });
    expect(out.header).toEqual(LABELS);
    expect(out.rows.filter((r) => r[0] === "ID" && r[1] === LABELS[1])).toHaveLength(1);
    expect(out.ids).toEqual(expected(() => true));
    expect(out.ids).toHaveLength(seeded.length);
    expect(new Set(out.ids).size).toBe(out.ids.length);
    // One chunk for the header, then one per batch of 3 rows (each chunk is whole lines).
    expect(out.chunks).toHaveLength(1 + Math.ceil(seeded.length / 3));
    expect(parseCsv(out.chunks[0])).toEqual([LABELS]);
    out.chunks.slice(1, -1).forEach((c) => expect(parseCsv(c)).toHaveLength(3));
    expect(out.text.endsWith("\r\n")).toBe(true);
  });

  it("breaks ties on createdAt by id (desc) without losing or repeating a row at a batch boundary", async () => {
    const ties = expected((l) => l.article === "/careers/ties");
    expect(ties).toEqual(["tie-e", "tie-d", "tie-c", "tie-b", "tie-a"]);
    for (const batchSize of [1, 2, 3, 4, 5, 6]) {
      const out = await exportAll({ article: "/careers/ties" }, { batchSize });
      expect(out.ids, `batchSize ${batchSize}`).toEqual(ties);
    }
  });

  it("pages by the stored id even when the id's cell is quoted or apostrophed", async () => {
    const odd = expected((l) => l.article === "/careers/odd-ids");
    expect(odd).toEqual(["=odd,1", '-odd"2', "+odd 3"]);
    for (const batchSize of [1, 2, 3]) {
      const out = await exportAll({ article: "/careers/odd-ids" }, { batchSize });
      expect(out.ids, `batchSize ${batchSize}`).toEqual(odd);
      expect(out.body.map((r) => r[0])).toEqual(["'=odd,1", "'-odd\"2", "'+odd 3"]);
    }
  });

  it("yields no empty chunk when the row count is an exact multiple of the batch size", async () => {
    const ties = expected((l) => l.article === "/careers/ties"); // 5 rows
    const out = await exportAll({ article: "/careers/ties" }, { batchSize: 5 });
    expect(out.chunks).toHaveLength(2);
    expect(out.ids).toEqual(ties);
  });

  it("exports only the header when nothing matches", async () => {
    const out = await exportAll({ source: "no-such-source" }, { batchSize: 3 });
    expect(out.chunks).toHaveLength(1);
    expect(out.rows).toEqual([LABELS]);
  });

  const from = new Date(T0 - 4 * 24 * HOUR).toISOString().slice(0, 10);
  const to = new Date(T0 - 2 * 24 * HOUR).toISOString().slice(0, 10);
  const cases: [string, InboxFilters, (l: Seed) => boolean, string?][] = [
    ["form type", { form: "enroll" }, (l) => l.formType === "enroll"],
    ["status", { status: "contacted" }, (l) => l.status === "contacted"],
    ["program and status", { program: "data-analytics", status: "qualified" }, (l) => l.programSlug === "data-analytics" && l.status === "qualified"],
    ["owner id", { owner: BOB.id }, (l) => l.ownerId === BOB.id],
    ["owner = me", { owner: "me" }, (l) => l.ownerId === ADA.id, ADA.id],
    ["owner = none", { owner: "none" }, (l) => !l.ownerId],
    ["source", { source: "google" }, (l) => l.utmSource === "google"],
    ["no source (source=(none))", { source: NO_SOURCE }, (l) => !l.utmSource],
    [
      "date range (inclusive days, UTC)",
      { from, to },
      (l) => l.createdAt.getTime() >= Date.parse(`${from}T00:00:00Z`) && l.createdAt.getTime() < Date.parse(`${to}T00:00:00Z`) + 24 * HOUR,
    ],
    ["form type and date range", { form: "quote", from }, (l) => l.formType === "quote" && l.createdAt.getTime() >= Date.parse(`${from}T00:00:00Z`)],
    ["search: surname prefix", { q: "hop" }, (l) => /^[^ ]+ hop/i.test(l.name ?? "")],
    ["search: email", { q: "person7@example.com" }, (l) => l.email === "person7@example.com"],
    ["search: phone digits", { q: "1415 555 0010" }, (l) => l.phone === "+14155550010"],
  ];
  it.each(cases)("filters: %s", async (_label, filters, keep, me) => {
    const want = expected(keep);
    expect(want.length, "the seed has matching and non-matching leads").toBeGreaterThan(0);
    expect(want.length).toBeLessThan(seeded.length);
    const out = await exportAll(filters, { batchSize: 2, me });
    expect(out.ids).toEqual(want);
  });

  it("ignores the inbox's page cursor: an export is always the whole view", async () => {
    const all = expected((l) => l.formType === "enroll");
    const cursor = encodeCursor(seeded.find((l) => l.id === all[1])!);
    const out = await exportAll({ form: "enroll", after: cursor }, { batchSize: 2 });
    expect(out.ids).toEqual(all);
  });

  it("refuses owner=me without the staff member's id (it would otherwise export everyone's leads)", async () => {
    await expect(exportAll({ owner: "me" })).rejects.toThrow(/owner=me/);
  });
});

describe("the export: cell contents", () => {
  const exportAll = (filters: InboxFilters, opts: ExportOptions = {}) => exportAllWith(filters, opts);
  it("neutralises formula injection in every column, keeping the text after the apostrophe", async () => {
    const out = await exportAll({}, { batchSize: 3 });
    const row = out.body.find((r) => r[0] === "evil")!;
    expect(row[col("Name")]).toBe(`'${HYPERLINK}`);
    expect(row[col("UTM campaign")]).toBe("'@SUM(1+1)");
    expect(row[col("UTM term")]).toBe("'-2+3");
    expect(row[col("UTM content")]).toBe("'\r=1+1");
    expect(row[col("Referrer URL")]).toBe("'+cmd|' /C calc'!A0");
    expect(row[col("Landing page")]).toBe("'=1+1");
    expect(row[col("CTA")]).toBe("' =1+1");
    // The raw file: the payload is inside a quoted field that starts with the apostrophe.
    expect(out.text).toContain(`,"'=HYPERLINK(""http://evil"",""x"")",`);
    // No cell anywhere in the file starts like a formula.
    for (const r of out.body) for (const cell of r) expect(cell).not.toMatch(/^\s*[=+\-@]|^[\t\r]/);
  });

  it("round-trips Unicode names, emails and fields exactly (emoji, CJK, RTL, combining marks, astral)", async () => {
    const out = await exportAll({ source: "unicode" }, { batchSize: 2 });
    const ids = Object.keys(UNICODE_NAMES);
    expect(out.ids.sort()).toEqual([...ids].sort());
    const db = await t.db.lead.findMany({ where: { id: { in: ids } } });
    for (const lead of db) {
      const row = out.body.find((r) => r[0] === lead.id)!;
      expect(row[col("Name")]).toBe(lead.name);
      expect(row[col("Name")]).toBe(UNICODE_NAMES[lead.id as keyof typeof UNICODE_NAMES]);
      expect(row[col("Email")]).toBe(lead.email);
      expect(row[col("Goals")]).toBe('学习 🚀\nnew line, a comma and "quotes"');
    }
    // Not normalised: the decomposed name stays decomposed.
    expect(out.body.find((r) => r[0] === "uni-nfd")![col("Name")]).not.toBe(UNICODE_NAMES["uni-nfd"].normalize("NFC"));
  });

  it("writes every column of a fully filled lead", async () => {
    const out = await exportAll({ source: "full-source" });
    expect(out.body).toHaveLength(1);
    const record = Object.fromEntries(out.header.map((label, i) => [label, out.body[0][i]]));
    // No program or cohort of these ids exists here: they are written as stored.
    expect(record).toMatchObject({
      ID: "full",
      "Received (UTC)": new Date(T0 - 300 * HOUR).toISOString(),
      Form: "Call-back request",
      Status: "Lost",
      "Status reason": 'Chose another school, "cheaper"',
      Owner: BOB.name,
      Name: "Full Columns",
      Email: "full@example.com",
      Phone: "'+442071838750",
      Program: "machine-learning-engineering",
      Cohort: "cohort-123",
      "Times sent": "1",
      "Other answers": "",
      Notes: "",
      "UTM source": "full-source",
      "UTM medium": "cpc",
      "UTM campaign": "spring, 2026",
      "UTM term": "ml bootcamp",
      "UTM content": "hero",
      "Referrer URL": "https://www.google.com/search?q=ml+bootcamp&a=1",
      "Landing page": "/programs/machine-learning-engineering?utm_source=full-source",
      Article: "/careers/machine-learning-engineer",
      CTA: "salary-quote",
      "Referral code": "FRIEND42",
      "Consent version": "contact-2026-11",
      "Consent at (UTC)": "2026-06-02T09:08:07.060Z",
    });
    expect(out.text).not.toContain("not exported");
  });

  it("leaves the owner empty for an unassigned lead and writes the owner's name otherwise", async () => {
    const out = await exportAll({ form: "enroll" });
    const owner = out.header.indexOf("Owner");
    out.body.forEach((r, i) => {
      const s = seeded.find((l) => l.id === out.ids[i])!;
      expect(r[owner]).toBe(s.ownerId === ADA.id ? ADA.name : s.ownerId === BOB.id ? BOB.name : "");
    });
  });
});

describe("the export: laziness, resources, and the inbox's view", () => {
  it("queries lazily: one batch per chunk pulled, nothing more when the reader stops", async () => {
    const state = countLeadQueries();
    const gen = readableExportCsv(t.db, {}, { batchSize: 4 });
    expect((await gen.next()).value).toContain("ID,Received (UTC)");
    expect(state.calls).toBe(0);
    await gen.next();
    expect(state.calls).toBe(1);
    await gen.next();
    expect(state.calls).toBe(2);
    await gen.return(undefined);
    expect(state.calls).toBe(2);
  });

  it("refuses a client that does not know its database (it reads on a connection of its own)", async () => {
    const db = { lead: t.db.lead, program: t.db.program, cohort: t.db.cohort } as unknown as Db;
    await expect(exportAllWith({}, {}, db)).rejects.toThrow(/createDb/);
  });

  it.skipIf(sqliteOnly)("opens its PostgreSQL connection on the first batch and closes it when stopped early, finished or failed", async () => {
    const connect = vi.spyOn(pg.Client.prototype, "connect");
    const end = vi.spyOn(pg.Client.prototype, "end");
    try {
      const gen = readableExportCsv(t.db, {}, { batchSize: 3 });
      await gen.next(); // the header: no connection yet
      expect(connect).not.toHaveBeenCalled();
      await gen.next();
      expect(connect).toHaveBeenCalledTimes(1);
      expect(end).not.toHaveBeenCalled();
      await gen.return(undefined);
      expect(end).toHaveBeenCalledTimes(1);

      for await (const _ of readableExportCsv(t.db, { form: "quote" }, { batchSize: 2 })) void _;
      expect(end).toHaveBeenCalledTimes(2);

      // A failing query closes it too.
      const query = vi.spyOn(pg.Client.prototype, "query").mockRejectedValueOnce(new Error("connection reset (test)"));
      await expect(async () => {
        for await (const _ of readableExportCsv(t.db, {}, { batchSize: 2 })) void _;
      }).rejects.toThrow(/connection reset/);
      query.mockRestore();
      expect(end).toHaveBeenCalledTimes(3);
    } finally {
      connect.mockRestore();
      end.mockRestore();
    }
  });

  it.skipIf(!sqliteOnly)("opens its SQLite connection on the first batch and closes it when stopped early or finished", async () => {
    const pragma = vi.spyOn(Database.prototype, "pragma"); // runs right after the connection opens
    const close = vi.spyOn(Database.prototype, "close");
    try {
      const gen = readableExportCsv(t.db, {}, { batchSize: 3 });
      await gen.next(); // the header: no connection yet
      expect(pragma).not.toHaveBeenCalled();
      await gen.next();
      expect(pragma).toHaveBeenCalled();
      expect(close).not.toHaveBeenCalled();
      await gen.return(undefined);
      expect(close).toHaveBeenCalledTimes(1);

      for await (const _ of readableExportCsv(t.db, { form: "quote" }, { batchSize: 2 })) void _;
      expect(close).toHaveBeenCalledTimes(2);

      // A failing query closes it too.
      const junk = path.join(mkdtempSync(path.join(tmpdir(), "export-junk-")), "junk.db");
      writeFileSync(junk, "this is not a database, ".repeat(200));
      const dialect = dialectOf(t.db);
      const open = dialect.openRowReader.bind(dialect);
      vi.spyOn(dialect, "openRowReader").mockImplementationOnce(() => open(`file:${junk}`));
      await expect(async () => {
        for await (const _ of readableExportCsv(t.db, {}, { batchSize: 2 })) void _;
      }).rejects.toThrow(/not a database/);
      expect(close).toHaveBeenCalledTimes(3);
      rmSync(path.dirname(junk), { recursive: true, force: true });
    } finally {
      pragma.mockRestore();
      close.mockRestore();
    }
  });

  it.skipIf(!sqliteOnly)("walks an index range after the first batch, never a scan from the newest lead down to the cursor", () => {
    const conn = new Database(sqliteFile(t.url), { readonly: true });
    try {
      const cursor = { createdAt: new Date(T0), id: "core-00" };
      const plan = (filters: InboxFilters) => {
        const { sql, parameters } = leadBatchQuery(dialectOf(t.db), inboxFilter(filters), cursor, 100);
        return (conn.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[]).map((r) => r.detail).join(" | ");
      };
      expect(plan({})).toMatch(/SEARCH L USING INDEX Lead_createdAt_id_idx \(createdAt<\?\)/);
      expect(plan({ form: "enroll" })).toMatch(/SEARCH L USING (COVERING )?INDEX Lead_\w+_createdAt_idx \(\w+=\? AND createdAt<\?\)/);
      expect(plan({})).not.toMatch(/SCAN L/);
    } finally {
      conn.close();
    }
  });

  it("lists exactly the inbox's leads, in its order, for random filter combinations", async () => {
    const day = (h: number) => new Date(T0 - h * HOUR).toISOString().slice(0, 10);
    const values = fc.record({
      form: fc.constantFrom(...FORM_TYPES),
      status: fc.constantFrom(...LEAD_STATUSES),
      program: fc.constantFrom("data-analytics", "full-stack-development", "machine-learning-engineering", "none"),
      cohort: fc.constantFrom("cohort-123", "other"),
      owner: fc.constantFrom(ADA.id, BOB.id, "me", "none", "nobody"),
      source: fc.constantFrom("google", "newsletter", "unicode", "full-source", "x", NO_SOURCE),
      medium: fc.constantFrom("cpc", "x"),
      campaign: fc.constantFrom("spring, 2026", "@SUM(1+1)"),
      article: fc.constantFrom("/careers/ties", "/careers/machine-learning-engineer"),
      cta: fc.constantFrom("salary-quote", " =1+1"),
      from: fc.integer({ min: -24, max: 320 }).map(day),
      to: fc.integer({ min: -24, max: 320 }).map(day),
      waiting: fc.constant("24h" as const),
      nextTask: fc.constant("none" as const),
      q: fc.constantFrom("hop", "grace", "person1", "person7@example.com", "+1415", "1415 555 0010", "zo", "山田", "tie", "evil@", "=HYP", "uni-"),
    });
    // Up to 3 filters at a time, so that most combinations match some leads.
    const filters = fc
      .tuple(values, fc.subarray([...FILTER_KEYS], { maxLength: 3 }))
      .map(([v, keys]) => Object.fromEntries(keys.map((k) => [k, v[k]])) as InboxFilters);
    let withRows = 0;
    await fc.assert(
      fc.asyncProperty(filters, fc.integer({ min: 1, max: 7 }), async (f, batchSize) => {
        const inbox = await t.db.lead.findMany({
          where: inboxWhere(f, ADA.id),
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          select: { id: true },
        });
        const out = await exportAllWith(f, { batchSize, me: ADA.id });
        expect(out.ids).toEqual(inbox.map((l) => l.id));
        expect(out.chunks).toHaveLength(1 + Math.ceil(inbox.length / batchSize)); // the header, then one per batch
        if (inbox.length) withRows++;
      }),
      { numRuns: 50 },
    );
    expect(withRows, "runs whose filters matched some leads").toBeGreaterThan(20);
  });
});

// ---- the route ----

describe("GET /console/leads/export", () => {
  const BULK = 2 * EXPORT_BATCH_SIZE + 100; // two full default batches and a bit
  let GET: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    const bulk: Seed[] = Array.from({ length: BULK }, (_, i) =>
      lead({ id: `bulk-${String(i).padStart(5, "0")}`, createdAt: new Date(T0 - (1000 + i) * HOUR), utmSource: "bulk", name: `Bulk ${i}` }),
    );
    await t.db.lead.createMany({ data: bulk });
    ({ GET } = await import("@/app/(console)/console/leads/export/route"));
  });
  afterAll(async () => {
    await t.db.lead.deleteMany({ where: { utmSource: "bulk" } });
  });
  afterEach(() => {
    routeState.denied = null;
    routeState.permissions.length = 0;
    vi.restoreAllMocks();
  });
  const use = () => {
    routeState.db = t.db;
    return countLeadQueries();
  };
  const get = (query: string) => GET(new Request(`http://localhost/console/leads/export?${query}`));

  it("streams a UTF-8 CSV with a BOM, download headers and the filtered rows, behind leads:export", async () => {
    use();
    // Late in the UTC day, when it is already the next day east of UTC: the name is the UTC day.
    vi.spyOn(exportClock, "now").mockReturnValue(new Date("2026-03-05T23:30:00Z"));
    const res = await get("form=enroll&status=contacted");
    expect(routeState.permissions).toEqual(["leads:export"]);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="leads-2026-03-05.csv"');
    expect(res.headers.get("cache-control")).toBe("no-store");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith("\uFEFFID,")).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual(exportColumns("enroll").map((c) => c.label));
    expect(rows.slice(1).map((r) => r[0])).toEqual(expected((l) => l.formType === "enroll" && l.status === "contacted"));
  });

  it("encodes Unicode as UTF-8 bytes", async () => {
    use();
    const bytes = new Uint8Array(await (await get("source=unicode")).arrayBuffer());
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    const [header, ...body] = parseCsv(text.slice(1));
    const names = body.map((r) => r[header.indexOf("Name")]);
    expect(names.sort()).toEqual(Object.values(UNICODE_NAMES).sort());
  });

  it("resolves owner=me to the signed-in staff member and ignores the page cursor", async () => {
    use();
    const cursor = encodeCursor(seeded.find((l) => l.id === expected((l) => l.ownerId === ADA.id)[2])!);
    const text = await (await get(`owner=me&after=${cursor}`)).text();
    expect(
      parseCsv(text.replace(/^\uFEFF/, ""))
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(expected((l) => l.ownerId === ADA.id));
  });

  it("offers the same view as an Excel workbook, with the same filters and typed cells", async () => {
    use();
    vi.spyOn(exportClock, "now").mockReturnValue(new Date("2026-03-05T23:30:00Z"));
    const res = await get("form=enroll&status=contacted&format=xlsx");
    expect(routeState.permissions).toEqual(["leads:export"]);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="leads-2026-03-05.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet("Leads")!;
    const ids: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) ids.push(String(row.getCell(1).value));
    });
    expect(ids).toEqual(expected((l) => l.formType === "enroll" && l.status === "contacted"));
  });

  it("cuts an Excel download short (never a complete-looking file) when a batch fails", async () => {
    const state = use();
    state.failOn = 2;
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await get("source=bulk&format=xlsx");
    expect(res.status).toBe(200);
    await expect(res.arrayBuffer()).rejects.toThrow();
    expect(error).toHaveBeenCalledWith(expect.stringContaining("Excel export failed"), expect.any(Error));
  });

  it("answers a denied request with the guard's status and never queries", async () => {
    const state = use();
    routeState.denied = { status: 401, error: "Your session has ended. Sign in again." };
    const res = await get("");
    expect(res.status).toBe(401);
    routeState.denied = { status: 403, error: "You do not have access to this." };
    expect((await get("format=xlsx")).status).toBe(403);
    expect(routeState.permissions).toEqual(["leads:export", "leads:export"]);
    expect(state.calls).toBe(0);
  });

  it("is pull-based: only the first batch is read before the client reads, the rest as it reads", async () => {
    const state = use();
    const res = await get("source=bulk");
    expect(res.status).toBe(200);
    expect(state.calls).toBe(1);
    const text = await res.text();
    expect(state.calls).toBe(3); // batch, batch, 100
    const ids = parseCsv(text.replace(/^\uFEFF/, ""))
      .slice(1)
      .map((r) => r[0]);
    expect(ids).toHaveLength(BULK);
    expect(ids[0]).toBe("bulk-00000");
    expect(ids[BULK - 1]).toBe(`bulk-${String(BULK - 1).padStart(5, "0")}`);
  });

  it("reads one batch ahead of the client, no more, and stops querying when the client goes away", async () => {
    const state = use();
    const res = await get("source=bulk");
    const reader = res.body!.getReader();
    const second = state.whenCall(2);
    await reader.read(); // BOM, header and batch 1 (read before the response started)
    await await second; // reading them asks for batch 2, which is read...
    await afterQueuedCallbacks(); // ...and once everything that follows from that has run,
    expect(state.calls).toBe(2); // batch 3 is not asked for: the client has not read batch 2
    await reader.cancel(); // resolves once the export has finished (its finally blocks ran)
    expect(state.calls).toBe(2);
  });

  it("answers 500 when the first batch fails, before any of the file is sent", async () => {
    const state = use();
    state.failOn = 1;
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await get("source=bulk");
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toMatch(/json/);
    expect(error).toHaveBeenCalled();
  });

  it("errors the stream (a truncated download, not a complete-looking file) when a later batch fails", async () => {
    const state = use();
    state.failOn = 2;
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await get("source=bulk");
    expect(res.status).toBe(200); // already sent: the status cannot change any more
    await expect(res.text()).rejects.toThrow(/disk I\/O error/);
    expect(error).toHaveBeenCalledWith(expect.stringContaining("mid-stream"), expect.any(Error));
  });
});
