import type { Prisma } from "../generated/prisma/client";
import { newDiscountCode } from "../leads/codes";
import { normalizeEmailForCode } from "./normalize-email";

type Tx = Prisma.TransactionClient;

/**
 * The rules a newsletter code gets when it is issued, unless the caller passes others. They
 * are copied onto the code, so a later change of the defaults never changes a code already
 * given out.
 */
export const ISSUE_DEFAULTS = { percent: 20, days: 90, programSlugs: [] as string[], singleUse: true } as const;

/** The lead status that means "already one of our students" (lib/console/pipeline.ts). */
export const ENROLLED_STATUS = "enrolled";

export type IssueCodeInput = {
  contactId: string;
  email: string;
  now: Date;
  percent?: number;
  /** Days until the code expires. */
  days?: number;
  /** The programs it applies to; empty means every program. */
  programSlugs?: string[];
  singleUse?: boolean;
};

export type IssuedCode = { code: string; percent: number; programSlugs: string[]; singleUse: boolean; expiresAt: Date; usedAt: Date | null; contactId: string };

export type IssueResult =
  /** `created`: minted now; otherwise the code this address (or an alias of it) already had. */
  | { ok: true; created: boolean; discount: IssuedCode }
  /** Someone already enrolled with us gets no code. */
  | { ok: false; reason: "enrolled" };

function programsOf(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === "string") : [];
  } catch {
    return [];
  }
}

/**
 * One discount code per person, in the caller's transaction. The person is their address
 * normalised (./normalize-email.ts), so aliases share one code; a second call returns the
 * code already issued, with the rules it was issued under.
 *
 * Race-safe: the insert is an upsert on the unique `normalizedEmail`, and transactions are
 * serialised (one writer at a time on SQLite; SERIALIZABLE with retries on PostgreSQL,
 * lib/db/index.ts), so two transactions issuing for the same person at once both end with
 * the one row, and neither fails (tests/integration/discount-issue.test.ts).
 */
export async function issueDiscountCode(tx: Tx, input: IssueCodeInput): Promise<IssueResult> {
  const enrolled = await tx.lead.findFirst({ where: { contactId: input.contactId, status: ENROLLED_STATUS }, select: { id: true } });
  if (enrolled) return { ok: false, reason: "enrolled" };

  const normalizedEmail = normalizeEmailForCode(input.email);
  const percent = input.percent ?? ISSUE_DEFAULTS.percent;
  const days = input.days ?? ISSUE_DEFAULTS.days;
  const candidate = newDiscountCode(percent);
  const row = await tx.discountCode.upsert({
    where: { normalizedEmail },
    create: {
      code: candidate,
      contactId: input.contactId,
      normalizedEmail,
      source: "newsletter",
      percent,
      programSlugs: JSON.stringify(input.programSlugs ?? ISSUE_DEFAULTS.programSlugs),
      singleUse: input.singleUse ?? ISSUE_DEFAULTS.singleUse,
      expiresAt: new Date(input.now.getTime() + days * 24 * 60 * 60_000),
      createdAt: input.now,
    },
    // Nothing changes on an existing code: the update only makes this one statement.
    update: { normalizedEmail },
  });
  return {
    ok: true,
    created: row.code === candidate,
    discount: {
      code: row.code,
      percent: row.percent,
      programSlugs: programsOf(row.programSlugs),
      singleUse: row.singleUse,
      expiresAt: row.expiresAt,
      usedAt: row.usedAt,
      contactId: row.contactId,
    },
  };
}
