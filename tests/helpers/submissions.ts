/**
 * The setting most integration tests share: submitLead's dependencies on a test database,
 * the cohort a form can apply to, a referral's people, the outbox delivered to the local
 * mailbox, and row counts.
 */
import type { Db } from "@/lib/db";
import { drainOutbox, type DispatcherOptions } from "@/lib/email/dispatcher";
import { renderEmail } from "@/lib/email/render";
import { mailboxTransport } from "@/lib/email/transport";
import type { SubmissionDeps } from "@/lib/leads/pipeline";
import { createMemoryRateLimiter } from "@/lib/rate-limit";

export const SITE_URL = "https://loomstack.example";
export const STAFF_INBOX = "admissions@loomstack.example";

/** Rate limits no test reaches, unless it means to. */
export const GENEROUS_LIMITS = { ip: { points: 1_000_000, durationSeconds: 600 }, identity: { points: 1_000_000, durationSeconds: 600 } };

export function testSubmissionDeps(db: Db, overrides: Partial<SubmissionDeps> = {}): SubmissionDeps {
  return { db, limiter: createMemoryRateLimiter(GENEROUS_LIMITS), siteUrl: SITE_URL, staffRecipients: () => [STAFF_INBOX], ...overrides };
}

/** The soonest open cohort (the seeded catalogue has several) and its program's slug. */
export async function firstOpenCohort(db: Db, startsAfter?: Date): Promise<{ id: string; program: string }> {
  const c = await db.cohort.findFirstOrThrow({
    where: { status: "open", ...(startsAfter ? { startDate: { gt: startsAfter } } : {}) },
    include: { program: true },
    orderBy: { startDate: "asc" },
  });
  return { id: c.id, program: c.program.slug };
}

/** "Name <email>" as the referral form's { name, email }. */
function person(mailbox: string): { name: string; email: string } {
  const m = /^(.+) <([^<>]+)>$/.exec(mailbox);
  if (!m) throw new Error(`not "Name <email>": ${mailbox}`);
  return { name: m[1], email: m[2] };
}

/** The referral form's people: the referrer and each friend written "Name <email>". */
export const referralFields = (referrer: string, friends: string[]) => ({ ...person(referrer), friends: friends.map(person) });

/** Renders and "sends" every queued email to the local mailbox, as a site without RESEND_API_KEY does. */
export function deliverToMailbox(db: Db, options: Partial<DispatcherOptions> = {}) {
  return drainOutbox({
    db,
    transport: mailboxTransport(),
    render: (template, data, ctx) => renderEmail(template, data as never, ctx),
    from: "Loomstack Academy <hello@loomstack.example>",
    siteUrl: SITE_URL,
    ...options,
  });
}

const COUNTERS = {
  contacts: (db: Db) => db.contact.count(),
  leads: (db: Db) => db.lead.count(),
  emails: (db: Db) => db.emailMessage.count(),
  events: (db: Db) => db.emailEvent.count(),
  newsletter: (db: Db) => db.newsletterSubscription.count(),
  suppressions: (db: Db) => db.emailSuppression.count(),
  points: (db: Db) => db.pointsEntry.count(),
};

/** How many rows some tables hold: compare before and after a call to see what it wrote. */
export async function rowCounts<K extends keyof typeof COUNTERS>(db: Db, tables: readonly K[]): Promise<Record<K, number>> {
  const counts = await Promise.all(tables.map((table) => COUNTERS[table](db)));
  return Object.fromEntries(tables.map((table, i) => [table, counts[i]])) as Record<K, number>;
}
