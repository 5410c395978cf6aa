import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import { dialectFor, dialectOf, type Dialect } from "../db/dialect";
import { queueEmail } from "../email/outbox";
import type { RedemptionDecisionData } from "../email/template-data";
import { OPTION_LABELS } from "../leads/schemas";
import { lockPoints, pointsBalance, REVERSE_MESSAGES, reverseConfirmedAward, type PointsBalance, type ReverseError } from "../referrals/points";
import { clampPage, NEWEST_FIRST, newestPage, pageCount } from "./paging";

/**
 * The console's view of the referral programme: referrers with their balances, one
 * referrer's ledger and friends, and redemption requests with the approve / reject
 * decision. Balances are always sums over the append-only ledger (PointsEntry).
 */

export const REFERRALS_PAGE_SIZE = 50;
export const REDEMPTION_STATUSES = ["pending", "approved", "rejected"] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];
export const DECISIONS = ["approved", "rejected"] as const;
export type Decision = (typeof DECISIONS)[number];
export const NOTE_MAX = 1000;

const TX_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;

// ---------------------------------------------------------------------------------------
// Search

/** Everything from `prefix` up to (not including) the next string that does not start with it. */
function prefixRange(prefix: string) {
  return { gte: prefix, lt: `${prefix}\uffff` };
}

/** The search box as typed, normalised; empty means no search. */
export function normalizeSearch(q: string | undefined | null): string | undefined {
  const term = (q ?? "").normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ").slice(0, 100);
  return term || undefined;
}

/**
 * A contact whose email starts with the term, or whose name (or a later word of it, such
 * as the surname) does. Emails are stored lower-cased, so that is an index range; names are
 * not: SQLite's LIKE (what `startsWith`/`contains` become) ignores ASCII case, and on
 * PostgreSQL the same takes `mode: "insensitive"` (ILIKE).
 */
export function contactSearchWhere(q: string, dialect: Dialect = dialectFor("sqlite")): Prisma.ContactWhereInput {
  const term = normalizeSearch(q) ?? "";
  // Prisma does not escape LIKE's wildcards on SQLite: a term with them only matches emails.
  if (term.includes("@") || /[%_]/.test(term)) return { email: prefixRange(term) };
  const ci = dialect.insensitive;
  return { OR: [{ email: prefixRange(term) }, { name: ci({ startsWith: term }) }, { name: ci({ contains: ` ${term}` }) }] };
}

// ---------------------------------------------------------------------------------------
// Referrers list

export type ReferrerRow = {
  id: string;
  email: string | null;
  name: string | null;
  referralCode: string;
  pending: number;
  confirmed: number;
  friends: number;
  responded: number;
  lastReferralAt: Date | null;
};

export type ReferrerList = { rows: ReferrerRow[]; total: number; page: number; pages: number };

/**
 * Every contact who has referred someone: contacts name them as their referrer, or they own
 * ledger rows. Most recent referral (the newest friend's arrival) first, 50 a page.
 *
 * Referrers are grouped, ordered and paged in SQL (friends grouped by referredById, by
 * their newest createdAt); only the page comes back. Contacts who own ledger rows but whom
 * no contact names as referrer (none are written today; kept for older or edited data) come
 * after them, newest id first. Balances and friend counts for the page are two more grouped
 * queries: the number of queries does not grow with the page or the data.
 */
export async function listReferrers(db: Db, opts: { q?: string; page?: number } = {}): Promise<ReferrerList> {
  const q = normalizeSearch(opts.q);
  const match: Prisma.ContactWhereInput = q ? contactSearchWhere(q, dialectOf(db)) : {};
  const page = clampPage(opts.page);
  const size = REFERRALS_PAGE_SIZE;
  const from = (page - 1) * size;
  const ledgerOnly: Prisma.ContactWhereInput = { AND: [match, { referrals: { none: {} } }, { pointsEntries: { some: {} } }] };

  const [total, ledgerOnlyCount, head] = await Promise.all([
    db.contact.count({ where: { AND: [match, { OR: [{ referrals: { some: {} } }, { pointsEntries: { some: {} } }] }] } }),
    db.contact.count({ where: ledgerOnly }),
    db.contact.groupBy({
      by: ["referredById"],
      where: { referredById: { not: null }, ...(q ? { referredBy: { is: match } } : {}) },
      _max: { createdAt: true },
      orderBy: [{ _max: { createdAt: "desc" } }, { referredById: "desc" }],
      skip: from,
      take: size,
    }),
  ]);

  const slice: { id: string; last: Date | null }[] = head.flatMap((g) => (g.referredById ? [{ id: g.referredById, last: g._max.createdAt }] : []));
  const headCount = total - ledgerOnlyCount;
  if (slice.length < size && ledgerOnlyCount > 0 && from + size > headCount) {
    const tail = await db.contact.findMany({
      where: ledgerOnly,
      orderBy: { id: "desc" },
      skip: Math.max(0, from - headCount),
      take: size - slice.length,
      select: { id: true },
    });
    slice.push(...tail.map((c) => ({ id: c.id, last: null })));
  }

  const pages = pageCount(total, size);
  if (slice.length === 0) return { rows: [], total, page, pages };

  const ids = slice.map((a) => a.id);
  const [contacts, balances, friends] = await Promise.all([
    db.contact.findMany({ where: { id: { in: ids } }, select: { id: true, email: true, name: true, referralCode: true } }),
    db.pointsEntry.groupBy({ by: ["contactId", "bucket"], where: { contactId: { in: ids } }, _sum: { amount: true } }),
    // _count of a column counts its non-null values: everyone referred, and who responded.
    db.contact.groupBy({ by: ["referredById"], where: { referredById: { in: ids } }, _count: { _all: true, respondedAt: true } }),
  ]);
  const contactById = new Map(contacts.map((c) => [c.id, c]));
  const sum = (id: string, bucket: string) => balances.find((b) => b.contactId === id && b.bucket === bucket)?._sum.amount ?? 0;
  const rows = slice.flatMap((a): ReferrerRow[] => {
    const c = contactById.get(a.id);
    if (!c) return [];
    const f = friends.find((g) => g.referredById === a.id)?._count;
    return [
      {
        ...c,
        pending: sum(a.id, "pending"),
        confirmed: sum(a.id, "confirmed"),
        friends: f?._all ?? 0,
        responded: f?.respondedAt ?? 0,
        lastReferralAt: a.last,
      },
    ];
  });
  return { rows, total, page, pages };
}

// ---------------------------------------------------------------------------------------
// Redemption requests

const redemptionFields = z.object({
  reward: z.string().optional().catch(undefined),
  /** The catalogue reward's name when the request was filed (requests before the catalogue name a category). */
  rewardName: z.string().optional().catch(undefined),
  points: z.number().int().positive().optional().catch(undefined),
  details: z.string().optional().catch(undefined),
});

/** What a redemption lead asked for (its `fields` JSON), tolerating anything malformed. `reward`: the reward's name, or an old request's category. */
export function parseRedemptionFields(json: string): { reward: string | null; points: number | null; details: string | null } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    raw = {};
  }
  const parsed = redemptionFields.safeParse(raw && typeof raw === "object" ? raw : {});
  const f = parsed.success ? parsed.data : {};
  return { reward: f.rewardName ?? f.reward ?? null, points: f.points ?? null, details: f.details?.trim() || null };
}

const REDEMPTION_SELECT = {
  id: true,
  createdAt: true,
  fields: true,
  decision: true,
  decidedAt: true,
  decidedBy: { select: { id: true, name: true } },
  contact: { select: { id: true, email: true, name: true } },
  activities: { where: { type: "decision" }, orderBy: NEWEST_FIRST, take: 1, select: { detail: true } },
} satisfies Prisma.LeadSelect;

type RedemptionLead = Prisma.LeadGetPayload<{ select: typeof REDEMPTION_SELECT }>;

export type RedemptionRow = {
  id: string;
  createdAt: Date;
  contact: { id: string; email: string | null; name: string | null };
  reward: string | null;
  points: number | null;
  details: string | null;
  status: RedemptionStatus;
  decidedAt: Date | null;
  decidedBy: { id: string; name: string } | null;
  /** The note staff left with the decision, if any. */
  note: string | null;
  /** The requester's confirmed balance now. */
  confirmedBalance: number;
  /** Pending, asks for a valid number of points, and the balance covers it. */
  canApprove: boolean;
};

function statusOf(decision: string | null): RedemptionStatus {
  return decision === "approved" || decision === "rejected" ? decision : "pending";
}

async function toRedemptionRows(db: Db, leads: RedemptionLead[]): Promise<RedemptionRow[]> {
  const contactIds = [...new Set(leads.map((l) => l.contact.id))];
  const balances = contactIds.length
    ? await db.pointsEntry.groupBy({ by: ["contactId"], where: { contactId: { in: contactIds }, bucket: "confirmed" }, _sum: { amount: true } })
    : [];
  return leads.map((l) => {
    const f = parseRedemptionFields(l.fields);
    const status = statusOf(l.decision);
    const confirmedBalance = balances.find((b) => b.contactId === l.contact.id)?._sum.amount ?? 0;
    const detail = l.activities[0]?.detail ?? null;
    return {
      id: l.id,
      createdAt: l.createdAt,
      contact: l.contact,
      reward: f.reward,
      points: f.points,
      details: f.details,
      status,
      decidedAt: l.decidedAt,
      decidedBy: l.decidedBy,
      note: detail && detail !== l.decision ? detail : null,
      confirmedBalance,
      canApprove: status === "pending" && f.points !== null && confirmedBalance >= f.points,
    };
  });
}

export type RedemptionList = {
  rows: RedemptionRow[];
  total: number;
  page: number;
  pages: number;
  /** How many requests there are in each state (for the filter). */
  counts: Record<RedemptionStatus, number>;
};

function decisionWhere(status: RedemptionStatus | undefined): Prisma.LeadWhereInput {
  if (!status) return {};
  return { decision: status === "pending" ? null : status };
}

/** Redemption requests, newest first, optionally only pending / approved / rejected ones. */
export async function listRedemptions(db: Db, opts: { status?: RedemptionStatus; page?: number } = {}): Promise<RedemptionList> {
  const page = clampPage(opts.page);
  const where: Prisma.LeadWhereInput = { formType: "redemption", ...decisionWhere(opts.status) };
  const [groups, leads] = await Promise.all([
    db.lead.groupBy({ by: ["decision"], where: { formType: "redemption" }, _count: { _all: true } }),
    db.lead.findMany({
      where,
      ...newestPage(page, REFERRALS_PAGE_SIZE),
      select: REDEMPTION_SELECT,
    }),
  ]);
  const counts: Record<RedemptionStatus, number> = { pending: 0, approved: 0, rejected: 0 };
  for (const g of groups) counts[statusOf(g.decision)] += g._count._all;
  const total = opts.status ? counts[opts.status] : counts.pending + counts.approved + counts.rejected;
  return { rows: await toRedemptionRows(db, leads), total, page, pages: pageCount(total, REFERRALS_PAGE_SIZE), counts };
}

/** Redemption requests waiting for a decision. */
export async function countPendingRedemptions(db: Db): Promise<number> {
  return db.lead.count({ where: { formType: "redemption", decision: null } });
}

// ---------------------------------------------------------------------------------------
// One referrer

export type FriendStatus = "invited" | "responded" | "opted_out";

export type FriendRow = {
  id: string;
  email: string | null;
  name: string | null;
  invitedAt: Date;
  respondedAt: Date | null;
  /** Opted out of marketing email (themselves, or their address is suppressed). */
  optedOut: { at: Date | null; reason: string } | null;
  /** opted_out wins over responded, which wins over invited. */
  status: FriendStatus;
  /** The referrer's points for this friend, by bucket. */
  points: { pending: number; confirmed: number };
  /** The friend's own leads, newest first (up to 5), and how many there are. */
  leads: { id: string; formType: string; status: string; createdAt: Date }[];
  leadCount: number;
};

export type LedgerRow = {
  id: string;
  createdAt: Date;
  amount: number;
  bucket: string;
  reason: string;
  lead: { id: string; formType: string } | null;
  friend: { id: string; email: string | null; name: string | null } | null;
  /** A confirmed referral award that has not been reversed: staff may reverse it (a refund). */
  reversible: boolean;
  /** This entry has been reversed by a later one. */
  reversed: boolean;
};

export type ReferrerDetail = {
  contact: { id: string; email: string | null; name: string | null; phone: string | null; referralCode: string; createdAt: Date };
  balance: PointsBalance;
  ledger: LedgerRow[];
  friends: FriendRow[];
  redemptions: RedemptionRow[];
};

/** A referrer's ledger, balances, friends with their status, and redemption requests. */
export async function getReferrer(db: Db, contactId: string): Promise<ReferrerDetail | null> {
  const contact = await db.contact.findUnique({
    where: { id: contactId },
    select: { id: true, email: true, name: true, phone: true, referralCode: true, createdAt: true },
  });
  if (!contact) return null;
  const [balance, ledger, friends, redemptionLeads] = await Promise.all([
    pointsBalance(db, contactId),
    db.pointsEntry.findMany({
      where: { contactId },
      orderBy: NEWEST_FIRST,
      select: {
        id: true,
        createdAt: true,
        amount: true,
        bucket: true,
        reason: true,
        lead: { select: { id: true, formType: true } },
        friend: { select: { id: true, email: true, name: true } },
        reversedBy: { select: { id: true } },
      },
    }),
    db.contact.findMany({
      where: { referredById: contactId },
      orderBy: NEWEST_FIRST,
      select: {
        id: true,
        email: true,
        name: true,
        createdAt: true,
        respondedAt: true,
        marketingOptOutAt: true,
        leads: { orderBy: NEWEST_FIRST, take: 5, select: { id: true, formType: true, status: true, createdAt: true } },
        _count: { select: { leads: true } },
      },
    }),
    db.lead.findMany({
      where: { contactId, formType: "redemption" },
      orderBy: NEWEST_FIRST,
      select: REDEMPTION_SELECT,
    }),
  ]);

  const emails = friends.map((f) => f.email).filter((e): e is string => Boolean(e));
  const suppressions = emails.length
    ? await db.emailSuppression.findMany({ where: { address: { in: emails } }, select: { address: true, reason: true, createdAt: true } })
    : [];
  const suppressionByAddress = new Map(suppressions.map((s) => [s.address, s]));

  const friendRows = friends.map((f): FriendRow => {
    const suppression = f.email ? suppressionByAddress.get(f.email) : undefined;
    const optedOut = f.marketingOptOutAt
      ? { at: f.marketingOptOutAt, reason: suppression?.reason ?? "unsubscribe" }
      : suppression
        ? { at: suppression.createdAt, reason: suppression.reason }
        : null;
    const mine = ledger.filter((e) => e.friend?.id === f.id);
    const points = {
      pending: mine.filter((e) => e.bucket === "pending").reduce((s, e) => s + e.amount, 0),
      confirmed: mine.filter((e) => e.bucket === "confirmed").reduce((s, e) => s + e.amount, 0),
    };
    return {
      id: f.id,
      email: f.email,
      name: f.name,
      invitedAt: f.createdAt,
      respondedAt: f.respondedAt,
      optedOut,
      status: optedOut ? "opted_out" : f.respondedAt ? "responded" : "invited",
      points,
      leads: f.leads,
      leadCount: f._count.leads,
    };
  });

  const ledgerRows: LedgerRow[] = ledger.map(({ reversedBy, ...e }) => ({
    ...e,
    reversed: Boolean(reversedBy),
    reversible: !reversedBy && e.bucket === "confirmed" && e.reason === "referral_confirmed" && e.amount > 0,
  }));
  return { contact, balance, ledger: ledgerRows, friends: friendRows, redemptions: await toRedemptionRows(db, redemptionLeads) };
}

// ---------------------------------------------------------------------------------------
// Approve / reject

export type DecideInput = { leadId: string; actorId: string; decision: Decision; note?: string | null; now?: Date };

export type DecideError = "not_found" | "not_redemption" | "already_decided" | "invalid_request" | "insufficient_points" | "out_of_stock";

export type DecideResult =
  | { ok: true; leadId: string; decision: Decision; contactId: string; points: number | null; confirmedBalance: number }
  | { ok: false; error: DecideError; message: string; decision?: Decision; confirmedBalance?: number; requested?: number };

export const DECIDE_MESSAGES: Record<DecideError, string> = {
  not_found: "That redemption request does not exist.",
  not_redemption: "That lead is not a redemption request.",
  already_decided: "That request has already been decided.",
  invalid_request: "That request does not say how many points to spend, so it cannot be approved. Reject it instead.",
  insufficient_points: "Approving would take the confirmed balance below zero.",
  out_of_stock: "That reward is out of stock, so the request cannot be approved. Add stock in the catalogue, or reject it with a reason.",
};

/** Thrown inside the transaction to roll it back when the lead was decided under us. */
class AlreadyDecided extends Error {}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/**
 * Approves or rejects a redemption request, in one transaction. An approval re-reads the
 * confirmed balance inside the transaction and refuses to take it below zero, then appends
 * a negative ledger row keyed `redemption:<leadId>`: the unique key makes paying out the
 * same request twice impossible even if two approvals race. A rejection writes no ledger
 * row. Both record who decided, when, and the note, and queue one email to the requester
 * (template redemption-decision) in the same transaction: a decision that fails or was
 * already made queues nothing. On a rejection the note is the reason shown in that email;
 * an approval's note stays internal. The caller wakes the dispatcher afterwards.
 */
export async function decideRedemption(db: Db, input: DecideInput): Promise<DecideResult> {
  const now = input.now ?? new Date();
  const note = input.note?.trim().slice(0, NOTE_MAX) || null;
  const fail = (error: DecideError, extra: Partial<Extract<DecideResult, { ok: false }>> = {}) =>
    ({ ok: false, error, message: DECIDE_MESSAGES[error], ...extra }) as const;

  try {
    return await db.$transaction(async (tx): Promise<DecideResult> => {
      const lead = await tx.lead.findUnique({
        where: { id: input.leadId },
        select: {
          id: true,
          formType: true,
          contactId: true,
          fields: true,
          decision: true,
          name: true,
          rewardId: true,
          contact: { select: { email: true, name: true } },
        },
      });
      if (!lead) return fail("not_found");
      if (lead.formType !== "redemption") return fail("not_redemption");
      if (lead.decision) return fail("already_decided", { decision: statusOf(lead.decision) as Decision });

      const request = parseRedemptionFields(lead.fields);
      let points: number | null = null;
      let rewardName: string | null = request.reward ? (OPTION_LABELS.reward[request.reward as keyof typeof OPTION_LABELS.reward] ?? request.reward) : null;
      if (lead.rewardId) rewardName = (await tx.reward.findUnique({ where: { id: lead.rewardId }, select: { name: true } }))?.name ?? rewardName;
      if (input.decision === "approved") {
        points = request.points;
        if (points === null) return fail("invalid_request");
        // Whoever else is spending or taking back this person's points waits until we commit.
        await lockPoints(db, tx, lead.contactId);
        const { confirmed } = await pointsBalance(tx, lead.contactId);
        if (confirmed < points) {
          return fail("insufficient_points", {
            confirmedBalance: confirmed,
            requested: points,
            message: `Approving would take the confirmed balance below zero: ${confirmed} confirmed points, ${points} requested.`,
          });
        }
        if (lead.rewardId) {
          // Takes one unit only while there is one: two approvals for the last unit cannot both succeed.
          const taken = await tx.reward.updateMany({
            where: { id: lead.rewardId, OR: [{ stock: null }, { stock: { gt: 0 } }] },
            data: { stock: { decrement: 1 } },
          });
          if (taken.count !== 1) return fail("out_of_stock");
          // Unlimited rewards have no stock to take (null − 1 stays null in SQL).
        }
        await tx.pointsEntry.create({
          data: {
            contactId: lead.contactId,
            amount: -points,
            bucket: "confirmed",
            reason: "redemption",
            leadId: lead.id,
            key: `redemption:${lead.id}`,
            createdAt: now,
          },
        });
      }

      // Compare-and-set: only an undecided lead is decided (belt and braces with the read above).
      const { count } = await tx.lead.updateMany({
        where: { id: lead.id, decision: null },
        data: { decision: input.decision, decidedAt: now, decidedById: input.actorId },
      });
      if (count !== 1) throw new AlreadyDecided();
      await tx.leadActivity.create({
        data: { leadId: lead.id, actorId: input.actorId, type: "decision", detail: note ?? input.decision, createdAt: now },
      });
      const { confirmed } = await pointsBalance(tx, lead.contactId);

      // The requester hears the outcome. Queued here so the decision and its email commit
      // together; keyed by the lead, which is decided only once. Transactional: the
      // dispatcher holds it back only for an address suppressed for all email (hard bounce).
      if (lead.contact.email) {
        const data: RedemptionDecisionData = {
          leadId: lead.id,
          decision: input.decision,
          name: lead.contact.name ?? lead.name,
          reward: rewardName,
          details: request.details,
          points: request.points,
          confirmedBalance: confirmed,
          reason: input.decision === "rejected" ? note : null,
        };
        await queueEmail(tx, {
          to: lead.contact.email,
          template: "redemption-decision",
          data,
          category: "transactional",
          idempotencyKey: `lead:${lead.id}:decision`,
          leadId: lead.id,
          contactId: lead.contactId,
        });
      }
      return { ok: true, leadId: lead.id, decision: input.decision, contactId: lead.contactId, points, confirmedBalance: confirmed };
    }, TX_OPTIONS);
  } catch (error) {
    // The ledger key already exists (this request was paid out) or the lead was decided
    // between our read and write: nothing of ours was committed.
    if (error instanceof AlreadyDecided || isUniqueViolation(error)) return fail("already_decided");
    throw error;
  }
}

// ---------------------------------------------------------------------------------------
// Reversals (a refunded referral)

export const REVERSE_REASON_MAX = 500;

export type ReverseAwardResult = { ok: true; contactId: string; amount: number } | { ok: false; error: ReverseError | "reason_required"; message: string };

/**
 * Staff reverse a confirmed referral award (the friend was refunded, say): one negative
 * ledger entry linked to the award, in one transaction behind the person's points lock, and
 * the reason recorded as an activity on the award's referral lead. Twice is impossible (the
 * link is unique); spent points are not taken back below zero.
 */
export async function reverseReferralAward(db: Db, input: { entryId: string; actorId: string; reason: string; now?: Date }): Promise<ReverseAwardResult> {
  const now = input.now ?? new Date();
  const reason = input.reason.trim().slice(0, REVERSE_REASON_MAX);
  if (!reason) return { ok: false, error: "reason_required", message: "Give a reason for the reversal: the referrer's record keeps it." };
  const award = await db.pointsEntry.findUnique({ where: { id: input.entryId }, select: { contactId: true } });
  if (!award) return { ok: false, error: "not_found", message: REVERSE_MESSAGES.not_found };
  try {
    return await db.$transaction(async (tx): Promise<ReverseAwardResult> => {
      await lockPoints(db, tx, award.contactId);
      const out = await reverseConfirmedAward(tx, input.entryId, now);
      if (!out.ok) return { ok: false, error: out.error, message: REVERSE_MESSAGES[out.error] };
      const entry = await tx.pointsEntry.findUniqueOrThrow({ where: { id: input.entryId }, select: { leadId: true } });
      if (entry.leadId) {
        await tx.leadActivity.create({
          data: { leadId: entry.leadId, actorId: input.actorId, type: "note", detail: `Referral points reversed (${out.amount}): ${reason}`, createdAt: now },
        });
      }
      return out;
    }, TX_OPTIONS);
  } catch (error) {
    // A concurrent reversal of the same award won the unique link.
    if (isUniqueViolation(error)) return { ok: false, error: "already_reversed", message: REVERSE_MESSAGES.already_reversed };
    throw error;
  }
}
