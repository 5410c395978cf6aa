/**
 * `npm run site`'s setup step (scripts/demo-setup.ts), run as a script in a scratch folder
 * on a fresh database: the address it prints is the one the server will use (PORT).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { PROJECT_ROOT, serverBaseEnv } from "../helpers/app-server";
import { createTestDb } from "../helpers/test-db";

const t = createTestDb();
const dir = mkdtempSync(path.join(tmpdir(), "loomstack-demo-"));
afterAll(async () => {
  await t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function runSetup(env: Record<string, string | undefined>): string {
  const base = serverBaseEnv();
  for (const k of ["SITE_URL", "NEXT_PUBLIC_SITE_URL", "PORT", "BETTER_AUTH_SECRET"]) delete base[k];
  return execFileSync(path.join(PROJECT_ROOT, "node_modules/.bin/tsx"), [path.join(PROJECT_ROOT, "scripts/demo-setup.ts")], {
    cwd: dir,
    env: { ...base, DATABASE_URL: t.url, ...env } as NodeJS.ProcessEnv,
    encoding: "utf8",
  });
}

it("prints the address on the port the site will be served on (PORT=3930), not 3000", () => {
  const out = runSetup({ PORT: "3930" });
  expect(out).toContain("The site: http://localhost:3930");
  expect(out).toContain("Staff console: http://localhost:3930/console");
  expect(out).not.toContain(":3000");
  // It made the demo admin and a secret for sessions, in the folder it ran in.
  expect(readFileSync(path.join(dir, ".demo-admin.txt"), "utf8")).toMatch(/^admin@loomstack\.example\n/);
  expect(readFileSync(path.join(dir, ".env"), "utf8")).toMatch(/^BETTER_AUTH_SECRET=.{32,}$/m);
}, 60_000);

it("with SITE_URL set, says links use it", () => {
  const out = runSetup({ PORT: "3931", SITE_URL: "https://www.loomstack.example" });
  expect(out).toContain("Staff console: http://localhost:3931/console");
  expect(out).toContain("Links in pages and emails use SITE_URL: https://www.loomstack.example");
}, 60_000);

it("makes the demo admin an advisor, Monday to Friday 09:00 to 17:00 Chicago time, so /book has slots", async () => {
  const admin = await t.db.user.findUniqueOrThrow({ where: { email: "admin@loomstack.example" }, include: { advisor: true } });
  expect(admin.advisor?.timeZone).toBe("America/Chicago");
  expect(JSON.parse(admin.advisor?.weeklyHours ?? "[]")).toEqual([1, 2, 3, 4, 5].map((day) => ({ day, start: "09:00", end: "17:00" })));
});
