import type { Db } from "../db";
import { listNames, parseProgramSlugs } from "../discounts/check";
import { codeRulesSchema, fieldErrorsOf } from "../discounts/rules";
import { clampPage, newestPage, pageCount } from "./paging";

/**
 * Discount codes in the console (/console/codes): found by any part of the code, with who
 * owns each, its rules, and whether (and on which lead) it is used. Staff edit a code's rules
 * ("codes:edit"); the defaults for new codes are a setting (lib/discounts/defaults.ts).
 */

export const CODES_PAGE_SIZE = 50;

/**
 * What is searched for: upper-cased like the stored codes, keeping only what a code can
 * hold (letters, digits, dashes: no LIKE wildcards), at most 40 characters; empty means all.
 */
export function normalizeCodeSearch(q: string | undefined | null): string | undefined {
  const term = (q ?? "")
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[^A-Z0-9-]/g, "")
    .slice(0, 40);
  return term || undefined;
}

export type CodeRow = {
  id: string;
  code: string;
  source: string;
  owner: { contactId: string; name: string | null; email: string | null };
  percent: number;
  /** Program names; empty means every program. */
  programs: string[];
  singleUse: boolean;
  expiresAt: Date;
  createdAt: Date;
  used: { leadId: string; leadName: string | null; at: Date | null } | null;
};

export type CodeList = { rows: CodeRow[]; total: number; page: number; pages: number };

/** "Every program", or the programs' names. */
export function programsText(programs: readonly string[]): string {
  return programs.length ? listNames(programs) : "Every program";
}

async function toRows(
  db: Db,
  codes: {
    id: string;
    code: string;
    source: string;
    percent: number;
    programSlugs: string;
    singleUse: boolean;
    expiresAt: Date;
    createdAt: Date;
    usedOnLeadId: string | null;
    usedAt: Date | null;
    contactId: string;
    contact: { name: string | null; email: string | null };
  }[],
): Promise<CodeRow[]> {
  const slugs = [...new Set(codes.flatMap((c) => parseProgramSlugs(c.programSlugs)))];
  const leadIds = codes.map((c) => c.usedOnLeadId).filter((id): id is string => Boolean(id));
  const [programs, leads] = await Promise.all([
    slugs.length ? db.program.findMany({ where: { slug: { in: slugs } }, select: { slug: true, name: true } }) : [],
    leadIds.length ? db.lead.findMany({ where: { id: { in: leadIds } }, select: { id: true, name: true } }) : [],
  ]);
  return codes.map((c) => ({
    id: c.id,
    code: c.code,
    source: c.source,
    owner: { contactId: c.contactId, name: c.contact.name, email: c.contact.email },
    percent: c.percent,
    programs: parseProgramSlugs(c.programSlugs).map((s) => programs.find((p) => p.slug === s)?.name ?? s),
    singleUse: c.singleUse,
    expiresAt: c.expiresAt,
    createdAt: c.createdAt,
    used: c.usedOnLeadId ? { leadId: c.usedOnLeadId, leadName: leads.find((l) => l.id === c.usedOnLeadId)?.name ?? null, at: c.usedAt } : null,
  }));
}

const CODE_SELECT = {
  id: true,
  code: true,
  source: true,
  percent: true,
  programSlugs: true,
  singleUse: true,
  expiresAt: true,
  createdAt: true,
  usedOnLeadId: true,
  usedAt: true,
  contactId: true,
  contact: { select: { name: true, email: true } },
} as const;

/** Codes containing `q` anywhere (codes are stored upper-case, so upper-casing the search makes it case-insensitive), newest first. */
export async function listCodes(db: Db, f: { q?: string; page?: number } = {}): Promise<CodeList> {
  const page = clampPage(f.page);
  const q = normalizeCodeSearch(f.q);
  const where = q ? { code: { contains: q } } : {};
  const [total, codes] = await Promise.all([
    db.discountCode.count({ where }),
    db.discountCode.findMany({ where, ...newestPage(page, CODES_PAGE_SIZE), select: CODE_SELECT }),
  ]);
  return { rows: await toRows(db, codes), total, page, pages: pageCount(total, CODES_PAGE_SIZE) };
}

/** One code with its program slugs (for the edit form). */
export async function codeDetail(db: Db, id: string): Promise<(CodeRow & { programSlugs: string[] }) | null> {
  const code = await db.discountCode.findUnique({ where: { id }, select: CODE_SELECT });
  if (!code) return null;
  const [row] = await toRows(db, [code]);
  return { ...row, programSlugs: parseProgramSlugs(code.programSlugs) };
}

export type SaveRulesOutcome = { ok: true } | { ok: false; notFound?: true; fieldErrors: Record<string, string> };

/**
 * Saves a code's rules (the caller checks "codes:edit"). Whether it is used stays as it is:
 * that follows its lead's enrolment (lib/discounts/use.ts).
 */
export async function saveCodeRules(db: Db, id: string, raw: Record<string, unknown>): Promise<SaveRulesOutcome> {
  const parsed = codeRulesSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error.issues) };
  const { percent, expiresOn, singleUse, programs } = parsed.data;
  if (programs.length) {
    const known = await db.program.count({ where: { slug: { in: programs } } });
    if (known !== programs.length) return { ok: false, fieldErrors: { programs: "Choose programs from the list." } };
  }
  const updated = await db.discountCode.updateMany({
    where: { id },
    data: { percent, expiresAt: expiresOn, singleUse, programSlugs: JSON.stringify(programs) },
  });
  if (updated.count === 0) return { ok: false, notFound: true, fieldErrors: {} };
  return { ok: true };
}
