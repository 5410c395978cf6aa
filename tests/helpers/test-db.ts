import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, type Db } from "@/lib/db";

/** A fresh, migrated SQLite file for one test file. Call `cleanup` in afterAll. */
export function createTestDb(): { db: Db; url: string; cleanup: () => Promise<void> } {
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
    cleanup: async () => {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
