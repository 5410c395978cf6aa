/**
 * A staff member's own profile (issue 19, item 7): the time zone the console shows their
 * times in. Only ever their own: the caller's id comes from the session, never the post.
 */
import { z } from "zod";
import type { Db } from "../db";
import { canonicalTimeZone } from "./availability";

/** The select's value for "follow my browser" (stored as null). */
export const BROWSER_ZONE = "";

/** The profile form: a zone from the list, or the browser's. */
export const profileSchema = z.object({
  timeZone: z
    .string({ error: "Choose a time zone from the list." })
    .trim()
    .max(64, "Choose a time zone from the list.")
    .transform((tz, ctx) => {
      if (tz === BROWSER_ZONE) return null;
      const canonical = canonicalTimeZone(tz);
      if (!canonical) {
        ctx.addIssue({ code: "custom", message: "Choose a time zone from the list." });
        return z.NEVER;
      }
      return canonical;
    }),
});

export type ProfileOutcome = { ok: true; timeZone: string | null } | { ok: false; fieldErrors: Record<string, string> };

/** Saves the caller's zone (null: their browser's). */
export async function saveProfile(db: Db, userId: string, input: { timeZone: unknown }): Promise<ProfileOutcome> {
  const parsed = profileSchema.safeParse({ timeZone: typeof input.timeZone === "string" ? input.timeZone : undefined });
  if (!parsed.success) return { ok: false, fieldErrors: { timeZone: parsed.error.issues[0].message } };
  await db.user.update({ where: { id: userId }, data: { timeZone: parsed.data.timeZone } });
  return { ok: true, timeZone: parsed.data.timeZone };
}

export async function profileOf(db: Db, userId: string) {
  return db.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, role: true, timeZone: true, advisor: { select: { timeZone: true } } },
  });
}
