/**
 * A staff member's own profile (issue 19, items 7 and 4): the time zone the console shows
 * their times in, and the signature under the emails they write to leads
 * ({{advisor_signature}}). Only ever their own: the caller's id comes from the session, never
 * the post.
 */
import { z } from "zod";
import type { Db } from "../db";
import { INVISIBLE_CHARS_MESSAGE, isCleanText } from "../text-checks";
import { canonicalTimeZone } from "./availability";

export const SIGNATURE_MAX = 1000;

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
  /** Plain text, several lines; empty clears it. Absent (an older form): left as it is. */
  signature: z
    .string()
    .trim()
    .max(SIGNATURE_MAX, `Keep the signature under ${SIGNATURE_MAX.toLocaleString("en-US")} characters.`)
    .refine(isCleanText, INVISIBLE_CHARS_MESSAGE)
    .transform((s) => s.replace(/\r\n?/g, "\n") || null)
    .optional(),
});

export type ProfileOutcome = { ok: true; timeZone: string | null } | { ok: false; fieldErrors: Record<string, string> };

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/** Saves the caller's zone (null: their browser's) and, when posted, their email signature (null: none). */
export async function saveProfile(db: Db, userId: string, input: { timeZone: unknown; signature?: unknown }): Promise<ProfileOutcome> {
  const parsed = profileSchema.safeParse({ timeZone: str(input.timeZone), signature: str(input.signature) });
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
    return { ok: false, fieldErrors };
  }
  const { timeZone, signature } = parsed.data;
  await db.user.update({ where: { id: userId }, data: { timeZone, ...(signature !== undefined ? { emailSignature: signature } : {}) } });
  return { ok: true, timeZone };
}

export async function profileOf(db: Db, userId: string) {
  return db.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, role: true, timeZone: true, emailSignature: true, advisor: { select: { timeZone: true } } },
  });
}
