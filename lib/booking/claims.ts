import { Prisma } from "../generated/prisma/client";
import type { Tx } from "../db/dialect";
import { newId } from "../db/sql";
import { claimedBlocks } from "./blocks";

/**
 * The claim on an advisor's time, written by the database's rule (BookingClaim is unique per
 * advisor and block; lib/booking/blocks.ts). Blocks already held by another booking are
 * skipped by `ON CONFLICT DO NOTHING` (the same statement on SQLite and PostgreSQL), so the
 * transaction is never aborted by the clash: the caller compares the count it gets with the
 * blocks it asked for and tries the next advisor. On PostgreSQL an insert that meets a block
 * another open transaction has just claimed waits for it to end, so the loser counts short
 * whichever server it runs on; no check made beforehand in application code decides it.
 */

export type ClaimSpan = { advisorId: string; startsAt: Date; endsAt: Date; bufferMinutes: number };

/**
 * Claims every block of the span for the booking, in the caller's transaction. Returns
 * whether all of them were free: when not, the blocks that were inserted are deleted again
 * (`releaseClaims`) before the caller moves on.
 */
export async function claimSpan(tx: Tx, bookingId: string, span: ClaimSpan): Promise<boolean> {
  const blocks = claimedBlocks(span.startsAt, span.endsAt, span.bufferMinutes);
  if (!blocks.length) return false;
  // Ascending blocks in one statement: two transactions claiming overlapping spans take the
  // rows in the same order, so they queue instead of deadlocking.
  const rows = blocks.map((block) => Prisma.sql`(${newId()}, ${span.advisorId}, ${block}, ${bookingId})`);
  const inserted =
    await tx.$executeRaw`INSERT INTO "BookingClaim" ("id", "advisorId", "block", "bookingId") VALUES ${Prisma.join(rows)} ON CONFLICT ("advisorId", "block") DO NOTHING`;
  return inserted === blocks.length;
}

/** Frees a booking's blocks (a cancellation, a move, or a lost claim). */
export async function releaseClaims(tx: Tx, bookingId: string): Promise<void> {
  await tx.bookingClaim.deleteMany({ where: { bookingId } });
}
