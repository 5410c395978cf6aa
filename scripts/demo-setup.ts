/**
 * The local demo (`npm run site`): makes sure .env has a BETTER_AUTH_SECRET, and that the
 * database has a staff admin to sign in with. The demo admin gets a random password, kept
 * in .demo-admin.txt (git-ignored) and printed on every run. Nothing here runs in a
 * deployment; there, make the first admin with `npm run staff:create`.
 *
 * The demo admin is also an advisor (Monday to Friday, 09:00 to 17:00 Chicago time, every
 * call type), so /book offers slots out of the box; change it at /console/calls/availability.
 *
 * The address printed is where `npm start` will serve: PORT (default 3000). With SITE_URL
 * unset, the build that follows bakes the same address into its links (siteUrl()).
 */
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { loadDotEnv } from "../lib/load-env";

const ENV_FILE = ".env";
const CREDENTIALS_FILE = ".demo-admin.txt";
const DEMO_EMAIL = "admin@loomstack.example";

if (!/^BETTER_AUTH_SECRET=/m.test(existsSync(ENV_FILE) ? readFileSync(ENV_FILE, "utf8") : "") && !process.env.BETTER_AUTH_SECRET) {
  appendFileSync(
    ENV_FILE,
    `\n# Written by npm run site (scripts/demo-setup.ts): signs staff sessions.\nBETTER_AUTH_SECRET=${randomBytes(32).toString("base64url")}\n`,
  );
  console.log("Wrote a random BETTER_AUTH_SECRET to .env.");
}
loadDotEnv();
const { siteUrl } = await import("../lib/site-config");
const localUrl = `http://localhost:${process.env.PORT?.trim() || "3000"}`;

const { createDb } = await import("../lib/db");
const { authSecret, createAuth, createStaffUser } = await import("../lib/auth/auth");
const { ensureAdvisor, OFFICE_HOURS } = await import("../lib/console/availability");
const db = createDb();
try {
  if ((await db.user.count()) === 0) {
    const password = randomBytes(12).toString("base64url");
    const auth = createAuth({ db, secret: authSecret(), baseURL: siteUrl() });
    await createStaffUser(auth, { email: DEMO_EMAIL, name: "Demo Admin", password, role: "admin" });
    writeFileSync(CREDENTIALS_FILE, `${DEMO_EMAIL}\n${password}\n`, { mode: 0o600 });
  }
  const demo = await db.user.findUnique({ where: { email: DEMO_EMAIL }, select: { id: true } });
  if (demo && (await ensureAdvisor(db, { userId: demo.id, timeZone: "America/Chicago", weeklyHours: OFFICE_HOURS }))) {
    console.log("The demo admin takes calls Monday to Friday, 09:00 to 17:00 Chicago time (/console/calls/availability).");
  }
  if (existsSync(CREDENTIALS_FILE)) {
    const [email, password] = readFileSync(CREDENTIALS_FILE, "utf8").split("\n");
    console.log(`\nThe site: ${localUrl}\nStaff console: ${localUrl}/console\n  demo admin: ${email}\n  password:   ${password}\n`);
    if (siteUrl() !== localUrl) console.log(`Links in pages and emails use SITE_URL: ${siteUrl()}\n`);
  }
} finally {
  await db.$disconnect();
}
