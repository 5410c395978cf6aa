import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db";
import { createStaffUser, type Auth } from "../auth/auth";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../auth/password-reset-schema";
import { ROLES, roleOf, type Role } from "../auth/roles";
import { fieldErrorsFrom } from "../leads/errors";
import { INVISIBLE_CHARS_MESSAGE, isCleanText, isSingleLine, SINGLE_LINE_MESSAGE } from "../text-checks";

/**
 * Staff accounts for admins: list, create, change role, disable / enable, reset password.
 * Accounts live in Better Auth's tables; disabling uses its admin plugin's ban fields
 * (a banned user cannot start a session) and deletes the user's sessions.
 *
 * Guard rails, checked inside one write transaction (BEGIN IMMEDIATE on SQLite) so two
 * admins acting at once cannot both pass the check:
 *  - an admin cannot disable or demote themselves;
 *  - the last active (not disabled) admin cannot be disabled or demoted;
 *  - the acting account must itself still be an active admin.
 * There is no "delete": a staff member's name stays on the leads and notes they worked
 * (deleting the user would blank those), so people who leave are disabled instead.
 */

/** The one staff password rule, shared with "Forgot password?" (lib/auth/password-reset-schema.ts). */
export const PASSWORD_MIN = MIN_PASSWORD_LENGTH;
export const PASSWORD_MAX = MAX_PASSWORD_LENGTH;
export const NAME_MAX = 100;
export const EMAIL_MAX = 254;

export const ROLE_LABELS: Record<Role, string> = { admin: "Admin", staff: "Staff" };

const posted = (v: unknown) => (typeof v === "string" ? v : "");

const nameField = z.preprocess(
  posted,
  z
    .string()
    .trim()
    .min(1, "Enter the person's name.")
    .max(NAME_MAX, `Keep the name under ${NAME_MAX} characters.`)
    .refine(isSingleLine, SINGLE_LINE_MESSAGE)
    .refine(isCleanText, INVISIBLE_CHARS_MESSAGE),
);

const emailField = z.preprocess(
  posted,
  z
    .string()
    .trim()
    .min(1, "Enter their work email address.")
    .max(EMAIL_MAX, "That email address is too long.")
    .refine(isSingleLine, SINGLE_LINE_MESSAGE)
    .toLowerCase()
    .pipe(z.email("Enter an email address like name@example.com.")),
);

export const roleField = z.preprocess(posted, z.enum(ROLES, { error: "Choose admin or staff." }));

/** Empty: generate one (shown once). Otherwise 12–128 characters, as Better Auth requires. */
export const passwordField = z.preprocess(
  posted,
  z
    .string()
    .refine((v) => v === "" || v.length >= PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters, or leave it empty to generate one.`)
    .refine((v) => v.length <= PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`),
);

export const createStaffSchema = z.object({ name: nameField, email: emailField, role: roleField, password: passwordField });
export const resetPasswordSchema = z.object({ password: passwordField });

/** 24 random URL-safe characters (144 bits). */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}

// ---------------------------------------------------------------------------------------
// Reading

export type StaffAccountRow = {
  id: string;
  name: string;
  email: string;
  role: Role | null;
  disabled: boolean;
  createdAt: Date;
  /** When the newest session that is still open started (signing out deletes a session). */
  lastSignInAt: Date | null;
  openSessions: number;
};

const USER_FIELDS = { id: true, name: true, email: true, role: true, banned: true, createdAt: true } as const;

type UserFields = { id: string; name: string; email: string; role: string | null; banned: boolean | null; createdAt: Date };
type OpenSessions = { _max: { createdAt: Date | null }; _count: { _all: number } };

function accountRow(u: UserFields, sessions: OpenSessions | undefined): StaffAccountRow {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: roleOf(u.role),
    disabled: u.banned === true,
    createdAt: u.createdAt,
    lastSignInAt: sessions?._max.createdAt ?? null,
    openSessions: sessions?._count._all ?? 0,
  };
}

export async function listStaffAccounts(db: Db, now = new Date()): Promise<StaffAccountRow[]> {
  const [users, sessions] = await Promise.all([
    db.user.findMany({ orderBy: [{ name: "asc" }, { email: "asc" }], select: USER_FIELDS }),
    db.session.groupBy({ by: ["userId"], where: { expiresAt: { gt: now } }, _max: { createdAt: true }, _count: { _all: true } }),
  ]);
  const byUser = new Map(sessions.map((s) => [s.userId, s]));
  return users.map((u) => accountRow(u, byUser.get(u.id)));
}

export async function getStaffAccount(db: Db, id: string, now = new Date()): Promise<StaffAccountRow | null> {
  if (!id || id.length > 64) return null;
  const u = await db.user.findUnique({ where: { id }, select: USER_FIELDS });
  if (!u) return null;
  const s = await db.session.aggregate({ where: { userId: id, expiresAt: { gt: now } }, _max: { createdAt: true }, _count: { _all: true } });
  return accountRow(u, s);
}

// ---------------------------------------------------------------------------------------
// Guard rails

export type Refusal = { ok: false; code: "not_found" | "self" | "last_admin" | "not_admin"; message: string };
export type ChangeOutcome = { ok: true; name: string; changed: boolean } | Refusal;
export type StaffChange = { kind: "role"; role: Role } | { kind: "disable" } | { kind: "enable" };
type UserState = { id: string; role: string | null; banned: boolean | null };

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const TX_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;

export const isActiveAdmin = (u: { role: string | null; banned: boolean | null }) => roleOf(u.role) === "admin" && u.banned !== true;

/**
 * Whether `change` to `target` may go ahead: null if so, else why not. Pure, so the rules
 * read in one place. `activeAdmins` is every active admin's id, read in the same
 * transaction as the write.
 */
export function checkStaffChange(actorId: string, target: UserState, change: StaffChange, activeAdmins: readonly string[]): Refusal | null {
  if (!activeAdmins.includes(actorId)) return { ok: false, code: "not_admin", message: "Your account can no longer manage staff." };
  const removesAdmin = isActiveAdmin(target) && (change.kind === "disable" || (change.kind === "role" && change.role !== "admin"));
  if (!removesAdmin) return null;
  const othersRemain = activeAdmins.some((id) => id !== target.id);
  if (target.id === actorId && !othersRemain) {
    return { ok: false, code: "last_admin", message: "You are the only active admin. Make someone else an admin first; then they can change your account." };
  }
  if (target.id === actorId) {
    return {
      ok: false,
      code: "self",
      message:
        change.kind === "disable" ? "You cannot disable your own account. Ask another admin." : "You cannot remove your own admin role. Ask another admin.",
    };
  }
  if (!othersRemain) {
    // Unreachable while the actor must be an active admin; kept as the backstop the rule depends on.
    return {
      ok: false,
      code: "last_admin",
      message: "This is the last active admin. Make someone else an admin first, so the console is never left without one.",
    };
  }
  return null;
}

async function guardedChange(
  db: Db,
  actorId: string,
  targetId: string,
  change: StaffChange,
  isUnchanged: (t: UserState) => boolean,
  write: (tx: Tx) => Promise<void>,
): Promise<ChangeOutcome> {
  if (!targetId || targetId.length > 64) return { ok: false, code: "not_found", message: "That staff account no longer exists." };
  return db.$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id: targetId }, select: { id: true, name: true, role: true, banned: true } });
    if (!target) return { ok: false, code: "not_found", message: "That staff account no longer exists." } as const;
    const admins = await tx.user.findMany({ where: { role: { contains: "admin" } }, select: { id: true, role: true, banned: true } });
    const refusal = checkStaffChange(
      actorId,
      target,
      change,
      admins.filter(isActiveAdmin).map((a) => a.id),
    );
    if (refusal) return refusal;
    if (isUnchanged(target)) return { ok: true, name: target.name, changed: false } as const;
    await write(tx);
    return { ok: true, name: target.name, changed: true } as const;
  }, TX_OPTIONS);
}

// ---------------------------------------------------------------------------------------
// Writing

export function changeStaffRole(db: Db, actorId: string, targetId: string, role: Role): Promise<ChangeOutcome> {
  return guardedChange(
    db,
    actorId,
    targetId,
    { kind: "role", role },
    (t) => t.role === role,
    async (tx) => {
      await tx.user.update({ where: { id: targetId }, data: { role } });
    },
  );
}

/** Disables the account (Better Auth's ban: no new sessions) and signs it out everywhere. */
export function disableStaffAccount(db: Db, actorId: string, targetId: string, actorName = "an admin"): Promise<ChangeOutcome> {
  return guardedChange(
    db,
    actorId,
    targetId,
    { kind: "disable" },
    (t) => t.banned === true,
    async (tx) => {
      await tx.user.update({
        where: { id: targetId },
        data: { banned: true, banReason: `Disabled in the staff console by ${actorName}`.slice(0, 200), banExpires: null },
      });
      await tx.session.deleteMany({ where: { userId: targetId } });
    },
  );
}

export function enableStaffAccount(db: Db, actorId: string, targetId: string): Promise<ChangeOutcome> {
  return guardedChange(
    db,
    actorId,
    targetId,
    { kind: "enable" },
    (t) => t.banned !== true,
    async (tx) => {
      await tx.user.update({ where: { id: targetId }, data: { banned: false, banReason: null, banExpires: null } });
    },
  );
}

export type CreateOutcome =
  { ok: true; id: string; name: string; email: string; role: Role; generatedPassword?: string } | { ok: false; fieldErrors: Record<string, string> };

/** Creates an account with the given password, or a generated one (returned once, only ever stored hashed). */
export async function createStaffAccount(auth: Auth, raw: Record<string, unknown>): Promise<CreateOutcome> {
  const parsed = createStaffSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error.issues) };
  const { name, email, role } = parsed.data;
  const generated = parsed.data.password === "" ? generatePassword() : undefined;
  try {
    const user = await createStaffUser(auth, { name, email, role, password: generated ?? parsed.data.password });
    return { ok: true, id: user.id, name: user.name, email: user.email, role, generatedPassword: generated };
  } catch (error) {
    const code = (error as { code?: string } | null)?.code;
    if ((error instanceof Error && /already exists/.test(error.message)) || code === "P2002") {
      return { ok: false, fieldErrors: { email: `There is already a staff account for ${email}.` } };
    }
    throw error;
  }
}

export type ResetOutcome = { ok: true; name: string; generatedPassword?: string } | { ok: false; fieldErrors: Record<string, string> } | Refusal;

/**
 * Sets a new password (the one given, or a generated one returned once) and deletes every
 * session of the account, so it is signed out everywhere (the admin's own browser too, if
 * they reset their own password).
 */
export async function resetStaffPassword(auth: Auth, db: Db, actorId: string, targetId: string, raw: Record<string, unknown>): Promise<ResetOutcome> {
  const parsed = resetPasswordSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error.issues) };
  const actor = await db.user.findUnique({ where: { id: actorId }, select: { role: true, banned: true } });
  if (!actor || !isActiveAdmin(actor)) return { ok: false, code: "not_admin", message: "Your account can no longer manage staff." };
  const target = targetId && targetId.length <= 64 ? await db.user.findUnique({ where: { id: targetId }, select: { id: true, name: true } }) : null;
  if (!target) return { ok: false, code: "not_found", message: "That staff account no longer exists." };

  const generated = parsed.data.password === "" ? generatePassword() : undefined;
  const ctx = await auth.$context;
  const hash = await ctx.password.hash(generated ?? parsed.data.password);
  if (await ctx.internalAdapter.findCredentialAccount(target.id)) await ctx.internalAdapter.updatePassword(target.id, hash);
  else await ctx.internalAdapter.linkAccount({ userId: target.id, providerId: "credential", accountId: target.id, password: hash });
  await ctx.internalAdapter.deleteUserSessions(target.id);
  return { ok: true, name: target.name, generatedPassword: generated };
}
