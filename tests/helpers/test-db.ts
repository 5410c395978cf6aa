import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, type Db } from "@/lib/db";
import { createPgDatabaseSync, dropPgDatabaseSync, onPostgres, pgUrl, randomDbName } from "./pg-admin";

export type TestDb = { db: Db; url: string; provider: "sqlite" | "postgres"; cleanup: () => Promise<void> };

/**
 * A fresh, migrated database for one test file. Call `cleanup` in afterAll.
 * SQLite by default (a copy of the run's template file); PostgreSQL when the run has
 * TEST_DATABASE=postgres (a database copied from the run's template database, dropped by
 * `cleanup`).
 */
export function createTestDb(): TestDb {
  if (onPostgres()) {
    const template = process.env.LOOMSTACK_TEST_PG_TEMPLATE;
    if (!template) throw new Error("tests/helpers/global-setup.ts did not run");
    // Named after the template, so the run's teardown can drop copies a crashed file left.
    const name = randomDbName(`${template}_c`);
    createPgDatabaseSync(name, template);
    const url = pgUrl(name);
    const db = createDb(url, { pg: { max: 5 } });
    return {
      db,
      url,
      provider: "postgres",
      cleanup: async () => {
        await db.$disconnect();
        dropPgDatabaseSync(name);
      },
    };
  }
  const template = process.env.LOOMSTACK_TEST_TEMPLATE_DB;
  if (!template) throw new Error("tests/helpers/global-setup.ts did not run");
  const dir = mkdtempSync(path.join(tmpdir(), "loomstack-db-"));
  const file = path.join(dir, "test.db");
  copyFileSync(template, file);
  const url = `file:${file}`;
  const db = createDb(url);
  return {
    db,
    url,
    provider: "sqlite",
    cleanup: async () => {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
