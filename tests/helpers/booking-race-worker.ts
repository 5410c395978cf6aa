/**
 * One "app server" in a booking race (tests/integration/booking-race.test.ts): a process of
 * its own with its own database client, which books when told to and prints the result.
 *
 *   node --import tsx tests/helpers/booking-race-worker.ts '<BookRequest as JSON>' [read-committed]
 *
 * DATABASE_URL names the database. It prints "ready" once connected, waits for a line on
 * stdin, books in one transaction, prints the result as JSON and exits.
 */
import { createInterface } from "node:readline";
import { bookSlot, type BookRequest } from "../../lib/booking/book";
import { createDb } from "../../lib/db";
import { dialectOf } from "../../lib/db/dialect";

const [json, isolation] = process.argv.slice(2);
const raw = JSON.parse(json) as BookRequest & { startsAt: string; now: string };
const request: BookRequest = { ...raw, startsAt: new Date(raw.startsAt), now: new Date(raw.now) };

const db = createDb(process.env.DATABASE_URL);
await db.callType.count(); // connected before the start signal
process.stdout.write("ready\n");
const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once("line", () => resolve()));
lines.close();
try {
  const options = { maxWait: 20_000, timeout: 30_000, ...(isolation === "read-committed" ? dialectOf(db).readCommitted : {}) };
  const result = await db.$transaction((tx) => bookSlot(tx, request), options);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await db.$disconnect();
}
