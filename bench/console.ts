/**
 * Staff console benchmark (SQLite): the lead inbox, search, the dashboard and the CSV export
 * at 100,000 and 1,000,000 leads, seeded straight into the file, timed through the app's own
 * code, with the plain single-query search of before as the same-run baseline. What it
 * measures, the options and the figures so far: docs/performance.md.
 *
 *   npm run bench:console -- [--sizes 100000,1000000] [--runs 200] [--analyze both|yes|no]
 *                            [--batch 500,2000] [--reuse] [--explain 4] [--seed 1]
 *                            [--seed-only] [--only <regex>] [--no-export] [--export-only] [--export-rounds 2]
 */
import { createHash } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { createDb, type Db } from "../lib/db";
import { PrismaClient } from "../lib/generated/prisma/client";
import { seedPrograms } from "../lib/content/seed-programs";
import { afterCursor, COUNT_CAP, countInbox, decodeCursor, encodeCursor, INBOX_SELECT, inboxWhere, listInbox, type InboxFilters } from "../lib/console/inbox";
import { EXPORT_BATCH_SIZE, readableExportCsv } from "../lib/console/readable-export";
import { runSqliteShell, sqliteShellVersion, type ShellRun } from "./baselines/export-sqlite3-shell";
import { firstContactStats, funnels, leadsOverTime, loadDashboard, parseDashboardRange } from "../lib/console/dashboard";
import { rollupRebuildSql, rollupTriggerSql } from "../lib/console/rollup-sql";
import { CONSENT, CONSENT_FOR_FORM } from "../lib/leads/form-types";
import { nameSearchKeys } from "../lib/leads/search-keys";
import { cliOptions } from "./lib/args";
import { FORM_WEIGHTS, SOURCES, STATUS_WEIGHTS } from "./lib/lead-mix";
import { machineLine, peakRssMb, reportToParent, runChild, timed as measure, watchMemory, type MemoryReport } from "./lib/measure";
import { emptySqliteFile, migrate, resultsPath, ROOT } from "./lib/project";
import { comparisonTable, table, type Comparison } from "./lib/report";
import { percentile } from "./lib/stats";

// ---------------------------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------------------------

type Args = {
  sizes: number[];
  runs: number;
  analyze: "both" | "yes" | "no";
  reuse: boolean;
  explain: number;
  seed: number;
  batches: number[];
  seedOnly: boolean;
  only: RegExp | null;
  exports: boolean;
  exportOnly: boolean;
  exportRounds: number;
};

function parseArgs(argv = process.argv): Args {
  const { get, int } = cliOptions(argv);
  const sizes = (get("sizes") ?? "100000,1000000").split(",").map((s) => Number(s.trim().replace(/_/g, "")));
  if (!sizes.length || sizes.some((n) => !Number.isInteger(n) || n < 1000)) throw new Error("--sizes must be integers >= 1000, comma-separated");
  const analyze = get("analyze") ?? "both";
  if (analyze !== "both" && analyze !== "yes" && analyze !== "no") throw new Error("--analyze must be both, yes or no");
  return {
    sizes,
    runs: int("runs", 200, 10),
    analyze,
    reuse: argv.includes("--reuse"),
    explain: int("explain", 4, 0),
    seed: int("seed", 1, 0),
    batches: (get("batch") ?? `${EXPORT_BATCH_SIZE}`).split(",").map((b) => {
      const v = Number(b.trim());
      if (!Number.isInteger(v) || v < 1) throw new Error("--batch must be positive integers, comma-separated");
      return v;
    }),
    seedOnly: argv.includes("--seed-only"),
    only: get("only") ? new RegExp(get("only")!, "i") : null,
    exports: !argv.includes("--no-export"),
    exportOnly: argv.includes("--export-only"),
    exportRounds: int("export-rounds", 2, 1),
  };
}

const dbFile = (n: number) => resultsPath(`bench-console-${n}.db`);

// ---------------------------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------------------------

function rng(seed: number) {
  let s = seed >>> 0 || 0x9e3779b9;
  const next = () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const weighted = <T>(table: readonly (readonly [T, number])[]): T => {
    const total = table.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [v, w] of table) if ((r -= w) < 0) return v;
    return table[table.length - 1][0];
  };
  return { next, int, pick, weighted, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof rng>;

// ---------------------------------------------------------------------------------------------
// The data
// ---------------------------------------------------------------------------------------------

const MEDIUM: Record<string, string> = {
  google: "cpc",
  bing: "cpc",
  newsletter: "email",
  linkedin: "social",
  facebook: "social",
  reddit: "social",
  youtube: "video",
  partner: "referral",
};
const CAMPAIGNS = ["spring-intake", "ml-salary-guide", "career-change", "brand", "retargeting", "webinar-2026"];
const TERMS = ["ml bootcamp", "learn python", "data analyst course", "web developer bootcamp", null, null];
const ARTICLE_CTAS: Record<string, string[]> = {
  "/careers/machine-learning-engineer": ["overview-apply", "how-to-apply"],
  "/careers/machine-learning-engineer/salary-and-job-outlook": ["salary-quote"],
  "/careers/machine-learning-engineer/skills": ["skills-newsletter"],
  "/careers/machine-learning-engineer/responsibilities": ["responsibilities-call-back"],
  "/careers/machine-learning-engineer/career-paths": ["career-paths-refer"],
  "/careers/machine-learning-engineer/faq": ["faq-call-back"],
};
const ARTICLES = Object.keys(ARTICLE_CTAS);
const NOTES = ["Called, no answer", "Left a voicemail", "Asked for the syllabus, sent it", "Wants the evening cohort", "Call back after payday"];
const LOST_REASONS = ["Chose another school", "Too expensive", "Timing: next year", "No reply after 3 attempts", "Not a fit for the program"];
const FIRST = [
  "James",
  "Mary",
  "Robert",
  "Patricia",
  "John",
  "Jennifer",
  "Michael",
  "Linda",
  "David",
  "Elizabeth",
  "William",
  "Barbara",
  "Richard",
  "Susan",
  "Joseph",
  "Jessica",
  "Thomas",
  "Sarah",
  "Charles",
  "Karen",
  "Daniel",
  "Lisa",
  "Matthew",
  "Nancy",
  "Anthony",
  "Sandra",
  "Mark",
  "Ashley",
  "Priya",
  "Arjun",
  "Wei",
  "Mei",
  "Hiroshi",
  "Yuki",
  "Fatima",
  "Omar",
  "Aisha",
  "Mohammed",
  "Olga",
  "Dmitri",
  "Sofía",
  "José",
  "Zoë",
  "Łukasz",
  "Chloé",
  "Søren",
  "Ngozi",
  "Kwame",
  "Ana",
  "Luca",
];
const LAST = [
  "Smith",
  "Johnson",
  "Williams",
  "Brown",
  "Jones",
  "Garcia",
  "Miller",
  "Davis",
  "Rodriguez",
  "Martinez",
  "Hernandez",
  "Lopez",
  "Gonzalez",
  "Wilson",
  "Anderson",
  "Thomas",
  "Taylor",
  "Moore",
  "Jackson",
  "Martin",
  "Lee",
  "Perez",
  "Thompson",
  "White",
  "Harris",
  "Sanchez",
  "Clark",
  "Ramirez",
  "Lewis",
  "Robinson",
  "Walker",
  "Young",
  "Allen",
  "King",
  "Wright",
  "Scott",
  "Torres",
  "Nguyen",
  "Hill",
  "Flores",
  "Green",
  "Adams",
  "Nelson",
  "Baker",
  "Hall",
  "Rivera",
  "Campbell",
  "Mitchell",
  "Carter",
  "Roberts",
  "Patel",
  "Shah",
  "Kumar",
  "Chen",
  "Wang",
  "Tanaka",
  "Sato",
  "Kim",
  "Park",
  "Müller",
  "Schmidt",
  "Kowalski",
  "Novak",
  "Ivanova",
  "Okafor",
  "Mensah",
  "Haddad",
  "Khan",
  "Rossi",
  "Bianchi",
  "Dubois",
  "Larsen",
  "Nielsen",
  "Costa",
  "Silva",
  "O'Brien",
  "Murphy",
  "Kelly",
  "Sullivan",
  "Walsh",
];
const DOMAINS = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "example.com", "hey.com", "fastmail.com"];
const EXPERIENCE = ["beginner", "some", "professional"];

const ascii = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/ł/g, "l")
    .replace(/ø/g, "o")
    .replace(/[^a-z0-9]/gi, "")
    .toLowerCase();

function phone(r: Rng): string {
  const d = (n: number) => Array.from({ length: n }, () => r.int(10)).join("");
  switch (r.int(4)) {
    case 0:
    case 1:
      return `+1${2 + r.int(8)}${d(2)}${2 + r.int(8)}${d(6)}`; // NANP
    case 2:
      return `+447${d(9)}`;
    default:
      return `+4915${d(9)}`;
  }
}

/** Prisma's SQLite adapter stores DateTime as ISO 8601 text with "+00:00" (see mapArg in @prisma/adapter-better-sqlite3). */
const sqlDate = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

let idCounter = 0;
/** cuid-shaped ids (c + time + counter + random), so id order follows time as with Prisma's cuid(). */
function cuidAt(ms: number, r: Rng): string {
  idCounter = (idCounter + 1) % 1_679_616;
  const rand = Math.floor(r.next() * 2 ** 40)
    .toString(36)
    .padStart(8, "0")
    .slice(0, 8);
  return `c${ms.toString(36).padStart(8, "0")}${idCounter.toString(36).padStart(4, "0")}bnch${rand}`;
}

type Staff = { id: string; name: string };
type Catalog = { programs: string[]; cohorts: Map<string, string[]> };

async function prepareDatabase(n: number): Promise<{ file: string; url: string; staff: Staff[]; catalog: Catalog; seedSeconds: number | null }> {
  const file = dbFile(n);
  const url = `file:${file}`;
  if (existsSync(file)) {
    const conn = new Database(file, { readonly: true });
    try {
      const count = (conn.prepare(`SELECT count(*) AS c FROM "Lead"`).get() as { c: number }).c;
      if (args.reuse && count === n) {
        process.stderr.write(`reusing ${path.relative(ROOT, file)} (${n} leads)\n`);
        conn.close();
        return { file, url, ...(await readCatalog(url)), seedSeconds: null };
      }
    } catch {
      // not a usable database: make a fresh one
    }
    conn.close();
  }
  emptySqliteFile(`bench-console-${n}`);
  migrate(url);
  const db = createDb(url);
  await seedPrograms(db, new Date());
  await db.user.createMany({
    data: ["Avery Admissions", "Blake Bennett", "Casey Chen", "Devon Diaz", "Emery Evans"].map((name, i) => ({
      id: `bench-staff-${i + 1}`,
      name,
      email: `staff${i + 1}@loomstack.example`,
      role: i === 0 ? "admin" : "staff",
      emailVerified: true,
    })),
  });
  await db.$disconnect();
  const info = await readCatalog(url);
  const t0 = performance.now();
  seedLeads(file, n, info.staff, info.catalog);
  return { file, url, ...info, seedSeconds: (performance.now() - t0) / 1000 };
}

async function readCatalog(url: string): Promise<{ staff: Staff[]; catalog: Catalog }> {
  const db = createDb(url);
  try {
    const staff = await db.user.findMany({ select: { id: true, name: true }, orderBy: { id: "asc" } });
    const cohorts = await db.cohort.findMany({ select: { id: true, program: { select: { slug: true } } } });
    const map = new Map<string, string[]>();
    for (const c of cohorts) map.set(c.program.slug, [...(map.get(c.program.slug) ?? []), c.id]);
    return { staff, catalog: { programs: [...map.keys()].sort(), cohorts: map } };
  } finally {
    await db.$disconnect();
  }
}

function seedLeads(file: string, n: number, staff: Staff[], catalog: Catalog) {
  const r = rng(args.seed * 7919 + n);
  const conn = new Database(file);
  conn.pragma("journal_mode = WAL");
  conn.pragma("synchronous = OFF"); // this connection only: a benchmark fixture, not data to keep
  conn.pragma("cache_size = -1048576"); // 1 GiB page cache while the indexes are built
  conn.pragma("temp_store = MEMORY");
  // The dashboard's rollups are counted once at the end (as `npm run db:rebuild-rollups`
  // does), not by the triggers row by row.
  for (const name of ["lead_rollup_insert", "lead_rollup_update", "lead_rollup_delete"]) conn.exec(`DROP TRIGGER IF EXISTS "${name}"`);
  const insertContact = conn.prepare(
    `INSERT INTO "Contact" ("id","email","phone","name","referralCode","respondedAt","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?)`,
  );
  // Timeline rows the readable export reads (notes, status changes): from an RNG of their own,
  // so the leads are the same as before they were seeded.
  const ra = rng(args.seed * 104_729 + n);
  const insertActivity = conn.prepare(
    `INSERT INTO "LeadActivity" ("id","leadId","actorId","type","fromStatus","toStatus","detail","createdAt") VALUES (?,?,?,?,?,?,?,?)`,
  );
  const insertLead = conn.prepare(
    `INSERT INTO "Lead" ("id","contactId","formType","status","name","email","phone","programSlug","cohortId","fields",
      "consentVersion","consentText","consentAt","utmSource","utmMedium","utmCampaign","utmTerm","utmContent","referrerUrl",
      "landingPage","article","cta","referralCode","searchName","searchLastName","ownerId","lostReason","statusChangedAt",
      "firstContactedAt","submissionToken","revision","createdAt","updatedAt")
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );

  // Arrival times, oldest first, over the last 365 days.
  const now = Date.now();
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = now - 365 * 86_400_000 + Math.floor(r.next() * 365 * 86_400_000);
  times.sort();

  // Contacts so far, for returning people.
  const contacts: { id: string; email: string | null; phone: string | null; name: string }[] = [];
  const CHUNK = 50_000;
  const t0 = performance.now();
  for (let start = 0; start < n; start += CHUNK) {
    conn.transaction(() => {
      for (let i = start; i < Math.min(n, start + CHUNK); i++) {
        const ms = times[i];
        const at = sqlDate(ms);
        const form = r.weighted(FORM_WEIGHTS);
        let person: (typeof contacts)[number];
        if (contacts.length > 100 && r.chance(0.1)) {
          person = contacts[r.int(contacts.length)];
        } else {
          const first = r.pick(FIRST);
          const last = r.pick(LAST);
          const name = r.chance(0.08) ? `${first} ${r.pick(FIRST)} ${last}` : `${first} ${last}`;
          const email = form === "callback" && r.chance(0.4) ? null : `${ascii(first)}.${ascii(last)}${i}@${r.pick(DOMAINS)}`;
          const tel = form === "callback" || r.chance(0.35) ? phone(r) : null;
          person = { id: cuidAt(ms, r), email, phone: tel, name };
          insertContact.run(person.id, email, tel, name, `R${i.toString(36).toUpperCase()}${r.int(1e6).toString(36).toUpperCase()}`, at, at, at);
          contacts.push(person);
        }
        const status = r.weighted(STATUS_WEIGHTS);
        const program = form === "enroll" || (form === "callback" && r.chance(0.7)) || (form === "quote" && r.chance(0.8)) ? r.pick(catalog.programs) : null;
        const cohort = form === "enroll" && program ? r.pick(catalog.cohorts.get(program) ?? [null]) : null;
        const source = r.weighted(SOURCES);
        const article = r.chance(0.4) ? r.pick(ARTICLES) : null;
        const cta = article ? r.pick(ARTICLE_CTAS[article]) : null;
        const owner = status !== "new" || r.chance(0.1) ? r.pick(staff).id : null;
        const contacted = status === "new" ? null : sqlDate(ms + (1 + r.int(72)) * 3_600_000);
        const fields: Record<string, unknown> = { name: person.name, email: person.email ?? undefined, phone: person.phone ?? undefined };
        if (form === "enroll")
          Object.assign(fields, {
            program,
            cohort,
            paymentOption: r.pick(["upfront", "instalments", "financing"]),
            experience: r.pick(EXPERIENCE),
            goals: "Move into an ML engineering role within a year.",
          });
        if (form === "quote") Object.assign(fields, { program, company: r.chance(0.3) ? "Acme Corp" : undefined, seats: 1 + r.int(3) });
        if (form === "callback") Object.assign(fields, { course: program ?? "not-sure", callTime: r.pick(["morning", "afternoon", "evening"]) });
        if (form === "referral") Object.assign(fields, { friends: [{ name: `${r.pick(FIRST)} ${r.pick(LAST)}`, email: `friend${i}@example.com` }] });
        if (form === "redemption") Object.assign(fields, { reward: r.pick(["tuition-discount", "gift-card"]), points: 100 * (1 + r.int(5)) });
        const consent = CONSENT[CONSENT_FOR_FORM[form]];
        const keys = nameSearchKeys(person.name);
        const leadId = cuidAt(ms, r);
        let lostReason: string | null = null; // drawn in the argument list below, in its old place among r's draws
        insertLead.run(
          leadId,
          person.id,
          form,
          status,
          person.name,
          person.email,
          person.phone,
          program,
          cohort,
          JSON.stringify(fields),
          consent.version,
          consent.text,
          at,
          source,
          source ? MEDIUM[source] : null,
          source ? r.pick(CAMPAIGNS) : null,
          source === "google" || source === "bing" ? r.pick(TERMS) : null,
          source && r.chance(0.3) ? r.pick(["hero", "sidebar", "footer"]) : null,
          source === "google" ? "https://www.google.com/" : r.chance(0.2) ? "https://www.linkedin.com/" : null,
          article ?? r.pick(["/", "/programs", "/programs/data-analytics", "/programs/full-stack-development"]),
          article,
          cta,
          r.chance(0.03) ? `REF${r.int(1e6).toString(36).toUpperCase()}` : null,
          keys.searchName,
          keys.searchLastName,
          owner,
          (lostReason = status === "lost" ? r.pick(LOST_REASONS) : null),
          contacted,
          contacted,
          `bench-${i}`,
          1,
          at,
          contacted ?? at,
        );
        // A status change for every worked lead (the reason with a lost one), a note on about a third.
        if (contacted) {
          const actor = owner ?? staff[0].id;
          insertActivity.run(`${leadId}s`, leadId, actor, "status", "new", status, lostReason, contacted);
          if (ra.chance(0.35)) insertActivity.run(`${leadId}n`, leadId, actor, "note", null, null, ra.pick(NOTES), sqlDate(ms + (73 + ra.int(48)) * 3_600_000));
        }
      }
    })();
    const done = Math.min(n, start + CHUNK);
    process.stderr.write(
      `\r  seeding ${done.toLocaleString("en-US")} / ${n.toLocaleString("en-US")} leads (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
    );
  }
  process.stderr.write("\n");
  // Each lead's program (the inbox's program filter reads LeadProgram), as the migration backfills it.
  conn.exec(
    `INSERT INTO "LeadProgram" ("id","leadId","programSlug") SELECT "id" || ':' || "programSlug", "id", "programSlug" FROM "Lead" WHERE "programSlug" IS NOT NULL`,
  );
  const tRollups = performance.now();
  conn.transaction(() => {
    for (const statement of [...rollupTriggerSql("sqlite"), ...rollupRebuildSql("sqlite")]) conn.exec(statement);
  })();
  process.stderr.write(`  dashboard rollups rebuilt in ${((performance.now() - tRollups) / 1000).toFixed(1)} s\n`);
  conn.pragma("wal_checkpoint(TRUNCATE)");
  conn.close();
}

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

type Group = "inbox" | "count" | "search" | "dashboard" | "dashboard-raw" | "baseline";
type Kind = { name: string; group: Group; filters: (r: Rng) => InboxFilters };

function dayString(ms: number) {
  return new Date(ms).toISOString().slice(0, 10);
}

function filterKinds(staff: Staff[], catalog: Catalog): Kind[] {
  const range = (r: Rng) => {
    const from = Date.now() - (30 + r.int(335)) * 86_400_000;
    return { from: dayString(from), to: dayString(from + 29 * 86_400_000) };
  };
  return [
    { name: "no filter", group: "inbox", filters: () => ({}) },
    { name: "form type", group: "inbox", filters: (r) => ({ form: r.weighted(FORM_WEIGHTS) }) },
    { name: "status", group: "inbox", filters: (r) => ({ status: r.pick(STATUS_WEIGHTS.map(([s]) => s)) }) },
    { name: "program + status", group: "inbox", filters: (r) => ({ program: r.pick(catalog.programs), status: r.pick(STATUS_WEIGHTS.map(([s]) => s)) }) },
    { name: "owner", group: "inbox", filters: (r) => ({ owner: r.chance(0.2) ? "none" : r.pick(staff).id }) },
    { name: "source", group: "inbox", filters: (r) => ({ source: r.pick(SOURCES.flatMap(([s]) => (s ? [s] : []))) }) },
    { name: "date range 30 d", group: "inbox", filters: range },
    { name: "form + date range", group: "inbox", filters: (r) => ({ form: r.weighted(FORM_WEIGHTS), ...range(r) }) },
    { name: "article", group: "inbox", filters: (r) => ({ article: r.pick(ARTICLES) }) },
  ];
}

/** Wall-clock ms, and the process's CPU ms in the same span (less sensitive to other load on the machine). */
type Sample = { ms: number; cpu: number; filters: InboxFilters };
type Measured = { kind: string; group: Group; samples: Sample[]; run?: (db: Db, filters: InboxFilters) => Promise<unknown> };

function stats(samples: Sample[]) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const cpu = samples.map((s) => s.cpu).sort((a, b) => a - b);
  return { n: ms.length, p50: percentile(ms, 50), p95: percentile(ms, 95), max: ms[ms.length - 1], cpuP50: percentile(cpu, 50), cpuP95: percentile(cpu, 95) };
}

let lastCpuMs = 0;

async function timed<T>(run: () => Promise<T>): Promise<[number, T]> {
  const t = await measure(run);
  lastCpuMs = t.cpuMs;
  return [t.ms, t.value];
}

/** Values to search for, taken from the data. */
function searchTerms(file: string, r: Rng, count: number) {
  const conn = new Database(file, { readonly: true });
  try {
    const max = (conn.prepare(`SELECT max(rowid) AS m FROM "Lead"`).get() as { m: number }).m;
    const byRowid = conn.prepare(`SELECT email, phone FROM "Lead" WHERE rowid = ?`);
    const emails: string[] = [];
    const phones: string[] = [];
    for (let tries = 0; (emails.length < count || phones.length < count) && tries < count * 50; tries++) {
      const row = byRowid.get(1 + r.int(max)) as { email: string | null; phone: string | null } | undefined;
      if (row?.email && emails.length < count) emails.push(row.email);
      if (row?.phone && phones.length < count) phones.push(row.phone);
    }
    return { emails, phones };
  } finally {
    conn.close();
  }
}

async function measureQueries(db: Db, file: string, staff: Staff[], catalog: Catalog, runs: number, seed: number): Promise<Measured[]> {
  const r = rng(seed);
  const kinds = filterKinds(staff, catalog);
  const out: Measured[] = [];
  const warm = Math.min(10, runs);
  const want = (kind: string) => !args.only || args.only.test(kind);

  for (const kind of kinds) {
    if (!want(kind.name)) continue;
    const samples: Sample[] = [];
    for (let i = 0; i < runs + warm; i++) {
      const filters = kind.filters(r);
      const [ms] = await timed(() => listInbox(db, filters));
      if (i >= warm) samples.push({ ms, cpu: lastCpuMs, filters });
    }
    out.push({ kind: kind.name, group: "inbox", samples });
  }

  // Deep pages: from a random point in the table, follow the cursor 5 pages.
  if (want("deep pages (cursor)")) {
    const conn = new Database(file, { readonly: true });
    const max = (conn.prepare(`SELECT max(rowid) AS m FROM "Lead"`).get() as { m: number }).m;
    const at = conn.prepare(`SELECT id, createdAt FROM "Lead" WHERE rowid = ?`);
    const samples: Sample[] = [];
    const chains = Math.ceil(runs / 5);
    for (let c = 0; c < chains + 2; c++) {
      const row = at.get(1 + r.int(max)) as { id: string; createdAt: string };
      const kind = r.pick(kinds.filter((k) => k.name !== "date range 30 d" && k.name !== "form + date range"));
      let filters: InboxFilters = { ...kind.filters(r), after: encodeCursor({ id: row.id, createdAt: new Date(row.createdAt) }) };
      for (let page = 0; page < 5; page++) {
        const [ms, res] = await timed(() => listInbox(db, filters));
        if (c >= 2) samples.push({ ms, cpu: lastCpuMs, filters });
        if (!res.nextCursor) break;
        filters = { ...filters, after: res.nextCursor };
      }
    }
    conn.close();
    out.push({ kind: "deep pages (cursor)", group: "inbox", samples });
  }

  // Counts (capped), with the same random filters, and with searches.
  const terms = searchTerms(file, r, runs + warm);
  const surnames = LAST.map((l) => nameSearchKeys(l).searchName!);
  const firstNames = FIRST.map((l) => nameSearchKeys(l).searchName!);
  const surnamePrefix = () => r.pick(surnames).slice(0, 3 + r.int(3));
  const searchKinds: [string, (i: number) => string][] = [
    ["surname prefix 3-5", surnamePrefix],
    ["first-name prefix 3-5", () => r.pick(firstNames).slice(0, 3 + r.int(3))],
    ["full email", (i) => terms.emails[i % terms.emails.length]],
    ["email prefix 4-7", (i) => terms.emails[i % terms.emails.length].slice(0, 4 + r.int(4))],
    ["phone digits", (i) => terms.phones[i % terms.phones.length].replace(/^\+/, "")],
    // Matches nothing: no name, surname or email starts with "zq".
    ["no match", () => `zq${"abcdefghij"[r.int(10)]}${"klmnopqrst"[r.int(10)]}`],
  ];
  const withFilter = (r: Rng) => r.pick(kinds.filter((k) => k.name !== "no filter")).filters(r);
  // The same filtered searches for the new code and for the baseline below.
  const filteredSearches: InboxFilters[] = Array.from({ length: runs + warm }, () => ({ ...withFilter(r), q: surnamePrefix() }));
  {
    const count: [string, (i: number) => InboxFilters][] = [
      [`count (capped ${COUNT_CAP.toLocaleString("en-US")})`, () => r.pick(kinds).filters(r)],
      ["count: search", (i) => ({ q: r.pick(searchKinds)[1](i) })],
      ["count: surname prefix + a filter", (i) => filteredSearches[i]],
    ];
    for (const [name, filtersFor] of count) {
      if (!want(name)) continue;
      const samples: Sample[] = [];
      for (let i = 0; i < runs + warm; i++) {
        const filters = filtersFor(i);
        const [ms] = await timed(() => countInbox(db, filters));
        if (i >= warm) samples.push({ ms, cpu: lastCpuMs, filters });
      }
      out.push({ kind: name, group: "count", samples });
    }
  }

  // Search (through listInbox, one page).
  for (const [name, term] of searchKinds) {
    if (!want(`search: ${name}`)) continue;
    const samples: Sample[] = [];
    for (let i = 0; i < runs + warm; i++) {
      const filters = { q: term(i) };
      const [ms] = await timed(() => listInbox(db, filters));
      if (i >= warm) samples.push({ ms, cpu: lastCpuMs, filters });
    }
    out.push({ kind: `search: ${name}`, group: "search", samples });
  }
  // Baseline in the same run: the search as one plain query (what listInbox did before the
  // sparse/dense strategy in lib/console/inbox.ts searchKeys), same terms.
  {
    const plain = (d: Db, f: InboxFilters) =>
      d.lead.findMany({
        where: { AND: [inboxWhere(f), afterCursor(decodeCursor(f.after))] },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 51,
        select: INBOX_SELECT,
      });
    for (const [name, term] of searchKinds) {
      if (!want(`${BASELINE_PREFIX}${name}`)) continue;
      const samples: Sample[] = [];
      for (let i = 0; i < Math.ceil(runs / 4) + warm; i++) {
        const filters = { q: term(i) };
        const [ms] = await timed(() => plain(db, filters));
        if (i >= warm) samples.push({ ms, cpu: lastCpuMs, filters });
      }
      out.push({ kind: `${BASELINE_PREFIX}${name}`, group: "baseline", samples, run: plain });
    }
    const plainCount = (d: Db, f: InboxFilters) => d.lead.count({ where: inboxWhere(f), orderBy: { createdAt: "desc" }, take: COUNT_CAP + 1 });
    const withFilters: [string, (d: Db, f: InboxFilters) => Promise<unknown>][] = [
      ["surname prefix + a filter", plain],
      ["count: surname prefix + a filter", plainCount],
    ];
    for (const [name, run] of withFilters) {
      if (!want(`${BASELINE_PREFIX}${name}`)) continue;
      const samples: Sample[] = [];
      for (let i = 0; i < runs + warm; i++) {
        const filters = filteredSearches[i];
        const [ms] = await timed(() => run(db, filters));
        if (i >= warm) samples.push({ ms, cpu: lastCpuMs, filters });
      }
      out.push({ kind: `${BASELINE_PREFIX}${name}`, group: "baseline", samples, run });
    }
  }

  // A search with one of the inbox's filters; and pages 2 to 5 of a search (by cursor).
  if (want("search: surname prefix + a filter")) {
    const samples: Sample[] = [];
    for (let i = 0; i < runs + warm; i++) {
      const filters = filteredSearches[i];
      const [ms] = await timed(() => listInbox(db, filters));
      if (i >= warm) samples.push({ ms, cpu: lastCpuMs, filters });
    }
    out.push({ kind: "search: surname prefix + a filter", group: "search", samples });
  }
  if (want("search: pages 2-5")) {
    const samples: Sample[] = [];
    for (let c = 0; samples.length < runs; c++) {
      const q = c % 2 ? surnamePrefix() : terms.emails[c % terms.emails.length].slice(0, 4 + r.int(4));
      let page = await listInbox(db, { q });
      for (let n = 2; n <= 5 && page.nextCursor; n++) {
        const filters = { q, after: page.nextCursor };
        const [ms, next] = await timed(() => listInbox(db, filters));
        if (c >= 2) samples.push({ ms, cpu: lastCpuMs, filters });
        page = next;
      }
    }
    out.push({ kind: "search: pages 2-5", group: "search", samples });
  }

  // The dashboard (lib/console/dashboard.ts): whole page loads and their parts from the
  // rollups, and whole page loads read from "Lead" alone (the raw query: the same answer, the
  // baseline), fewer times as each takes seconds. Both answers are compared once per range.
  if (want("dashboard")) {
    const dashRuns = Math.max(20, Math.round(runs / 4));
    const rawRuns = Math.max(5, Math.round(runs / 40));
    const today = Date.now();
    const last = (days: number): InboxFilters => ({ from: dayString(today - (days - 1) * 86_400_000), to: dayString(today) });
    const now = new Date(today);
    const dashboardRange = (f: InboxFilters) => parseDashboardRange({ from: f.from, to: f.to }, now);
    const dashboard: [string, Group, number, InboxFilters, (db: Db, f: InboxFilters) => Promise<unknown>][] = [
      ["dashboard: whole page, last 30 d", "dashboard", dashRuns, last(30), (d, f) => loadDashboard(d, dashboardRange(f), now)],
      ["dashboard: leads per day, 30 d", "dashboard", dashRuns, last(30), (d, f) => leadsOverTime(d, dashboardRange(f))],
      ["dashboard: funnels, 30 d", "dashboard", dashRuns, last(30), (d, f) => funnels(d, dashboardRange(f))],
      ["dashboard: first contact, 30 d", "dashboard", dashRuns, last(30), (d, f) => firstContactStats(d, dashboardRange(f), now)],
      ["dashboard: whole page, last 366 d", "dashboard", dashRuns, last(366), (d, f) => loadDashboard(d, dashboardRange(f), now)],
      [`${DASHBOARD_RAW_PREFIX}whole page, last 30 d`, "dashboard-raw", rawRuns, last(30), (d, f) => loadDashboard(d, dashboardRange(f), now, "raw")],
      [`${DASHBOARD_RAW_PREFIX}whole page, last 366 d`, "dashboard-raw", rawRuns, last(366), (d, f) => loadDashboard(d, dashboardRange(f), now, "raw")],
    ];
    for (const [name, group, n, filters, run] of dashboard) {
      if (!want(name)) continue;
      const samples: Sample[] = [];
      for (let i = 0; i < n + 1; i++) {
        const [ms] = await timed(() => run(db, filters));
        if (i >= 1) samples.push({ ms, cpu: lastCpuMs, filters });
      }
      out.push({ kind: name, group, samples, run });
    }
    for (const days of [30, 366]) {
      const range = dashboardRange(last(days));
      const [a, b] = await Promise.all([loadDashboard(db, range, now), loadDashboard(db, range, now, "raw")]);
      if (JSON.stringify(a) !== JSON.stringify(b)) dashboardMismatches.push(`last ${days} d`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// EXPLAIN QUERY PLAN for the slowest queries, with the SQL Prisma generates
// ---------------------------------------------------------------------------------------------

type Captured = { sql: string; params: unknown[]; ms: number };

async function explain(url: string, file: string, measured: Measured, label: string): Promise<string> {
  const worst = [...measured.samples].sort((a, b) => b.ms - a.ms)[0];
  const captured: Captured[] = [];
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }), log: [{ level: "query", emit: "event" }] });
  client.$on("query", (e) => captured.push({ sql: e.query, params: JSON.parse(e.params) as unknown[], ms: Number(e.duration) }));
  try {
    if (measured.run) await measured.run(client, worst.filters);
    else if (measured.group === "count") await countInbox(client, worst.filters);
    else await listInbox(client, worst.filters);
  } finally {
    await client.$disconnect();
  }
  const conn = new Database(file, { readonly: true });
  try {
    const lines = [`-- ${label}: ${measured.kind}, slowest sample ${worst.ms.toFixed(1)} ms, filters ${JSON.stringify(worst.filters)}`];
    // The two slowest queries on Lead (a search runs several), in the order they ran.
    const onLead = captured.filter((c) => /[`"]Lead[`"]/.test(c.sql));
    const slowest = new Set([...onLead].sort((a, b) => b.ms - a.ms).slice(0, 2));
    for (const q of onLead.filter((c) => slowest.has(c))) {
      lines.push(`-- ${q.ms.toFixed(1)} ms in SQLite (of ${onLead.length} queries on Lead)`);
      // The logged parameters show dates as ISO with Z; the adapter binds them with +00:00.
      const params = q.params.map((p) =>
        typeof p === "boolean" ? Number(p) : typeof p === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(p) ? p.replace("Z", "+00:00") : p,
      );
      lines.push(`SQL: ${q.sql}`);
      lines.push(`params: ${JSON.stringify(params)}`);
      try {
        const plan = conn.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(params as unknown[])) as { id: number; parent: number; detail: string }[];
        const depth = new Map<number, number>();
        for (const row of plan) {
          const d = (depth.get(row.parent) ?? -1) + 1;
          depth.set(row.id, d);
          lines.push(`  ${"  ".repeat(d)}${row.detail}`);
        }
      } catch (error) {
        lines.push(`  (EXPLAIN failed: ${(error as Error).message})`);
      }
    }
    return lines.join("\n");
  } finally {
    conn.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Export, in a child process
// ---------------------------------------------------------------------------------------------

type ExportResult = MemoryReport & {
  label: string;
  rows: number;
  expected: number;
  bytes: number;
  /** SHA-1 of the file's bytes: every round of a view must write the same file. */
  sha1: string;
  seconds: number;
  rowsPerSecond: number;
  batch: number;
};

const MB = 1024 * 1024;

/**
 * Runs in the child: the route's CSV export (lib/console/readable-export.ts, its text encoded
 * as the route does) of everything matching the filters, into a null sink.
 */
async function childExport(url: string, filters: InboxFilters, batchSize: number) {
  const db = createDb(url);
  // Counted first (Prisma, uncapped), so that nothing but the export runs while memory is watched.
  const expected = await db.lead.count({ where: inboxWhere(filters) });
  const memory = watchMemory();
  const encoder = new TextEncoder();
  const hash = createHash("sha1");
  let bytes = 0;
  let lines = 0;
  let quoted = false;
  let checkMs = 0;
  const t0 = performance.now();
  for await (const text of readableExportCsv(db, filters, { batchSize })) {
    const encoded = encoder.encode(text);
    bytes += encoded.byteLength;
    // The benchmark's own checks (same file, row count): timed apart and left out of `seconds`.
    const c0 = performance.now();
    hash.update(encoded);
    // Records, not lines: a line break inside a quoted cell (the notes) is not the end of a
    // row. A doubled quote inside a cell toggles twice.
    for (let i = 0; i < encoded.length; i++) {
      const byte = encoded[i];
      if (byte === 0x22) quoted = !quoted;
      else if (byte === 0x0a && !quoted) lines++;
    }
    memory.sample();
    checkMs += performance.now() - c0;
  }
  const seconds = (performance.now() - t0 - checkMs) / 1000;
  const report = memory.stop();
  await db.$disconnect();
  const rows = lines - 1; // the header
  reportToParent({ ...report, rows, expected, bytes, sha1: hash.digest("hex"), seconds, rowsPerSecond: rows / seconds, batch: batchSize });
}

async function runExportChild(url: string, filters: InboxFilters, label: string, batchSize: number): Promise<ExportResult> {
  const script = new URL(import.meta.url).pathname;
  const result = await runChild<Omit<ExportResult, "label">>(script, ["--child-export", url, JSON.stringify(filters), String(batchSize)]);
  return { label, ...result };
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "-");

type SizeResult = {
  n: number;
  seedSeconds: number | null;
  analyzeSeconds: number | null;
  fileMb: number;
  phases: { label: string; measured: Measured[] }[];
  exports: ExportResult[];
  shell: (ShellRun & { label: string; rows: number })[];
  plans: string[];
};

const BASELINE_PREFIX = "baseline (one plain query): ";
const DASHBOARD_RAW_PREFIX = "dashboard (raw query): ";
/** Ranges whose dashboard from the rollups differed from the raw query's. */
const dashboardMismatches: string[] = [];

/** The dashboard from the rollups against the raw query, p50 and p95, per range. */
function dashboardComparisons(measured: Measured[]): Comparison[] {
  return measured.flatMap((b) => {
    if (b.group !== "dashboard-raw") return [];
    const name = `dashboard: ${b.kind.slice(DASHBOARD_RAW_PREFIX.length)}`;
    const project = measured.find((m) => m.kind === name);
    if (!project) return [];
    const p = stats(project.samples);
    const r = stats(b.samples);
    return [
      {
        measure: `${name}, p50 (${project.samples.length} / ${b.samples.length} runs)`,
        value: p.p50,
        baseline: r.p50,
        unit: "ms",
        higherIsBetter: false,
        decimals: 1,
      },
      { measure: `${name}, p95`, value: p.p95, baseline: r.p95, unit: "ms", higherIsBetter: false, decimals: 1 },
    ];
  });
}

/** Each search (or count) kind's p95 next to the same terms run as one plain query. */
function baselineComparisons(measured: Measured[]): Comparison[] {
  return measured.flatMap((b) => {
    if (b.group !== "baseline") return [];
    const name = b.kind.slice(BASELINE_PREFIX.length);
    const project = measured.find((m) => m.kind === (name.startsWith("count:") ? name : `search: ${name}`));
    if (!project) return [];
    return [
      { measure: `${project.kind} p95`, value: stats(project.samples).p95, baseline: stats(b.samples).p95, unit: "ms", higherIsBetter: false, decimals: 1 },
    ];
  });
}

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

/**
 * Per view: the export against the sqlite3 shell running the export's own SELECT for the whole
 * view (the same rows and columns, as plain CSV, in C), medians of the rounds.
 */
function exportComparisons(res: SizeResult): Comparison[] {
  const out: Comparison[] = [];
  const batch = res.exports[0]?.batch;
  for (const label of [...new Set(res.shell.map((s) => s.label))]) {
    const now = res.exports.filter((e) => e.label === label && e.batch === batch);
    const shellRuns = res.shell.filter((s) => s.label === label);
    if (!now.length || !shellRuns.length) continue;
    out.push({
      measure: `${label}: rows/s`,
      value: median(now.map((e) => e.rowsPerSecond)),
      baseline: median(shellRuns.map((s) => s.rows / s.seconds)),
      unit: "",
      higherIsBetter: true,
    });
    const shellCpu = shellRuns.filter((s) => s.cpuSeconds !== null);
    if (shellCpu.length)
      out.push({
        measure: `${label}: rows per CPU-second`,
        value: median(now.map((e) => e.rows / e.cpuSeconds)),
        baseline: median(shellCpu.map((s) => s.rows / s.cpuSeconds!)),
        unit: "",
        higherIsBetter: true,
      });
  }
  return out;
}

/** Views whose rounds wrote different bytes. */
function exportMismatches(exports: ExportResult[]): string[] {
  const byView = new Map<string, ExportResult[]>();
  for (const e of exports) byView.set(e.label, [...(byView.get(e.label) ?? []), e]);
  return [...byView]
    .filter(([, es]) => new Set(es.map((e) => e.sha1)).size > 1)
    .map(([label, es]) => `${label}: ${es.map((e) => `batch ${e.batch} ${e.sha1.slice(0, 10)}`).join(", ")}`);
}

function printSize(res: SizeResult) {
  console.log(`\n=== ${res.n.toLocaleString("en-US")} leads (database file ${res.fileMb.toFixed(0)} MB) ===`);
  console.log(
    `seeding: ${res.seedSeconds === null ? "reused" : `${res.seedSeconds.toFixed(1)} s (${Math.round(res.n / res.seedSeconds).toLocaleString("en-US")} leads/s)`}` +
      (res.analyzeSeconds === null ? "" : `; ANALYZE: ${res.analyzeSeconds.toFixed(1)} s`),
  );
  const header = ["query (ms)", "n"];
  for (const p of res.phases) header.push(`p50 ${p.label}`, `p95 ${p.label}`, `max ${p.label}`, `CPU p50`, `CPU p95`);
  const kinds = res.phases[0]?.measured ?? [];
  const rows = kinds.map((m, i) => {
    const cells = [m.kind, String(m.samples.length)];
    for (const p of res.phases) {
      const s = stats(p.measured[i].samples);
      cells.push(f1(s.p50), f1(s.p95), f1(s.max), f1(s.cpuP50), f1(s.cpuP95));
    }
    return cells;
  });
  for (const group of ["inbox", "search"] as const) {
    if (!kinds.some((k) => k.group === group)) continue;
    const cells = [`OVERALL ${group}`, String(kinds.filter((k) => k.group === group).reduce((s, k) => s + k.samples.length, 0))];
    for (const p of res.phases) {
      const s = stats(p.measured.filter((m) => m.group === group).flatMap((m) => m.samples));
      cells.push(f1(s.p50), f1(s.p95), f1(s.max), f1(s.cpuP50), f1(s.cpuP95));
    }
    rows.push(cells);
  }
  console.log(`\n${table(header, rows)}`);
  for (const p of res.phases) {
    const comparisons = baselineComparisons(p.measured);
    if (comparisons.length)
      console.log(`\n${comparisonTable(`p95 against the plain query of before (${p.label})`, "one plain Prisma query per search", comparisons)}`);
    const dash = dashboardComparisons(p.measured);
    if (dash.length)
      console.log(
        `\n${comparisonTable(`The dashboard from its rollups against the raw query (${p.label})`, 'the same dashboard read from "Lead" alone', dash)}`,
      );
  }

  console.log(
    `\n${table(
      [
        "export",
        "batch",
        "rows",
        "expected",
        "MB out",
        "SHA-1",
        "seconds",
        "rows/s",
        "CPU s",
        "rows/CPU-s",
        "load",
        "RSS before MB",
        "peak RSS (sampled) MB",
        "peak RSS (VmHWM) MB",
        "maxRSS (getrusage) MB",
        "peak heap MB",
      ],
      res.exports.map((e) => [
        e.label,
        String(e.batch),
        e.rows.toLocaleString("en-US"),
        e.expected.toLocaleString("en-US"),
        (e.bytes / MB).toFixed(0),
        e.sha1.slice(0, 10),
        e.seconds.toFixed(2),
        Math.round(e.rowsPerSecond).toLocaleString("en-US"),
        e.cpuSeconds.toFixed(2),
        Math.round(e.rows / e.cpuSeconds).toLocaleString("en-US"),
        e.load.toFixed(1),
        e.baselineRssMb.toFixed(0),
        e.peakRssSampledMb.toFixed(0),
        e.hwmMb === null ? "-" : `${e.hwmMb.toFixed(0)}${e.hwmReset ? "" : " (process)"}`,
        e.maxRssMb.toFixed(0),
        e.heapUsedPeakMb.toFixed(0),
      ]),
    )}`,
  );
  if (res.shell.length)
    console.log(
      `\n${table(
        ["sqlite3 shell, same SELECT", "rows", "seconds", "rows/s", "CPU s", "peak RSS MB"],
        res.shell.map((s) => [
          s.label,
          s.rows.toLocaleString("en-US"),
          s.seconds.toFixed(2),
          Math.round(s.rows / s.seconds).toLocaleString("en-US"),
          s.cpuSeconds === null ? "-" : s.cpuSeconds.toFixed(2),
          s.peakRssMb === null ? "-" : s.peakRssMb.toFixed(0),
        ]),
      )}`,
    );
  const shell = exportComparisons(res);
  if (shell.length)
    console.log(
      `\n${comparisonTable("The export (CSV) against the sqlite3 shell on the export's own SELECT (median of the rounds)", `${res.shell[0].version} -csv > /dev/null`, shell)}`,
    );
  for (const mismatch of exportMismatches(res.exports)) console.log(`\nDIFFERENT FILES: ${mismatch}`);
  if (res.plans.length) console.log(`\nQuery plans of the slowest kinds (the SQL is Prisma's):\n\n${res.plans.join("\n\n")}`);
}

function printSummary(results: SizeResult[]) {
  console.log("\n=== Summary against the targets (targets apply at 1,000,000 leads) ===\n");
  const rows: string[][] = [];
  for (const res of results) {
    const n = res.n.toLocaleString("en-US");
    for (const p of res.phases) {
      const verdict = (v: number) => (res.n >= 1_000_000 ? (v < 50 ? "ok" : "MISSED") : v < 50 ? "(ok)" : "(over)");
      const of = (group: Group) => p.measured.filter((m) => m.group === group);
      const worst = (group: Group) =>
        of(group)
          .map((m) => [m.kind, stats(m.samples).p95] as const)
          .sort((a, b) => b[1] - a[1])[0];
      for (const group of ["inbox", "search"] as const) {
        if (!of(group).length) continue;
        const all = stats(of(group).flatMap((m) => m.samples));
        const [kind, p95] = worst(group);
        rows.push([n, `${group} p95, all kinds (${p.label})`, "< 50 ms", `${f1(all.p95)} ms`, verdict(all.p95)]);
        rows.push([
          n,
          `${group} p95, worst kind: ${kind} (${p.label})`,
          group === "inbox" ? "< 50 ms" : "-",
          `${f1(p95)} ms`,
          group === "inbox" ? verdict(p95) : "",
        ]);
      }
      for (const m of [...of("count"), ...of("dashboard"), ...of("dashboard-raw")]) {
        const p95 = stats(m.samples).p95;
        const target = m.kind === "dashboard: whole page, last 366 d" ? 200 : m.kind === "dashboard: whole page, last 30 d" ? 50 : null;
        const ok = target === null ? "" : res.n >= 1_000_000 ? (p95 < target ? "ok" : "MISSED") : p95 < target ? "(ok)" : "(over)";
        rows.push([n, `${m.kind} p95 (${p.label})`, target === null ? "-" : `< ${target} ms`, `${f1(p95)} ms`, ok]);
      }
    }
    for (const c of exportComparisons(res).filter((c) => c.measure.endsWith("rows/s"))) {
      rows.push([n, `export ${c.measure} ÷ the sqlite3 shell's`, "-", (c.value / c.baseline).toFixed(2), ""]);
    }
    for (const e of res.exports) {
      const big = res.n >= 100_000;
      const label = `${e.label} (batch ${e.batch})`;
      rows.push([
        n,
        `export ${label}: rows/s (rows/CPU-s ${Math.round(e.rows / e.cpuSeconds).toLocaleString("en-US")})`,
        ">= 100,000",
        Math.round(e.rowsPerSecond).toLocaleString("en-US"),
        big ? (e.rowsPerSecond >= 100_000 ? "ok" : "MISSED") : "",
      ]);
      const peak = peakRssMb(e);
      rows.push([n, `export ${label}: peak RSS`, "< 300 MB", `${peak.toFixed(0)} MB`, big ? (peak < 300 ? "ok" : "MISSED") : ""]);
      if (e.rows !== e.expected) rows.push([n, `export ${label}: ROW COUNT MISMATCH`, String(e.expected), String(e.rows), "FAILED"]);
    }
  }
  console.log(table(["leads", "measure", "target", "result", ""], rows));
}

// ---------------------------------------------------------------------------------------------

let args: Args;

async function main() {
  if (process.argv[2] === "--child-export") {
    await childExport(process.argv[3], JSON.parse(process.argv[4]) as InboxFilters, Number(process.argv[5]));
    return;
  }
  args = parseArgs();
  console.log(
    `bench:console sizes ${args.sizes.join(", ")}; ${args.runs} queries per kind; ANALYZE: ${args.analyze}; export batch ${args.batches.join(", ")}; ` +
      machineLine(),
  );
  const results: SizeResult[] = [];
  let failed = false;
  const shellVersion = sqliteShellVersion();
  for (const n of args.sizes) {
    process.stderr.write(`\n${n.toLocaleString("en-US")} leads\n`);
    const { file, url, staff, catalog, seedSeconds } = await prepareDatabase(n);
    if (args.seedOnly) {
      console.log(
        `${path.relative(ROOT, file)}: ${n.toLocaleString("en-US")} leads (${seedSeconds === null ? "reused" : `seeded in ${seedSeconds.toFixed(1)} s`})`,
      );
      continue;
    }
    const res: SizeResult = { n, seedSeconds, analyzeSeconds: null, fileMb: 0, phases: [], exports: [], shell: [], plans: [] };

    const conn = new Database(file);
    const hasStats = () => (conn.prepare(`SELECT count(*) AS c FROM sqlite_master WHERE name = 'sqlite_stat1'`).get() as { c: number }).c > 0;
    const phases: ("no stats" | "ANALYZE")[] = args.exportOnly
      ? []
      : args.analyze === "both"
        ? ["no stats", "ANALYZE"]
        : args.analyze === "yes"
          ? ["ANALYZE"]
          : ["no stats"];
    for (const phase of phases) {
      if (phase === "no stats" && hasStats()) conn.exec(`DROP TABLE IF EXISTS sqlite_stat1; DROP TABLE IF EXISTS sqlite_stat4;`);
      if (phase === "ANALYZE") {
        const t0 = performance.now();
        conn.exec("ANALYZE");
        res.analyzeSeconds = (performance.now() - t0) / 1000;
      }
      process.stderr.write(`  queries (${phase})...\n`);
      const db = createDb(url);
      try {
        const measured = await measureQueries(db, file, staff, catalog, args.runs, args.seed);
        res.phases.push({ label: phase, measured });
        if (args.explain) {
          const slowest = [...measured].sort((a, b) => stats(b.samples).p95 - stats(a.samples).p95).slice(0, args.explain);
          for (const m of slowest) res.plans.push(await explain(url, file, m, phase));
        }
      } finally {
        await db.$disconnect();
      }
    }
    conn.close();

    if (args.exports) {
      process.stderr.write(`  export (child process)... sqlite3 shell: ${shellVersion ?? "not installed, skipped"}\n`);
      // The export and the shell take turns, so that a change in the machine's load hits both.
      const views: [string, InboxFilters][] = [
        ["all leads", {}],
        ["form=enroll", { form: "enroll" }],
        ["source=google&status=new", { source: "google", status: "new" }],
      ];
      for (let round = 0; round < args.exportRounds; round++) {
        for (const [label, filters] of views) {
          const result = await runExportChild(url, filters, label, args.batches[0]);
          res.exports.push(result);
          if (shellVersion) res.shell.push({ label, rows: result.expected, ...(await runSqliteShell(file, filters)) });
        }
      }
      for (const batch of args.batches.slice(1)) res.exports.push(await runExportChild(url, {}, "all leads", batch));
    }
    for (const e of res.exports) if (e.rows !== e.expected) failed = true;
    if (exportMismatches(res.exports).length) failed = true;

    const { size } = statSync(file);
    res.fileMb = size / MB;
    results.push(res);
    printSize(res);
  }
  printSummary(results);
  if (dashboardMismatches.length) {
    console.log(`\nFAILED: the dashboard from the rollups differs from the raw query's for: ${dashboardMismatches.join(", ")}.`);
    process.exitCode = 1;
  }
  if (failed) {
    console.log("\nFAILED: an export's row count differs from the matching leads, or two runs of a view wrote different files.");
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
