/**
 * A burst of submissions in one process with the rate limits on, in the store the app uses
 * for the test's database: SQLite's in the same file (the case that stalled), PostgreSQL's
 * on PostgreSQL.
 *
 * On SQLite, the limiter's writes used to wait for the file's write lock with SQLite's
 * blocking busy_timeout. A submission that arrived while another one's Prisma transaction
 * was open in the same process froze the event loop, so that transaction could never
 * finish: each such submission failed "database is locked" after the whole timeout, and the
 * process seemed to hang (docs/performance.md, "A stall on SQLite").
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedPrograms } from "@/lib/content/seed-programs";
import { submitLead, type SubmitOutcome } from "@/lib/leads/pipeline";
import { createPostgresRateLimiter, createSqliteRateLimiter, type StoreRateLimiter } from "@/lib/rate-limit";
import { STAFF_INBOX, firstOpenCohort, testSubmissionDeps } from "../helpers/submissions";
import { createTestDb } from "../helpers/test-db";

const PEOPLE = 64;
/** Each person sends the form twice: 128 submissions, all from one IP. */
const SUBMISSIONS = PEOPLE * 2;

const t = createTestDb();
// Limits that the burst reaches exactly: every submission must be counted, none refused.
const rules = { ip: { points: SUBMISSIONS, durationSeconds: 600 }, identity: { points: 2, durationSeconds: 600 } };
const limiter: StoreRateLimiter =
  t.provider === "sqlite" ? createSqliteRateLimiter(t.url.slice("file:".length), rules) : createPostgresRateLimiter(t.url, rules);
const deps = testSubmissionDeps(t.db, { limiter });
const ctx = { ip: "198.51.100.64" };

let cohort: { id: string; program: string };
beforeAll(async () => {
  await seedPrograms(t.db, new Date());
  cohort = await firstOpenCohort(t.db);
});
afterAll(async () => {
  await limiter.close();
  await t.cleanup();
});

const application = (n: number, goals: string) => ({
  name: `Burst Applicant ${n}`,
  email: `burst-${n}@example.com`,
  phone: "",
  program: cohort.program,
  cohort: cohort.id,
  paymentOption: "instalments",
  experience: "beginner",
  goals,
  consent: "on",
  submissionToken: randomUUID(),
});

it(
  "64 people applying at once, each sending the form again as soon as it answers, all get their lead saved, with no error",
  async () => {
    // The second sends arrive while other people's transactions are open: the case that stalled.
    const outcomes = await Promise.all(
      Array.from({ length: PEOPLE }, async (_, n): Promise<SubmitOutcome[]> => {
        const first = await submitLead(deps, "enroll", application(n, "Move into ML engineering."), ctx);
        const second = await submitLead(deps, "enroll", application(n, "Move into ML engineering, part time."), ctx);
        return [first, second];
      }),
    );

    expect(outcomes.flat().map((o) => o.kind)).toEqual(Array(SUBMISSIONS).fill("saved"));
    const leads = await t.db.lead.findMany({ where: { email: { startsWith: "burst-" } }, include: { emails: true } });
    expect(leads).toHaveLength(PEOPLE);
    for (const lead of leads) {
      // The second send is a revision of the first lead, which emails nobody again.
      expect(lead.revision).toBe(2);
      expect(lead.emails.map((e) => [e.template, e.toAddress]).sort()).toEqual([
        ["enroll-confirmation", lead.email],
        ["staff-new-lead", STAFF_INBOX],
      ]);
    }
    // The limiter counted every submission: the IP's allowance is now used up.
    const next = await submitLead(deps, "enroll", application(PEOPLE, "One more."), ctx);
    expect(next.kind).toBe("rate_limited");
  },
  // Bounded time: the old code stalled for the store's busy_timeout at each late arrival.
  60_000,
);
