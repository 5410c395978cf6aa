import { dbProvider, type Db } from "../db";
import type { LeadType } from "../leads/form-types";

/**
 * The dashboard's rollups (prisma/schema.prisma: LeadRollup, LeadFunnelRollup,
 * LeadContactRollup): the SQL that keeps them and the SQL that rebuilds them, for SQLite and
 * PostgreSQL. They are kept by triggers on "Lead", so every write that creates, changes or
 * deletes a lead (the form pipeline, console actions, bulk updates, seeds, scripts) updates
 * them in its own transaction, without each write path having to remember to.
 *
 * The migration that created the tables holds this file's output (`rollupMigrationSql`); a
 * test checks they stay the same, and `npm run db:rebuild-rollups` re-installs the triggers
 * and recounts from "Lead" (docs/console.md, "Dashboard").
 */

/** The forms whose posts are leads on the dashboard: someone asking to study, talk or come. */
export const INTENT_LEAD_TYPES = ["enroll", "quote", "callback", "booking", "event", "syllabus"] as const satisfies readonly LeadType[];
export type IntentLeadType = (typeof INTENT_LEAD_TYPES)[number];
export const isIntent = (t: string): t is IntentLeadType => (INTENT_LEAD_TYPES as readonly string[]).includes(t);

export type Grain = "h" | "d" | "m";
export const GRAINS: readonly Grain[] = ["h", "d", "m"];

/**
 * Time to first contact in steps: a minute under an hour, 5 minutes to 6 hours, 30 minutes to
 * 2 days, 6 hours to 30 days, then a day. The median is found to its step (shown as the step's
 * middle), which is finer than the dashboard shows durations.
 */
const STEPS = [
  { fromMin: 0, width: 1, first: 0 },
  { fromMin: 60, width: 5, first: 60 },
  { fromMin: 360, width: 30, first: 120 },
  { fromMin: 2880, width: 360, first: 204 },
  { fromMin: 43_200, width: 1440, first: 316 },
] as const;

export function contactStep(durationMs: number): number {
  const m = Math.floor(Math.max(0, durationMs) / 60_000);
  for (let i = STEPS.length - 1; i >= 0; i--) if (m >= STEPS[i].fromMin) return STEPS[i].first + Math.floor((m - STEPS[i].fromMin) / STEPS[i].width);
  return 0;
}

/** The middle of a step, in ms. */
export function contactStepMiddleMs(step: number): number {
  for (let i = STEPS.length - 1; i >= 0; i--) {
    const s = STEPS[i];
    if (step >= s.first) return (s.fromMin + (step - s.first) * s.width + s.width / 2) * 60_000;
  }
  return 0;
}

/** contactStep in SQL, for an integer number of whole minutes `m`. */
function stepSql(m: string): string {
  const cases = STEPS.slice(0, -1).map((s, i) => `WHEN ${m} < ${STEPS[i + 1].fromMin} THEN ${s.first} + (${m} - ${s.fromMin}) / ${s.width}`);
  const last = STEPS[STEPS.length - 1];
  return `CASE ${cases.join(" ")} ELSE ${last.first} + (${m} - ${last.fromMin}) / ${last.width} END`;
}

type Dialect = "sqlite" | "postgres";

/** SQL for the start of `grain` around the timestamp `x`, in whole hours since 1970 (UTC). */
function bucketSql(d: Dialect, grain: string, x: string): string {
  if (d === "sqlite") {
    // Prisma's SQLite adapter writes DateTime as ISO 8601 text ("2026-06-15T12:34:56.789+00:00").
    const start = (len: number, tail: string) => `CAST(strftime('%s', substr(${x}, 1, ${len}) || '${tail}') AS INTEGER) / 3600`;
    return `CASE ${grain} WHEN 'h' THEN ${start(13, ":00:00")} WHEN 'd' THEN ${start(10, "")} ELSE ${start(7, "-01")} END`;
  }
  const start = (unit: string) => `CAST(EXTRACT(EPOCH FROM date_trunc('${unit}', ${x})) AS BIGINT) / 3600`;
  return `CAST(CASE ${grain} WHEN 'h' THEN ${start("hour")} WHEN 'd' THEN ${start("day")} ELSE ${start("month")} END AS INTEGER)`;
}

function msSql(d: Dialect, x: string): string {
  return d === "sqlite"
    ? `(CAST(strftime('%s', substr(${x}, 1, 19)) AS INTEGER) * 1000 + CAST(substr(${x}, 21, 3) AS INTEGER))`
    : `CAST(EXTRACT(EPOCH FROM ${x}) * 1000 AS BIGINT)`;
}

const grainsSql = `(SELECT 'h' AS "g" UNION ALL SELECT 'd' UNION ALL SELECT 'm')`;
const intentSql = INTENT_LEAD_TYPES.map((t) => `'${t}'`).join(", ");

/**
 * The three upserts that add `n` (a number, or a SQL expression) for the lead `r` (NEW, OLD,
 * or PostgreSQL's row variable). With `rebuild`, they count every row of "Lead" (aliased `r`)
 * into empty tables instead.
 */
function upserts(d: Dialect, r: string, n: string, rebuild = false): string[] {
  // Always a WHERE: SQLite needs one between INSERT … SELECT and ON CONFLICT.
  const where = (cond: string) => `WHERE ${cond}`;
  const from = rebuild ? `FROM "Lead" ${r} CROSS JOIN ${grainsSql} g` : `FROM ${grainsSql} g`;
  const count = rebuild ? "COUNT(*)" : n;
  const group = (cols: number) => (rebuild ? ` GROUP BY ${Array.from({ length: cols }, (_, i) => i + 1).join(", ")}` : "");
  const onConflict = (table: string, key: string) => (rebuild ? "" : ` ON CONFLICT (${key}) DO UPDATE SET "n" = "${table}"."n" + excluded."n"`);
  const created = bucketSql(d, `g."g"`, `${r}."createdAt"`);
  const contacted = bucketSql(d, `g."g"`, `${r}."firstContactedAt"`);
  const minutes = `(${d === "sqlite" ? "max" : "greatest"}(0, ${msSql(d, `${r}."firstContactedAt"`)} - ${msSql(d, `${r}."createdAt"`)}) / 60000)`;
  return [
    `INSERT INTO "LeadRollup" ("grain", "bucket", "formType", "status", "ownerId", "n")
  SELECT g."g", ${created}, ${r}."formType", ${r}."status", COALESCE(${r}."ownerId", ''), ${count}
  ${from} ${where("true")}${group(5)}${onConflict("LeadRollup", `"grain", "bucket", "formType", "status", "ownerId"`)}`,
    `INSERT INTO "LeadFunnelRollup" ("grain", "bucket", "dimension", "value", "status", "n")
  SELECT g."g", ${created}, dm."dimension",
    COALESCE(CASE dm."dimension" WHEN 'source' THEN ${r}."utmSource" WHEN 'article' THEN ${r}."article" ELSE ${r}."cta" END, ''), ${r}."status", ${count}
  ${from} CROSS JOIN (SELECT 'source' AS "dimension" UNION ALL SELECT 'article' UNION ALL SELECT 'cta') dm
  ${where(`${r}."formType" IN (${intentSql})`)}${group(5)}${onConflict("LeadFunnelRollup", `"grain", "bucket", "dimension", "value", "status"`)}`,
    `INSERT INTO "LeadContactRollup" ("grain", "bucket", "ownerId", "step", "n")
  SELECT g."g", ${contacted}, COALESCE(${r}."ownerId", ''), ${stepSql(minutes)}, ${count}
  ${from} ${where(`${r}."formType" IN (${intentSql}) AND ${r}."firstContactedAt" IS NOT NULL`)}${group(4)}${onConflict("LeadContactRollup", `"grain", "bucket", "ownerId", "step"`)}`,
  ];
}

/** The columns a rollup keys on: an update that changes none of them changes no rollup. */
const KEY_COLUMNS = ["createdAt", "formType", "status", "ownerId", "utmSource", "article", "cta", "firstContactedAt"];

export const ROLLUP_TABLES = ["LeadRollup", "LeadFunnelRollup", "LeadContactRollup"] as const;
const TRIGGERS = ["lead_rollup_insert", "lead_rollup_update", "lead_rollup_delete"];

/**
 * A function body as a string constant without a literal ";": Prisma's PostgreSQL adapter
 * runs a migration by splitting its text at every ";" (so no $$ bodies), and E'' strings
 * spell it \073.
 */
const pgBody = (body: string) => `E'${body.replace(/\\/g, "\\\\").replace(/'/g, "''").replace(/;/g, "\\073")}'`;

/** Statements that (re)create the triggers. */
export function rollupTriggerSql(d: Dialect): string[] {
  const changed = KEY_COLUMNS.map((c) => `OLD."${c}" IS ${d === "sqlite" ? "NOT" : "DISTINCT FROM"} NEW."${c}"`).join(" OR ");
  const cols = KEY_COLUMNS.map((c) => `"${c}"`).join(", ");
  if (d === "sqlite") {
    const body = (parts: string[]) => parts.map((s) => `  ${s};`).join("\n");
    return [
      ...TRIGGERS.map((t) => `DROP TRIGGER IF EXISTS "${t}"`),
      `CREATE TRIGGER "lead_rollup_insert" AFTER INSERT ON "Lead" BEGIN\n${body(upserts(d, "NEW", "1"))}\nEND`,
      `CREATE TRIGGER "lead_rollup_update" AFTER UPDATE OF ${cols} ON "Lead" WHEN ${changed} BEGIN\n${body([...upserts(d, "OLD", "-1"), ...upserts(d, "NEW", "1")])}\nEND`,
      `CREATE TRIGGER "lead_rollup_delete" AFTER DELETE ON "Lead" BEGIN\n${body(upserts(d, "OLD", "-1"))}\nEND`,
    ];
  }
  const bump = upserts(d, "r", "delta")
    .map((s) => `  ${s};`)
    .join("\n");
  return [
    ...TRIGGERS.map((t) => `DROP TRIGGER IF EXISTS "${t}" ON "Lead"`),
    `CREATE OR REPLACE FUNCTION lead_rollup_bump(r "Lead", delta INTEGER) RETURNS void LANGUAGE plpgsql AS ${pgBody(`
BEGIN
${bump}
END;
`)}`,
    `CREATE OR REPLACE FUNCTION lead_rollup_trigger() RETURNS trigger LANGUAGE plpgsql AS ${pgBody(`
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM lead_rollup_bump(OLD, -1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM lead_rollup_bump(NEW, 1); END IF;
  RETURN NULL;
END;
`)}`,
    `CREATE TRIGGER "lead_rollup_insert" AFTER INSERT ON "Lead" FOR EACH ROW EXECUTE FUNCTION lead_rollup_trigger()`,
    `CREATE TRIGGER "lead_rollup_update" AFTER UPDATE OF ${cols} ON "Lead" FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION lead_rollup_trigger()`,
    `CREATE TRIGGER "lead_rollup_delete" AFTER DELETE ON "Lead" FOR EACH ROW EXECUTE FUNCTION lead_rollup_trigger()`,
  ];
}

/** Statements that empty the rollups and count every lead again. */
export function rollupRebuildSql(d: Dialect): string[] {
  return [...ROLLUP_TABLES.map((t) => `DELETE FROM "${t}"`), ...upserts(d, "r", "", true)];
}

/** The data step of the migration that created the rollups: triggers, then the backfill. */
export function rollupMigrationSql(d: Dialect): string {
  const statements = [...rollupTriggerSql(d).filter((s) => !s.startsWith("DROP")), ...upserts(d, "r", "", true)];
  return `-- Dashboard rollups: triggers and backfill (generated by lib/console/rollup-sql.ts, rollupMigrationSql)\n${statements.map((s) => `${s};`).join("\n\n")}\n`;
}

/**
 * Re-installs the triggers and recounts every rollup from "Lead", in one transaction
 * (`npm run db:rebuild-rollups`): for a database whose rollups are suspect, or one where a
 * later migration rebuilt "Lead" (SQLite drops a table's triggers with it). Writes to "Lead"
 * wait meanwhile (SQLite) or are counted in (PostgreSQL locks "Lead" against writes first).
 */
export async function rebuildRollups(db: Db): Promise<{ leads: number }> {
  const d = dbProvider(db);
  return db.$transaction(
    async (tx) => {
      if (d === "postgres") await tx.$executeRawUnsafe(`LOCK TABLE "Lead" IN SHARE MODE`);
      for (const s of [...rollupTriggerSql(d), ...rollupRebuildSql(d)]) await tx.$executeRawUnsafe(s);
      return { leads: await tx.lead.count() };
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
}
