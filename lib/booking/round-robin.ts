import type { Tx } from "../db/dialect";
import { LIVE_STATUSES } from "./availability";

/**
 * Who gets the call among the advisors free at the slot: the one with the fewest live calls
 * in the ISO week (Monday to Sunday, UTC) of `now`, then the one whose last live booking was
 * made longest ago (never booked comes first), then by user id so the order is total.
 */

/** Monday 00:00 UTC of the week of `at`, and the Monday after. */
export function isoWeek(at: Date): { start: Date; end: Date } {
  const sinceMonday = (at.getUTCDay() + 6) % 7;
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() - sinceMonday));
  return { start, end: new Date(start.getTime() + 7 * 24 * 3600_000) };
}

export type AdvisorLoad = { advisorId: string; callsThisWeek: number; lastBookedAt: Date | null };

export function byRoundRobin(a: AdvisorLoad, b: AdvisorLoad): number {
  if (a.callsThisWeek !== b.callsThisWeek) return a.callsThisWeek - b.callsThisWeek;
  const at = a.lastBookedAt?.getTime() ?? -Infinity;
  const bt = b.lastBookedAt?.getTime() ?? -Infinity;
  if (at !== bt) return at - bt;
  return a.advisorId < b.advisorId ? -1 : a.advisorId > b.advisorId ? 1 : 0;
}

/** The candidates' loads as the database has them now. */
export async function advisorLoads(tx: Tx, advisorIds: string[], now: Date): Promise<AdvisorLoad[]> {
  if (!advisorIds.length) return [];
  const week = isoWeek(now);
  const live = { advisorId: { in: advisorIds }, status: { in: [...LIVE_STATUSES] } };
  const counts = await tx.booking.groupBy({ by: ["advisorId"], where: { ...live, startsAt: { gte: week.start, lt: week.end } }, _count: { _all: true } });
  const last = await tx.booking.groupBy({ by: ["advisorId"], where: live, _max: { createdAt: true } });
  return advisorIds.map((advisorId) => ({
    advisorId,
    callsThisWeek: counts.find((c) => c.advisorId === advisorId)?._count._all ?? 0,
    lastBookedAt: last.find((l) => l.advisorId === advisorId)?._max.createdAt ?? null,
  }));
}

/** The candidates, first choice first. */
export async function roundRobinOrder(tx: Tx, advisorIds: string[], now: Date): Promise<string[]> {
  return (await advisorLoads(tx, advisorIds, now)).sort(byRoundRobin).map((l) => l.advisorId);
}
