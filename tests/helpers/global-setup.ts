import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Migrates one template SQLite file per test run with the real migrations (`prisma migrate
 * deploy`); each test file then works on its own copy (tests/helpers/test-db.ts).
 */
export default function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), "loomstack-test-"));
  const template = path.join(dir, "template.db");
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${template}` },
    stdio: "pipe",
  });
  process.env.LOOMSTACK_TEST_TEMPLATE_DB = template;
  return () => rmSync(dir, { recursive: true, force: true });
}
