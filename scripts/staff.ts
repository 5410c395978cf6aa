/**
 * Staff accounts from the command line.
 *
 *   npm run staff:create -- --email ana@loomstack.example --name "Ana Admin" --role admin
 *       Creates an account. The password comes from STAFF_PASSWORD, or a random one is
 *       generated and printed once. This is how the first admin is made; after that,
 *       admins add staff in the console (/console/staff).
 *   npm run staff:password -- --email ana@loomstack.example
 *       Sets a new password (STAFF_PASSWORD, or a random one printed once) and signs the
 *       account out everywhere.
 */
import { randomBytes } from "node:crypto";
import { loadDotEnv } from "../lib/load-env";

loadDotEnv();
const { createDb } = await import("../lib/db");
const { authSecret, createAuth, createStaffUser } = await import("../lib/auth/auth");
const { isRole } = await import("../lib/auth/roles");

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const command = process.argv[2];
const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};

const db = createDb();
const auth = createAuth({ db, secret: authSecret(), baseURL: process.env.SITE_URL || "http://localhost:3000" });
const generated = !process.env.STAFF_PASSWORD;
const password = process.env.STAFF_PASSWORD || randomBytes(12).toString("base64url");

try {
  const email = arg("email")?.trim().toLowerCase() || fail("--email is required");
  if (command === "create") {
    const name = arg("name")?.trim() || fail("--name is required");
    const role = arg("role") ?? "staff";
    if (!isRole(role)) fail("--role must be admin or staff");
    await createStaffUser(auth, { email, name, password, role: role as "admin" | "staff" });
    console.log(`Created ${role} account ${email}.`);
  } else if (command === "password") {
    const ctx = await auth.$context;
    const user = (await ctx.internalAdapter.findUserByEmail(email))?.user ?? fail(`No staff account for ${email}.`);
    if (password.length < 12) fail("Use a password of at least 12 characters.");
    await ctx.internalAdapter.updatePassword(user.id, await ctx.password.hash(password));
    await ctx.internalAdapter.deleteUserSessions(user.id);
    console.log(`New password set for ${email}; its sessions were signed out.`);
  } else {
    fail("Usage: staff.ts create|password --email ... [--name ... --role admin|staff]");
  }
  if (generated) console.log(`Password (shown once): ${password}`);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
} finally {
  await db.$disconnect();
}
