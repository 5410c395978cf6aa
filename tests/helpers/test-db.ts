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
    return connect(pgUrl(name), "postgres", () => dropPgDatabaseSync(name), { pg: { max: 5 } });
  }
  const template = process.env.LOOMSTACK_TEST_TEMPLATE_DB;
  if (!template) throw new Error("tests/helpers/global-setup.ts did not run");
  const dir = mkdtempSync(path.join(tmpdir(), "loomstack-db-"));
  const file = path.join(dir, "test.db");
  copyFileSync(template, file);
  return connect(`file:${file}`, "sqlite", () => rmSync(dir, { recursive: true, force: true }));
}

/** A client on the copy; `cleanup` disconnects it, then removes the copy. */
function connect(url: string, provider: TestDb["provider"], remove: () => void, options?: Parameters<typeof createDb>[1]): TestDb {
  const db = createDb(url, options);
  return {
    db,
    url,
    provider,
    cleanup: async () => {
      await db.$disconnect();
      remove();
    },
  };
}
