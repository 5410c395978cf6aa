import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { Prisma, PrismaClient } from "../generated/prisma/client";
import pg from "pg";
import { createDb, dbProvider, type Db, type DbProvider } from "./index";
import { pgPoolConfig } from "./pg";
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from "./schema-variants";
import { isPostgresUrl, resolveDatabaseUrl } from "./url";

/**
 * Copies the app's data from a SQLite database into a PostgreSQL one (`npm run db:copy`,
 * scripts/db-copy.ts), then checks the copy.
 *
 * - Every Prisma model needs a rule in COPY_RULES (a missing one is a compile error), so a
 *   new model cannot be left behind silently.
 * - Parents first, from the target's foreign keys; a self-reference (Contact.referredById)
 *   in a second pass.
 * - The target must be migrated and empty (or `truncate`d), and is written in ONE
 *   transaction: a failure leaves it as it was, and the command can simply be run again.
 * - The source is read a page at a time through Prisma, on a read-only connection, and
 *   written a batch per statement (`inserter`); `verifyCopy` compares both sides row by row.
 * Not copied: tables that are not Prisma models (the disposable `rate_limits` counters,
 * `_prisma_migrations`).
 */

export type ModelName = Prisma.ModelName;

export type CopyRule =
  /** Copy every row; the source is read in order of `pageBy`, a unique scalar field. */
  | { copy: true; pageBy: string }
  /** Leave the model's rows behind, for the reason given (printed by the command). */
  | { copy: false; why: string };

/** One rule per Prisma model. A model added to prisma/schema.prisma needs one here. */
export const COPY_RULES: Record<ModelName, CopyRule> = {
  Program: { copy: true, pageBy: "id" },
  Cohort: { copy: true, pageBy: "id" },
  PaymentOption: { copy: true, pageBy: "id" },
  Contact: { copy: true, pageBy: "id" },
  Lead: { copy: true, pageBy: "id" },
  // The dashboard's rollups are kept by triggers on "Lead": the copied leads count themselves
  // into the target's (lib/console/rollup-sql.ts).
  LeadRollup: { copy: false, why: "rebuilt by the target's triggers as the leads are copied" },
  LeadFunnelRollup: { copy: false, why: "rebuilt by the target's triggers as the leads are copied" },
  LeadContactRollup: { copy: false, why: "rebuilt by the target's triggers as the leads are copied" },
  LeadActivity: { copy: true, pageBy: "id" },
  LeadSubmission: { copy: true, pageBy: "id" },
  // Unused links stay usable after the move; used and expired ones are history.
  OwnershipToken: { copy: true, pageBy: "id" },
  ReferralReview: { copy: true, pageBy: "id" },
  Setting: { copy: true, pageBy: "key" },
  PointsEntry: { copy: true, pageBy: "id" },
  NewsletterSubscription: { copy: true, pageBy: "id" },
  EmailMessage: { copy: true, pageBy: "id" },
  EmailEvent: { copy: true, pageBy: "id" },
  EmailSuppression: { copy: true, pageBy: "id" },
  User: { copy: true, pageBy: "id" },
  Session: { copy: true, pageBy: "id" },
  Account: { copy: true, pageBy: "id" },
  Verification: { copy: true, pageBy: "id" },
  // Better Auth's sign-in counters: a few rows; copied so that a lockout in force stays so.
  RateLimit: { copy: true, pageBy: "id" },
  // Syllabus download links (issue 15): live ones keep working after the move.
  SyllabusLink: { copy: true, pageBy: "id" },
  Instructor: { copy: true, pageBy: "id" },
  PersonPhoto: { copy: true, pageBy: "id" },
  InstructorProgram: { copy: true, pageBy: "id" },
  OutcomeReport: { copy: true, pageBy: "id" },
  StudentStory: { copy: true, pageBy: "id" },
  Event: { copy: true, pageBy: "id" },
  EventRsvp: { copy: true, pageBy: "id" },
  Comment: { copy: true, pageBy: "id" },
  // Issue 17: discount codes (used ones too: they are what a lead was promised) and the
  // reward catalogue.
  DiscountCode: { copy: true, pageBy: "id" },
  Reward: { copy: true, pageBy: "id" },
  // Issue 18: call booking. Claims are copied with their bookings, so a booked slot stays
  // taken on the new database.
  CallType: { copy: true, pageBy: "id" },
  Advisor: { copy: true, pageBy: "userId" },
  AdvisorCallType: { copy: true, pageBy: "id" },
  AdvisorDateOff: { copy: true, pageBy: "id" },
  ProgramAdvisorPin: { copy: true, pageBy: "id" },
  Booking: { copy: true, pageBy: "id" },
  BookingClaim: { copy: true, pageBy: "id" },
  BookingVisit: { copy: true, pageBy: "id" },
  CtaDailyCount: { copy: true, pageBy: "id" },
  // Issue 19: tasks on leads, open and done (the done ones are the lead's history).
  Task: { copy: true, pageBy: "id" },
  // Issue 19's inbox: an undo lasts 10 seconds, so a bulk change's previous values are no use
  // after a move; read marks (composite key) start afresh: every lead shows unread again.
  BulkChange: { copy: false, why: "kept only for a 10-second undo" },
  BulkChangeLead: { copy: false, why: "kept only for a 10-second undo" },
  LeadRead: { copy: false, why: "read marks start afresh (every lead shows unread again)" },
  InboxMark: { copy: true, pageBy: "userId" },
  LostReason: { copy: true, pageBy: "id" },
  LeadProgram: { copy: true, pageBy: "id" },
  SavedView: { copy: true, pageBy: "id" },
  // Issue 19: the templates staff write to leads with.
  LeadEmailTemplate: { copy: true, pageBy: "id" },
};

export const DEFAULT_BATCH_SIZE = 1000;

/** A refusal the user can act on (not migrated, not empty, no rule): printed as it is. */
export class CopyRefused extends Error {
  override name = "CopyRefused";
}

// ---- the data model ----------------------------------------------------------------------

type RuntimeField = { name: string; kind: string; type: string };
type RuntimeDataModel = { models: Record<string, { dbName: string | null; fields: RuntimeField[] }> };

export type ModelInfo = {
  model: ModelName;
  /** The client's property for the model (`leadActivity`). */
  delegate: string;
  /** The table (`@@map` name, or the model's name). */
  table: string;
  /** Scalar fields, in schema order, with their Prisma types (String, DateTime, BigInt, ...). */
  fields: { name: string; type: string }[];
  rule: CopyRule;
};

/** Every model of the generated client, as Prisma itself enumerates them. */
export function prismaModelNames(): string[] {
  return Object.values(Prisma.ModelName);
}

/** Models without a rule, and rules for models that no longer exist. */
export function ruleCoverage(models: readonly string[] = prismaModelNames(), rules: Record<string, CopyRule> = COPY_RULES) {
  return {
    missing: models.filter((m) => !Object.hasOwn(rules, m)),
    unknown: Object.keys(rules).filter((m) => !models.includes(m)),
  };
}

export function assertRulesCoverModels(models: readonly string[] = prismaModelNames(), rules: Record<string, CopyRule> = COPY_RULES) {
  const { missing, unknown } = ruleCoverage(models, rules);
  const problems = [
    ...(missing.length ? [`no copy rule for the model(s) ${missing.join(", ")}`] : []),
    ...(unknown.length ? [`rules for models that do not exist: ${unknown.join(", ")}`] : []),
  ];
  if (problems.length) {
    throw new CopyRefused(`lib/db/copy.ts: ${problems.join("; ")}. Add to or correct COPY_RULES (copy the model, or say why not) before copying.`);
  }
}

function runtimeDataModel(client: object): RuntimeDataModel {
  const dm = (client as { _runtimeDataModel?: RuntimeDataModel })._runtimeDataModel;
  if (!dm || typeof dm.models !== "object") throw new Error("Prisma's client changed: it has no _runtimeDataModel (see lib/db/copy.ts).");
  return dm;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** The models to consider, from the client's runtime data model, each with its rule. */
export function modelInfos(client: object, rules: Record<string, CopyRule> = COPY_RULES): ModelInfo[] {
  const names = prismaModelNames();
  const dm = runtimeDataModel(client);
  const inDm = Object.keys(dm.models);
  if (inDm.length !== names.length || inDm.some((m) => !names.includes(m))) {
    throw new Error(`The client's data model (${inDm.join(", ")}) does not match Prisma.ModelName (${names.join(", ")}): run \`npx prisma generate\`.`);
  }
  assertRulesCoverModels(names, rules);
  return names.map((model) => {
    const m = dm.models[model];
    const fields = m.fields.filter((f) => f.kind === "scalar" || f.kind === "enum").map((f) => ({ name: f.name, type: f.type }));
    const rule = rules[model];
    if (rule.copy && !fields.some((f) => f.name === rule.pageBy)) {
      throw new CopyRefused(`lib/db/copy.ts: COPY_RULES.${model}.pageBy is "${rule.pageBy}", which is not a field of ${model}.`);
    }
    const delegate = lowerFirst(model);
    if (typeof (client as Record<string, unknown>)[delegate] !== "object") throw new Error(`The Prisma client has no \`${delegate}\` for the model ${model}.`);
    return { model: model as ModelName, delegate, table: m.dbName ?? model, fields, rule };
  });
}

// ---- raw SQL on either side ---------------------------------------------------------------

/** A SQL query returning rows: through a Prisma client, or through a plain `pg` client. */
export type RawQuery = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

type PrismaRaw = { $queryRawUnsafe<T = unknown>(sql: string, ...values: unknown[]): Prisma.PrismaPromise<T> };
export const prismaQuery =
  (db: PrismaRaw): RawQuery =>
  <T>(sql: string, params: unknown[] = []) =>
    db.$queryRawUnsafe<T[]>(sql, ...params);
export const pgQuery =
  (client: pg.ClientBase): RawQuery =>
  async <T>(sql: string, params: unknown[] = []) =>
    (await client.query(sql, params)).rows as T[];

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

// ---- the plan: order and self-references, from the target's foreign keys ------------------

export type ForeignKey = { name: string; child: string; parent: string; columns: string[] };
export type PlannedModel = ModelInfo & { rule: Extract<CopyRule, { copy: true }>; selfRefs: string[] };

/** Foreign keys between tables of the current schema (PostgreSQL). */
export async function foreignKeys(query: RawQuery): Promise<ForeignKey[]> {
  const rows = await query<{ name: string; child: string; parent: string; columns: string }>(`
    SELECT con.conname::text AS name, c.relname::text AS child, p.relname::text AS parent,
           (SELECT string_agg(a.attname::text, ',' ORDER BY k.ord)
              FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns
      FROM pg_constraint con
      JOIN pg_class c ON c.oid = con.conrelid
      JOIN pg_class p ON p.oid = con.confrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE con.contype = 'f' AND n.nspname = current_schema()
     ORDER BY 2, 1`);
  return rows.map((r) => ({ name: r.name, child: r.child, parent: r.parent, columns: r.columns.split(",") }));
}

/**
 * The models to copy, parents before children (ties in schema order), each with the columns
 * that reference its own table. Throws on what cannot be ordered.
 */
export function copyPlan(models: ModelInfo[], fks: ForeignKey[]): PlannedModel[] {
  const byTable = new Map(models.map((m) => [m.table, m]));
  const selfRefs = new Map<ModelName, string[]>(models.map((m) => [m.model, []]));
  const parents = new Map<ModelName, Set<ModelName>>(models.map((m) => [m.model, new Set()]));
  for (const fk of fks) {
    const child = byTable.get(fk.child);
    if (!child || !child.rule.copy) continue; // not a model's table, or not copied
    const parent = byTable.get(fk.parent);
    if (!parent) throw new CopyRefused(`${fk.child} references ${fk.parent} (${fk.name}), which is not a Prisma model's table: it would not be copied.`);
    if (!parent.rule.copy) throw new CopyRefused(`${child.model} references ${parent.model} (${fk.name}), but COPY_RULES skips ${parent.model}.`);
    if (parent === child) {
      for (const column of fk.columns) {
        if (!child.fields.some((f) => f.name === column)) {
          throw new CopyRefused(`${child.model}: the self-reference column "${column}" is not a field of that name (a @map?): lib/db/copy.ts cannot copy it.`);
        }
        selfRefs.get(child.model)!.push(column);
      }
    } else {
      parents.get(child.model)!.add(parent.model);
    }
  }
  const pending = models.filter((m) => m.rule.copy);
  const done = new Set<ModelName>();
  const plan: PlannedModel[] = [];
  while (pending.length) {
    const i = pending.findIndex((m) => [...parents.get(m.model)!].every((p) => done.has(p)));
    if (i < 0) {
      throw new CopyRefused(`The foreign keys between ${pending.map((m) => m.model).join(", ")} form a cycle: lib/db/copy.ts cannot order them.`);
    }
    const [m] = pending.splice(i, 1);
    done.add(m.model);
    plan.push({ ...m, rule: m.rule as PlannedModel["rule"], selfRefs: selfRefs.get(m.model)! });
  }
  return plan;
}

// ---- migrations --------------------------------------------------------------------------

export type MigrationState = { missing: string[]; failed: string[]; unknown: string[] };

function migrationNames(dir: string): string[] {
  if (!existsSync(dir)) throw new Error(`No migrations folder at ${dir}.`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** What `prisma migrate deploy` has left to do on a database, compared with a migrations folder. */
export async function migrationState(query: RawQuery, provider: DbProvider, dir: string): Promise<MigrationState> {
  const expected = migrationNames(dir);
  const present =
    provider === "postgres"
      ? (await query<{ t: string | null }>(`SELECT to_regclass('_prisma_migrations')::text AS t`))[0]?.t != null
      : (await query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`)).length > 0;
  const rows = present
    ? await query<{ name: string; finished: unknown; rolledBack: unknown }>(
        `SELECT migration_name AS name, finished_at AS finished, rolled_back_at AS "rolledBack" FROM _prisma_migrations`,
      )
    : [];
  const applied = new Set(rows.filter((r) => r.finished != null && r.rolledBack == null).map((r) => r.name));
  const known = new Set(expected);
  return {
    missing: expected.filter((m) => !applied.has(m)),
    failed: rows.filter((r) => r.finished == null && r.rolledBack == null).map((r) => r.name),
    unknown: [...applied].filter((m) => !known.has(m)).sort(),
  };
}

/** A URL for messages: the password masked. */
export function displayUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*):[^@]*@/i, "$1:***@");
}

function checkMigrations(state: MigrationState, what: "source" | "target", url: string) {
  const shown = displayUrl(url);
  if (state.failed.length) {
    throw new CopyRefused(
      `The ${what} has failed migrations (${state.failed.join(", ")}): resolve them first (npx prisma migrate status, with DATABASE_URL='${shown}').`,
    );
  }
  if (state.unknown.length) {
    throw new CopyRefused(
      `The ${what} has migrations this version of the app does not know (${state.unknown.join(", ")}): it was made by a newer version. Copy with that version.`,
    );
  }
  if (state.missing.length) {
    throw new CopyRefused(
      what === "target"
        ? `The target is not migrated (${state.missing.length} migration(s) not applied). Run:\n  DATABASE_URL='${shown}' npx prisma migrate deploy`
        : `The source is behind this version of the app (${state.missing.length} migration(s) not applied: ${state.missing.join(", ")}). Back it up, then run:\n  DATABASE_URL='${shown}' npx prisma migrate deploy`,
    );
  }
}

// ---- connections -------------------------------------------------------------------------

/** A read-only client for a SQLite database file (the file must exist; nothing is written to it). */
export function openSqliteSource(url: string): Db {
  const resolved = resolveDatabaseUrl({ ...process.env, DATABASE_URL: url });
  if (!resolved.startsWith("file:")) throw new CopyRefused(`The source must be a SQLite file:… URL, not ${displayUrl(url)}.`);
  const file = resolved.slice("file:".length);
  if (!existsSync(file)) throw new CopyRefused(`The source database ${file} does not exist.`);
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: resolved, readonly: true, fileMustExist: true }) });
}

/** A Prisma client for the PostgreSQL target, for checks and verification (small pool). */
export function openPostgresTarget(url: string): Db {
  if (!isPostgresUrl(url)) throw new CopyRefused(`The target must be a postgresql://… URL, not ${displayUrl(url)}.`);
  return createDb(url, { pg: { max: 2, idleTimeoutMillis: 1000 } });
}

/** A plain `pg` connection to the target (the copy's writes), honouring ?schema= like the app. */
export async function connectPg(url: string): Promise<pg.Client> {
  if (!isPostgresUrl(url)) throw new CopyRefused(`The target must be a postgresql://… URL, not ${displayUrl(url)}.`);
  const { max: _max, idleTimeoutMillis: _idle, ...config } = pgPoolConfig(url);
  const schema = new URL(url).searchParams.get("schema");
  const client = new pg.Client(schema ? { ...config, options: `-c search_path="${schema.replace(/"/g, '""')}"` } : config);
  await client.connect();
  return client;
}

// ---- copying -----------------------------------------------------------------------------

type Row = Record<string, unknown>;
type Delegate = { findMany(args: object): Promise<Row[]>; count(args?: object): Promise<number> };
const delegateOf = (client: object, m: ModelInfo) => (client as Record<string, Delegate>)[m.delegate];

export type CopyProgress = { model: ModelName; done: number; total: number };

export type CopyOptions = {
  /** The SQLite database to read (see openSqliteSource). */
  source: Db;
  /** The PostgreSQL database to fill: migrated, and empty unless `truncate`. */
  targetUrl: string;
  /** The source's URL, for messages only. */
  sourceUrl?: string;
  /** Empty every model's table on the target first (in the same transaction). */
  truncate?: boolean;
  batchSize?: number;
  sqliteMigrations?: string;
  postgresMigrations?: string;
  rules?: Record<string, CopyRule>;
  onProgress?: (p: CopyProgress) => void;
  /** Called once the target is found fit: the models in copy order, and those skipped with why. */
  onPlan?: (plan: PlannedModel[], skipped: { model: ModelName; why: string }[]) => void;
};

export type CopyResult = {
  models: { model: ModelName; rows: number; ms: number }[];
  rows: number;
  ms: number;
  /** Sequences set after the copy ("table.column"); none with the current schema. */
  sequences: string[];
  truncated: boolean;
};

/** Checks the source on its own (no target needed): a SQLite client, its migrations, the rules. */
export async function checkSource(source: Db, options: { sourceUrl?: string; sqliteMigrations?: string; rules?: Record<string, CopyRule> } = {}) {
  if (dbProvider(source) !== "sqlite") throw new CopyRefused("The source must be a SQLite database.");
  const infos = modelInfos(source, options.rules);
  const state = await migrationState(prismaQuery(source), "sqlite", options.sqliteMigrations ?? path.resolve(SQLITE_MIGRATIONS));
  checkMigrations(state, "source", options.sourceUrl ?? "file:…");
  return infos;
}

/** The target's migrations, compared with prisma/postgres/migrations. */
export async function targetMigrationState(target: Db | pg.ClientBase, dir = path.resolve(POSTGRES_MIGRATIONS)): Promise<MigrationState> {
  return migrationState(target instanceof pg.Client ? pgQuery(target) : prismaQuery(target as Db), "postgres", dir);
}

/** Model tables on the target that hold rows, with their counts. */
export async function nonEmptyTables(query: RawQuery, models: ModelInfo[]): Promise<{ model: ModelName; rows: number }[]> {
  const out: { model: ModelName; rows: number }[] = [];
  for (const m of models) {
    const [{ n }] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdent(m.table)}`);
    if (n > 0) out.push({ model: m.model, rows: n });
  }
  return out;
}

/**
 * Moves every sequence behind a column of these tables past the column's largest value, so
 * the next row the database numbers itself does not collide with a copied one. Returns
 * "table.column" for each. (No model uses autoincrement today; this keeps the copy right if
 * one does.)
 */
export async function resetSequences(query: RawQuery, tables: string[]): Promise<string[]> {
  const columns = await query<{ table: string; column: string; sequence: string }>(
    `SELECT c.relname::text AS "table", a.attname::text AS "column", pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS "sequence"
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relname::text = ANY($1::text[]) AND a.attnum > 0 AND NOT a.attisdropped
        AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL
      ORDER BY 1, 2`,
    [tables],
  );
  for (const s of columns) {
    await query(`SELECT setval($1::regclass, COALESCE((SELECT MAX(${quoteIdent(s.column)}) FROM ${quoteIdent(s.table)}), 0) + 1, false)`, [s.sequence]);
  }
  return columns.map((s) => `${s.table}.${s.column}`);
}

/** Column name -> SQL type (format_type) of a table in the current schema. */
export async function columnTypes(query: RawQuery, table: string): Promise<Map<string, string>> {
  const rows = await query<{ column: string; type: string }>(
    `SELECT a.attname::text AS "column", format_type(a.atttypid, a.atttypmod) AS "type"
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relname::text = $1 AND a.attnum > 0 AND NOT a.attisdropped`,
    [table],
  );
  return new Map(rows.map((r) => [r.column, r.type]));
}

/**
 * One batch as ONE statement: `INSERT … SELECT * FROM unnest($1::type[], $2::type[], …)`, a
 * parameter per column (an array of that column's values), typed from the target's own
 * catalog. Values are passed as the app wrote them: dates as ISO 8601 UTC text with
 * milliseconds (the columns are TIMESTAMP(3) holding UTC, as Prisma writes them), BigInt
 * as decimal text, everything else as it is.
 *
 * Why not Prisma's createMany: it builds a statement with a parameter per value, which cost
 * about 2 ms a row here (5-7 times this); and every query through Prisma (its client, and
 * @prisma/adapter-pg) is kept, arguments included, in @prisma/debug's history of the last
 * 100 calls, so 100 batches of e-mail HTML stayed in memory (1 GB RSS copying 340k rows).
 * The writes go through a plain `pg` connection instead; reads and verification through
 * Prisma, as the app reads.
 */
export type Inserter = { columns: string[]; sql: string };

export function inserter(m: Pick<ModelInfo, "model" | "table" | "fields">, types: Map<string, string>): Inserter {
  const missing = m.fields.filter((f) => !types.has(f.name)).map((f) => f.name);
  if (missing.length) {
    throw new CopyRefused(
      `${m.model}: the target's table ${m.table} has no column named ${missing.join(", ")} (a @map on a field?). lib/db/copy.ts writes each field to the column of the same name.`,
    );
  }
  const columns = m.fields.map((f) => f.name);
  const sql =
    `INSERT INTO ${quoteIdent(m.table)} (${columns.map(quoteIdent).join(", ")}) ` +
    `SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${types.get(c)}[]`).join(", ")})`;
  return { columns, sql };
}

export function toParameter(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "bigint") return v.toString();
  // Bytes (people photos): pg writes a Buffer in an array parameter as bytea hex, not a plain Uint8Array.
  if (v instanceof Uint8Array && !Buffer.isBuffer(v)) return Buffer.from(v);
  return v;
}

async function insertBatch(client: pg.ClientBase, ins: Inserter, rows: Row[], overrides: Row = {}) {
  const params = ins.columns.map((c) => (Object.hasOwn(overrides, c) ? rows.map(() => overrides[c]) : rows.map((r) => toParameter(r[c]))));
  const { rowCount } = await client.query(ins.sql, params);
  if (rowCount !== rows.length) throw new Error(`${rows.length} rows sent, ${rowCount} inserted.`);
}

/** Where a batch PostgreSQL refused holds text it cannot store (U+0000), if anywhere. */
function nulCharacters(m: PlannedModel, rows: Row[]): string[] {
  const found: string[] = [];
  for (const row of rows) {
    for (const f of m.fields) {
      const v = row[f.name];
      if (typeof v === "string" && v.includes("\u0000")) found.push(`${m.model} ${String(row[m.rule.pageBy])} ${f.name}`);
    }
  }
  return found;
}

function batchError(m: PlannedModel, rows: Row[], after: unknown, error: unknown): Error {
  const nul = nulCharacters(m, rows);
  const where = after === undefined ? "in its first batch" : `in the batch after ${m.rule.pageBy} ${JSON.stringify(after)}`;
  const reason = error instanceof Error ? error.message.trim() : String(error);
  const hint = nul.length
    ? `\nThese values contain the character U+0000 (NUL), which PostgreSQL cannot store in text: ${nul.slice(0, 10).join("; ")}${nul.length > 10 ? ` (and ${nul.length - 10} more)` : ""}. Remove it in the source and run the command again.`
    : "";
  return new Error(`Copying ${m.model} failed ${where}: ${reason}${hint}`, { cause: error });
}

/** Reads a model's rows from the source a page at a time, in order of its `pageBy` field. */
async function* pages(source: object, m: ModelInfo, pageBy: string, batchSize: number, where?: object, select?: object): AsyncGenerator<Row[]> {
  let after: unknown = undefined;
  for (;;) {
    const cursor = after === undefined ? undefined : { [pageBy]: { gt: after } };
    const rows = await delegateOf(source, m).findMany({
      where: where && cursor ? { AND: [where, cursor] } : (where ?? cursor ?? {}),
      orderBy: { [pageBy]: "asc" },
      take: batchSize,
      ...(select ? { select } : {}),
    });
    if (rows.length) yield rows;
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1][pageBy];
  }
}

/**
 * Copies every model with a copy rule from `source` (SQLite) into the PostgreSQL database at
 * `targetUrl`, in one transaction. Refuses (CopyRefused, nothing written) when either
 * side's migrations do not match this version of the app, or the target holds rows and
 * `truncate` is not set. Any other failure rolls the transaction back: the target is left as
 * it was, and the copy can be run again.
 */
export async function copyDatabase(o: CopyOptions): Promise<CopyResult> {
  const started = performance.now();
  const batchSize = o.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new CopyRefused("The batch size must be a whole number of at least 1.");
  const infos = await checkSource(o.source, { sourceUrl: o.sourceUrl, sqliteMigrations: o.sqliteMigrations, rules: o.rules });
  const client = await connectPg(o.targetUrl);
  const query = pgQuery(client);
  try {
    checkMigrations(await migrationState(query, "postgres", o.postgresMigrations ?? path.resolve(POSTGRES_MIGRATIONS)), "target", o.targetUrl);
    const plan = copyPlan(infos, await foreignKeys(query));
    const skipped = infos.filter((m) => !m.rule.copy).map((m) => ({ model: m.model, why: (m.rule as { why: string }).why }));
    const tables = infos.map((m) => m.table);

    await client.query("BEGIN");
    try {
      // No one else writes to these tables until the copy commits (reads go on).
      await client.query(`LOCK TABLE ${tables.map(quoteIdent).join(", ")} IN EXCLUSIVE MODE`);
      if (o.truncate) {
        await client.query(`TRUNCATE TABLE ${tables.map(quoteIdent).join(", ")}`);
      } else {
        const busy = await nonEmptyTables(query, infos);
        if (busy.length) {
          throw new CopyRefused(
            `The target already holds data: ${busy.map((b) => `${b.model} ${b.rows} row(s)`).join(", ")}. Nothing was copied.\n` +
              `Copy into an empty database, or pass --truncate to delete everything in these tables first (in the same transaction as the copy).`,
          );
        }
      }
      o.onPlan?.(plan, skipped);

      const models: CopyResult["models"] = [];
      for (const m of plan) {
        const t0 = performance.now();
        const total = await delegateOf(o.source, m).count();
        const types = await columnTypes(query, m.table);
        const ins = inserter(m, types);
        // Self-references are set in a second pass, once every row they can point to exists.
        const nulls = Object.fromEntries(m.selfRefs.map((c) => [c, null]));
        let done = 0;
        let after: unknown = undefined;
        o.onProgress?.({ model: m.model, done, total });
        for await (const rows of pages(o.source, m, m.rule.pageBy, batchSize)) {
          try {
            await insertBatch(client, ins, rows, nulls);
          } catch (error) {
            throw batchError(m, rows, after, error);
          }
          after = rows[rows.length - 1][m.rule.pageBy];
          done += rows.length;
          o.onProgress?.({ model: m.model, done, total });
        }
        for (const column of m.selfRefs) {
          const sql =
            `UPDATE ${quoteIdent(m.table)} AS t SET ${quoteIdent(column)} = v.ref ` +
            `FROM unnest($1::${types.get(m.rule.pageBy)}[], $2::${types.get(column)}[]) AS v(key, ref) WHERE t.${quoteIdent(m.rule.pageBy)} = v.key`;
          const select = { [m.rule.pageBy]: true, [column]: true };
          for await (const rows of pages(o.source, m, m.rule.pageBy, batchSize, { [column]: { not: null } }, select)) {
            await client.query(sql, [rows.map((r) => toParameter(r[m.rule.pageBy])), rows.map((r) => toParameter(r[column]))]);
          }
        }
        models.push({ model: m.model, rows: done, ms: performance.now() - t0 });
      }
      const sequences = await resetSequences(query, tables);
      await client.query("COMMIT");
      const rows = models.reduce((n, m) => n + m.rows, 0);
      return { models, sequences, rows, ms: performance.now() - started, truncated: !!o.truncate };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      if (error instanceof CopyRefused) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`${message}\nThe copy was rolled back: the target is as it was before. Fix the cause and run the command again.`, { cause: error });
    }
  } finally {
    await client.end().catch(() => {});
  }
}

// ---- verifying ---------------------------------------------------------------------------

export type ModelCheck = {
  model: ModelName;
  copied: boolean;
  source: number;
  target: number;
  /** Rows compared field by field. */
  compared: number;
  /** The first few differences found ("Lead ck…: name \"Zoë\" ≠ \"Zo\""). */
  differences: string[];
  ok: boolean;
};
export type VerifyResult = { ok: boolean; models: ModelCheck[]; ms: number };

export type VerifyOptions = {
  source: Db;
  target: Db;
  /** Compare this many random rows per model instead of all of them. */
  sample?: number;
  batchSize?: number;
  rules?: Record<string, CopyRule>;
  /** Differences listed per model (all are counted). */
  maxDifferences?: number;
  onProgress?: (p: CopyProgress) => void;
};

/** Same value as the app reads it: dates by instant, everything else exactly. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.compare(a, b) === 0;
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

function show(v: unknown): string {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString();
  if (typeof v === "bigint") return `${v}n`;
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** Field-by-field differences between a source row and its copy. */
export function rowDifferences(m: Pick<ModelInfo, "fields">, a: Row, b: Row): string[] {
  return m.fields.filter((f) => !sameValue(a[f.name], b[f.name])).map((f) => `${f.name} ${show(a[f.name])} ≠ ${show(b[f.name])}`);
}

/**
 * Compares the target with the source: row counts of every model, and rows field by field
 * (all of them, or `sample` random ones per model), looked up by each model's `pageBy` key.
 */
export async function verifyCopy(o: VerifyOptions): Promise<VerifyResult> {
  const started = performance.now();
  const batchSize = o.batchSize ?? DEFAULT_BATCH_SIZE;
  const maxDifferences = o.maxDifferences ?? 5;
  const infos = modelInfos(o.source, o.rules);
  const models: ModelCheck[] = [];
  for (const m of infos) {
    const source = await delegateOf(o.source, m).count();
    const target = await delegateOf(o.target, m).count();
    const check: ModelCheck = { model: m.model, copied: m.rule.copy, source, target, compared: 0, differences: [], ok: true };
    let differences = 0;
    const note = (d: string) => {
      differences++;
      if (check.differences.length < maxDifferences) check.differences.push(d);
    };
    if (m.rule.copy) {
      const pageBy = m.rule.pageBy;
      const compare = async (rows: Row[]) => {
        const keys = rows.map((r) => r[pageBy]);
        const copies = await delegateOf(o.target, m).findMany({ where: { [pageBy]: { in: keys } } });
        const byKey = new Map(copies.map((r) => [r[pageBy], r]));
        for (const row of rows) {
          const copy = byKey.get(row[pageBy]);
          if (!copy) note(`${show(row[pageBy])}: missing in the target`);
          else for (const d of rowDifferences(m, row, copy)) note(`${show(row[pageBy])}: ${d}`);
        }
        check.compared += rows.length;
        o.onProgress?.({ model: m.model, done: check.compared, total: o.sample ? Math.min(o.sample, source) : source });
      };
      if (o.sample !== undefined) {
        const picked = await o.source.$queryRawUnsafe<{ k: unknown }[]>(
          `SELECT ${quoteIdent(pageBy)} AS k FROM ${quoteIdent(m.table)} ORDER BY random() LIMIT ${Math.max(0, Math.floor(o.sample))}`,
        );
        for (let i = 0; i < picked.length; i += batchSize) {
          const keys = picked.slice(i, i + batchSize).map((p) => p.k);
          await compare(await delegateOf(o.source, m).findMany({ where: { [pageBy]: { in: keys } } }));
        }
      } else {
        for await (const rows of pages(o.source, m, pageBy, batchSize)) await compare(rows);
      }
      if (source !== target) note(`${source} row(s) in the source, ${target} in the target`);
    }
    check.ok = differences === 0;
    if (differences > check.differences.length) check.differences.push(`… ${differences - check.differences.length} more`);
    models.push(check);
  }
  return { ok: models.every((m) => m.ok), models, ms: performance.now() - started };
}

/** The verification as a table: one line per model (source, target, compared, ok). */
export function formatVerifyTable(result: VerifyResult): string {
  const header = ["Model", "Source", "Target", "Compared", "OK"];
  const rows = result.models.map((m) => [
    m.model,
    m.source.toLocaleString("en-US"),
    m.target.toLocaleString("en-US"),
    m.copied ? m.compared.toLocaleString("en-US") : "skipped",
    m.ok ? "ok" : "MISMATCH",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  const out = [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];
  for (const m of result.models) for (const d of m.differences) out.push(`  ${m.model} ${d}`);
  return out.join("\n");
}
