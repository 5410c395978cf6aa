import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPgDatabaseSync, dropPgDatabaseSync, dropPgDatabasesLikeSync, onPostgres, pgUrl, randomDbName } from "./pg-admin";

/**
 * Migrates one template database per test run with the real migrations (`prisma migrate
 * deploy`); each test file then works on its own copy (tests/helpers/test-db.ts).
 *
 * - SQLite (the default): a template file in a temporary folder.
 * - PostgreSQL (`TEST_DATABASE=postgres`): a template database on the machine's server,
 *   dropped at the end of the run with every copy made from it.
 */
export default function setup() {
  const prisma = path.resolve("node_modules/.bin/prisma");
  if (onPostgres()) {
    const template = randomDbName("loomstack_tpl");
    createPgDatabaseSync(template);
    try {
      execFileSync(prisma, ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: pgUrl(template) }, stdio: "pipe" });
    } catch (error) {
      dropPgDatabaseSync(template);
      throw error;
    }
    process.env.LOOMSTACK_TEST_PG_TEMPLATE = template;
    return () => {
      dropPgDatabaseSync(template);
      dropPgDatabasesLikeSync(`${template}_c_%`);
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "loomstack-test-"));
  const template = path.join(dir, "template.db");
  execFileSync(prisma, ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${template}` },
    stdio: "pipe",
  });
  process.env.LOOMSTACK_TEST_TEMPLATE_DB = template;
  return () => rmSync(dir, { recursive: true, force: true });
}
