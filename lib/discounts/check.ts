import type { Prisma } from "../generated/prisma/client";
import { CODE_MAX_LENGTH, CODE_PATTERN, normalizeCode } from "./code-format";

export { CODE_MAX_LENGTH, CODE_PATTERN, normalizeCode };

/**
 * The /apply "Discount or referral code" field: what a typed code gives, or why it cannot be
 * used. One function for the as-you-type check (app/api/codes/check) and the save, which runs
 * it again inside the lead's transaction (lib/forms/enroll/definition.tsx).
 *
 * A newsletter discount code (DiscountCode) is described by its rules: "20% off the tuition
 * of Data Analytics, valid until 5 March 2027". A personal referral code (Contact.referralCode,
 * the code in /r/<code>) counts as that referral link. Nothing about whose code it is is ever
 * said: not a name, not an address, not whether they are still a subscriber.
 */

/** Both a client and a transaction can answer. */
export type CodeReader = Pick<Prisma.TransactionClient, "discountCode" | "contact" | "program">;

export type CodeRefusal = "unknown" | "expired" | "used" | "program";

export type CodeVerdict =
  | { ok: true; kind: "discount"; code: string; discountCodeId: string; percent: number; message: string }
  | { ok: true; kind: "referral"; code: string; message: string }
  | { ok: false; reason: CodeRefusal; message: string };

// The site's dates are in UTC (lib/content/programs.ts); the wording is day, month, year.
const codeDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** 2027-03-05 → "5 March 2027" (UTC). */
export function formatCodeDate(d: Date): string {
  return codeDate.format(d);
}

/** "A", "A and B", "A, B and C". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** The stored JSON list of program slugs; [] (or anything unreadable) means every program. */
export function parseProgramSlugs(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : [];
  } catch {
    return [];
  }
}

export const REFERRAL_MESSAGE = "Referral from a friend: your application will count as their referral, and nothing changes in what you pay.";
export const UNKNOWN_MESSAGE = "We do not recognise this code. Check it against the email it came in, or leave the field empty.";
export const USED_MESSAGE = "This code has already been used for an enrolment, so it cannot be used again.";

export const expiredMessage = (expiresAt: Date) => `This code expired on ${formatCodeDate(expiresAt)}.`;

/**
 * What the code gives, or why not. `program` is the program chosen on the form, if any:
 * a code for other programs is refused for it ("not valid for this program"); with no
 * program chosen yet, the description names the programs it is valid for.
 */
export async function checkCode(db: CodeReader, raw: string, opts: { program?: string | null; now: Date }): Promise<CodeVerdict> {
  const code = normalizeCode(raw);
  if (!code || code.length > CODE_MAX_LENGTH || !CODE_PATTERN.test(code)) return { ok: false, reason: "unknown", message: UNKNOWN_MESSAGE };

  const discount = await db.discountCode.findUnique({
    where: { code },
    select: { id: true, percent: true, programSlugs: true, singleUse: true, expiresAt: true, usedOnLeadId: true },
  });
  if (!discount) {
    const referrer = await db.contact.findUnique({ where: { referralCode: code }, select: { id: true } });
    return referrer ? { ok: true, kind: "referral", code, message: REFERRAL_MESSAGE } : { ok: false, reason: "unknown", message: UNKNOWN_MESSAGE };
  }
  if (discount.expiresAt <= opts.now) return { ok: false, reason: "expired", message: expiredMessage(discount.expiresAt) };
  if (discount.singleUse && discount.usedOnLeadId) return { ok: false, reason: "used", message: USED_MESSAGE };

  const slugs = parseProgramSlugs(discount.programSlugs);
  const chosen = opts.program || null;
  const wanted = [...new Set([...slugs, ...(chosen ? [chosen] : [])])];
  const programs = wanted.length ? await db.program.findMany({ where: { slug: { in: wanted } }, select: { slug: true, name: true } }) : [];
  const nameOf = (slug: string) => programs.find((p) => p.slug === slug)?.name ?? slug;
  const validFor = slugs.length ? listNames(slugs.map(nameOf)) : "every program";

  if (chosen && slugs.length && !slugs.includes(chosen)) {
    return { ok: false, reason: "program", message: `This code is not valid for ${nameOf(chosen)}. It is valid for ${validFor}.` };
  }
  return {
    ok: true,
    kind: "discount",
    code,
    discountCodeId: discount.id,
    percent: discount.percent,
    message: `${discount.percent}% off the tuition of ${validFor}, valid until ${formatCodeDate(discount.expiresAt)}`,
  };
}
