/**
 * The no-double-booking rule is held by the database (BookingClaim: unique per advisor and
 * block). A live booking claims every 5-minute block from its start to its end plus the
 * advisor's buffer, so two bookings of one advisor that would overlap (buffers included)
 * need a common block, and the second insert fails whichever server makes it.
 */
export const BLOCK_MINUTES = 5;
const BLOCK_MS = BLOCK_MINUTES * 60_000;

/** The block an instant falls in: minutes since 1970-01-01T00:00Z, divided by 5. */
export function blockOf(at: Date): number {
  return Math.floor(at.getTime() / BLOCK_MS);
}

/** Whether a count of minutes fits the blocks (call lengths and buffers must). */
export function isWholeBlocks(minutes: number): boolean {
  return Number.isInteger(minutes) && minutes >= 0 && minutes % BLOCK_MINUTES === 0;
}

/**
 * The blocks a booking claims: [startsAt, endsAt + buffer). Starts and ends are on block
 * boundaries (slots start on the 15-minute grid; lengths and buffers are multiples of 5).
 */
export function claimedBlocks(startsAt: Date, endsAt: Date, bufferMinutes: number): number[] {
  const first = blockOf(startsAt);
  const end = Math.ceil((endsAt.getTime() + bufferMinutes * 60_000) / BLOCK_MS);
  const out: number[] = [];
  for (let b = first; b < end; b++) out.push(b);
  return out;
}
