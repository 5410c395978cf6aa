import type { Db } from "../db";
import { flag, sqlOutside } from "../db/sql";

/**
 * The forms' checks against the database (`check` in each definition), as typed SQL: they run
 * on every submission, before its transaction (lib/db/sql.ts, docs/performance.md).
 */

/** Whether a published program has this slug. */
export async function isPublishedProgram(db: Db, slug: string): Promise<boolean> {
  const sql = sqlOutside(db);
  return (
    (await sql.first(sql.q.selectFrom("Program").select("id").where("slug", "=", slug).where("published", "=", flag(true)).limit(1).compile())) !== undefined
  );
}

/** How many of these slugs are published programs (each counted once). */
export async function countPublishedPrograms(db: Db, slugs: readonly string[]): Promise<number> {
  if (slugs.length === 0) return 0;
  const sql = sqlOutside(db);
  const rows = await sql.all(
    sql.q
      .selectFrom("Program")
      .select("slug")
      .where("slug", "in", [...new Set(slugs)])
      .where("published", "=", flag(true))
      .compile(),
  );
  return rows.length;
}

export type CohortForm = { name: string; status: string; startDate: Date };

/** The cohort with this id, if it belongs to the published program with this slug. */
export async function cohortOfPublishedProgram(db: Db, cohortId: string, programSlug: string): Promise<CohortForm | undefined> {
  const sql = sqlOutside(db);
  const row = await sql.first(
    sql.q
      .selectFrom("Cohort")
      .innerJoin("Program", "Program.id", "Cohort.programId")
      .select(["Cohort.name", "Cohort.status", "Cohort.startDate"])
      .where("Cohort.id", "=", cohortId)
      .where("Program.slug", "=", programSlug)
      .where("Program.published", "=", flag(true))
      .compile(),
  );
  if (!row) return undefined;
  const startDate = sql.date(row.startDate);
  if (!startDate) throw new Error(`cohort ${cohortId} has an unreadable start date`);
  return { name: row.name, status: row.status, startDate };
}
