/**
 * The raw-driver baseline of bench:submissions (bench/baselines/raw-submit.ts) must write
 * what submitLead writes for an application, or the comparison means nothing: the same
 * tables, the same columns filled, the same values apart from ids, addresses, tokens and
 * clocks. SQLite only (the baseline is better-sqlite3).
 */
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawEnrollSaver } from "../../bench/baselines/raw-submit";
import { seedPrograms } from "@/lib/content/seed-programs";
import { submitLead } from "@/lib/leads/pipeline";
import { createSqliteRateLimiter } from "@/lib/rate-limit";
import { createTestDb } from "../helpers/test-db";
import { GENEROUS_LIMITS, SITE_URL, STAFF_INBOX, testSubmissionDeps } from "../helpers/submissions";

const t = createTestDb();
const onSqlite = t.provider === "sqlite";
const NOW = new Date("2026-12-07T09:30:00.000Z");
let cohort: { id: string; program: { slug: string; name: string } };

const fields = (email: string) => ({
  name: "Rae Raw",
  email,
  phone: "+1 415 555 0132",
  program: cohort.program.slug,
  cohort: cohort.id,
  paymentOption: "instalments",
  experience: "beginner",
  goals: "Compare the rows.",
  consent: "on",
  submissionToken: randomUUID(),
});

/** A row with what legitimately differs between two submissions replaced by its kind. */
function normalise(row: Record<string, unknown>, ids: Map<string, string>) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === "string" && ids.has(v)) out[k] = ids.get(v);
    else if (/^(email|toAddress)$/.test(k) && typeof v === "string" && v !== STAFF_INBOX) out[k] = "<person>";
    else if (/At$/.test(k) && v !== null) out[k] = "<time>";
    else if (/^(submissionToken|referralCode|idempotencyKey)$/.test(k) && v !== null) out[k] = `<${k}>`;
    else if (k === "data" && typeof v === "string") out[k] = normaliseText(v, ids);
    else if (k === "fields" && typeof v === "string") out[k] = v.replace(/"email":"[^"]+"/, '"email":"<person>"');
    else out[k] = v;
  }
  return out;
}
const normaliseText = (s: string, ids: Map<string, string>) => {
  let text = s.replace(/[a-z0-9.+-]+@example\.com/g, "<person>");
  for (const [id, kind] of ids) text = text.split(id).join(kind);
  return text;
};

function rowsOf(file: string, email: string) {
  const conn = new Database(file, { readonly: true });
  try {
    const contact = conn.prepare(`SELECT * FROM "Contact" WHERE email = ?`).get(email) as Record<string, unknown>;
    const lead = conn.prepare(`SELECT * FROM "Lead" WHERE contactId = ?`).get(contact.id) as Record<string, unknown>;
    const submission = conn.prepare(`SELECT * FROM "LeadSubmission" WHERE leadId = ?`).get(lead.id) as Record<string, unknown>;
    const emails = conn.prepare(`SELECT * FROM "EmailMessage" WHERE leadId = ? ORDER BY template`).all(lead.id) as Record<string, unknown>[];
    const limits = conn.prepare(`SELECT key, points FROM rate_limits WHERE key LIKE '%' || ? OR key LIKE 'enroll:ip:%' ORDER BY key`).all(email) as Record<
      string,
      unknown
    >[];
    const ids = new Map<string, string>([
      [contact.id as string, "<contact>"],
      [lead.id as string, "<lead>"],
      [submission.id as string, "<submission>"],
      ...emails.map((e, i) => [e.id as string, `<email ${i}>`] as [string, string]),
    ]);
    return {
      contact: normalise(contact, ids),
      lead: normalise(lead, ids),
      submission: normalise(submission, ids),
      emails: emails.map((e) => normalise(e, ids)),
      limits: limits.map((l) => ({ ...l, key: String(l.key).replace(email, "<person>") })),
    };
  } finally {
    conn.close();
  }
}

beforeAll(async () => {
  await seedPrograms(t.db, NOW);
  cohort = await t.db.cohort.findFirstOrThrow({ where: { status: "open", startDate: { gt: NOW } }, include: { program: true } });
});
afterAll(() => t.cleanup());

describe.skipIf(!onSqlite)("bench:submissions' raw-driver baseline", () => {
  it("writes the same contact, lead, submission, emails and rate-limit counters as submitLead", async () => {
    const file = t.url.slice("file:".length);
    // The app, with its real SQLite rate-limit store on the same file.
    const limiter = createSqliteRateLimiter(file, GENEROUS_LIMITS);
    const programNames = new Map([[cohort.program.slug, cohort.program.name]]);
    const app = await submitLead(testSubmissionDeps(t.db, { limiter, programNames: async () => programNames }), "enroll", fields("app@example.com"), {
      ip: "203.0.113.9",
      now: NOW,
    });
    expect(app.kind).toBe("saved");
    await limiter.close();

    const raw = rawEnrollSaver(file, { siteUrl: SITE_URL, staffTo: [STAFF_INBOX], programNames, rules: GENEROUS_LIMITS });
    try {
      expect(raw.save(fields("raw@example.com"), "203.0.113.9", NOW)).toMatchObject({ kind: "saved", created: true });
    } finally {
      raw.close();
    }

    const a = rowsOf(file, "app@example.com");
    const b = rowsOf(file, "raw@example.com");
    expect(b.contact).toEqual(a.contact);
    expect(b.lead).toEqual(a.lead);
    expect(b.submission).toEqual(a.submission);
    expect(b.emails).toEqual(a.emails);
    expect(a.emails.map((e) => e.template)).toEqual(["enroll-confirmation", "staff-new-lead"]);
    // The same counters: one per person each, and the shared IP's counted twice.
    expect(a.limits.filter((l) => String(l.key).includes("identity"))).toEqual([{ key: "enroll:identity:<person>", points: 1 }]);
    expect(b.limits).toEqual([
      { key: "enroll:identity:<person>", points: 1 },
      { key: "enroll:ip:203.0.113.9", points: 2 },
    ]);
  });
});
