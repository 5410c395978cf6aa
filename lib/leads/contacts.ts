import { at, newId, type Sql } from "../db/sql";
import { newReferralCode } from "./codes";

/** What the submission path reads of a contact (lib/db/sql.ts: typed SQL, not the Prisma model). */
export type ContactRow = {
  id: string;
  email: string | null;
  phone: string | null;
  name: string | null;
  nameSource: string | null;
  referralCode: string;
  referredById: string | null;
  respondedAt: Date | null;
  emailVerifiedAt: Date | null;
};

const COLUMNS = ["id", "email", "phone", "name", "nameSource", "referralCode", "referredById", "respondedAt", "emailVerifiedAt"] as const;

type StoredContact = Omit<ContactRow, "respondedAt" | "emailVerifiedAt"> & { respondedAt: unknown; emailVerifiedAt: unknown };

const read = (sql: Sql, row: StoredContact): ContactRow => ({ ...row, respondedAt: sql.date(row.respondedAt), emailVerifiedAt: sql.date(row.emailVerifiedAt) });

/**
 * Finds the person a submission is from (by email, else by phone) or creates them.
 *
 * A typed email address proves nothing, so a submission never overwrites what the contact
 * already holds: it only fills what is missing. The one exception is a name typed by the
 * friend who referred this person ("referrer"), which their own first form replaces. Staff
 * can confirm the details in the console; every submission keeps its own values on its lead.
 */
export async function findOrCreateContact(
  sql: Sql,
  who: { email?: string; phone?: string; name?: string },
  now: Date,
): Promise<{ contact: ContactRow; created: boolean }> {
  const { q } = sql;
  const found = who.email
    ? await sql.first(q.selectFrom("Contact").select(COLUMNS).where("email", "=", who.email).compile())
    : who.phone
      ? await sql.first(
          q.selectFrom("Contact").select(COLUMNS).where("phone", "=", who.phone).orderBy("createdAt", "asc").orderBy("id", "asc").limit(1).compile(),
        )
      : undefined;
  if (found) {
    const existing = read(sql, found);
    const patch: { name?: string; nameSource?: string; phone?: string; respondedAt?: Date } = {};
    if (who.name && (!existing.name || existing.nameSource === "referrer")) {
      patch.name = who.name;
      patch.nameSource = "submission";
    }
    if (who.phone && !existing.phone) patch.phone = who.phone;
    if (!existing.respondedAt) patch.respondedAt = now;
    if (Object.keys(patch).length === 0) return { contact: existing, created: false };
    const { respondedAt, ...text } = patch;
    await sql.run(
      q
        .updateTable("Contact")
        .set({ ...text, ...(respondedAt ? { respondedAt: at(respondedAt) } : {}), updatedAt: at(now) })
        .where("id", "=", existing.id)
        .compile(),
    );
    return { contact: { ...existing, ...patch }, created: false };
  }
  const contact: ContactRow = {
    id: newId(),
    email: who.email ?? null,
    phone: who.phone ?? null,
    name: who.name ?? null,
    nameSource: who.name ? "submission" : null,
    referralCode: newReferralCode(),
    referredById: null,
    respondedAt: now,
    emailVerifiedAt: null,
  };
  await sql.run(
    q
      .insertInto("Contact")
      .values({ ...contact, respondedAt: at(now), emailVerifiedAt: null, createdAt: at(now), updatedAt: at(now) })
      .compile(),
  );
  return { contact, created: true };
}
