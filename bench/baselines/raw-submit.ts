/**
 * The raw-driver baseline of bench/submissions.ts: an application (/apply) saved with
 * better-sqlite3 prepared statements, writing the same rows as submitLead() does for it (the
 * contact, the lead, its submission row, the confirmation and staff emails in the outbox) and
 * the same two rate-limit counters, with the same checks (the form's zod schema, the
 * submission token, the cohort). No Prisma, no framework: what the database itself costs.
 * Not for production use; new contacts only (the benchmark never repeats an address).
 *
 * It deliberately reuses the app's pure parts (the schema, the summary, the consent text,
 * the name search keys, the IP hash) so that the rows are the same and the difference is the
 * data layer. tests/integration/bench-raw-submit.test.ts compares its rows with submitLead's.
 */
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { formatCohortDate } from "../../lib/content/programs";
import { rateLimitIpKey } from "../../lib/client-ip";
import { rulesFromEnv } from "../../lib/rate-limit";
import { attributionRows } from "../../lib/email/summary";
import { enrollForm } from "../../lib/forms/enroll/definition";
// The phone rules, as the app's server installs them (lib/forms/registry.ts imports this).
import "../../lib/forms/phone-rules-server";
import { consentDocumentVersions } from "../../lib/legal/consent";
import { newReferralCode, SUBMISSION_TOKEN_PATTERN } from "../../lib/leads/codes";
import { CONSENT } from "../../lib/leads/consent";
import { fieldErrorsFrom } from "../../lib/leads/errors";
import { nameSearchKeys } from "../../lib/leads/search-keys";
import { hashIp } from "../../lib/security/fingerprint";

export type RawOutcome =
  { kind: "saved"; leadId: string; created: boolean } | { kind: "invalid"; fieldErrors: Record<string, string> } | { kind: "rate_limited" };

export type RawSaverOptions = {
  siteUrl: string;
  staffTo: string[];
  programNames: Map<string, string>;
  /** Per IP and per person, as RATE_LIMIT_IP / RATE_LIMIT_IDENTITY. */
  rules: { ip: { points: number; durationSeconds: number }; identity: { points: number; durationSeconds: number } };
};

/** Prisma's text form of a DateTime on SQLite: "2026-12-07T00:17:19.202+00:00". */
const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** A collision-safe id of the same shape as Prisma's cuid (25 lower-case characters). */
let counter = 0;
const cuid = () =>
  `c${Date.now().toString(36)}${(counter++ % 1679616).toString(36).padStart(4, "0")}${randomBytes(8).toString("hex").slice(0, 12)}`.slice(0, 25);

export function rawEnrollSaver(file: string, options: RawSaverOptions) {
  const conn = new Database(file);
  conn.pragma("journal_mode = WAL");
  conn.pragma("busy_timeout = 5000");
  // The rate-limit store's table, as lib/rate-limit.ts creates it.
  conn.exec("CREATE TABLE IF NOT EXISTS rate_limits (key TEXT PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire INTEGER)");

  const q = {
    token: conn.prepare(`SELECT leadId FROM "LeadSubmission" WHERE submissionToken = ?`).pluck(),
    rate: conn.prepare(
      `INSERT INTO rate_limits (key, points, expire) VALUES (?, 1, ?)
       ON CONFLICT(key) DO UPDATE SET
         points = CASE WHEN expire IS NULL OR expire > ? THEN points + excluded.points ELSE excluded.points END,
         expire = CASE WHEN expire IS NULL OR expire > ? THEN expire ELSE excluded.expire END
       RETURNING points`,
    ),
    cohort: conn.prepare(
      `SELECT c.name, c.status, c.startDate FROM "Cohort" c JOIN "Program" p ON p.id = c.programId WHERE c.id = ? AND p.slug = ? AND p.published = 1`,
    ),
    contact: conn.prepare(`SELECT id FROM "Contact" WHERE email = ?`).pluck(),
    insertContact: conn.prepare(
      `INSERT INTO "Contact" (id, email, phone, name, referralCode, respondedAt, nameSource, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, 'submission', ?, ?)`,
    ),
    insertLead: conn.prepare(
      `INSERT INTO "Lead" (id, contactId, formType, status, name, email, phone, programSlug, cohortId, fields, consentVersion, consentText, consentAt,
         utmSource, utmMedium, utmCampaign, utmTerm, utmContent, referrerUrl, landingPage, article, cta, referralCode, referredById,
         searchName, searchLastName, submissionToken, revision, createdAt, updatedAt, privacyVersion, termsVersion)
       VALUES (?, ?, 'enroll', 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, ?, ?, ?, 1, ?, ?, ?, ?)`,
    ),
    insertSubmission: conn.prepare(
      `INSERT INTO "LeadSubmission" (id, leadId, contactId, revision, name, email, phone, fields, consentVersion, consentText, consentAt,
         utmSource, utmMedium, utmCampaign, utmTerm, utmContent, referrerUrl, landingPage, article, cta, referralCode, ipHash, visitorId,
         submissionToken, createdAt, privacyVersion, termsVersion)
       VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, ?, NULL, ?, ?, ?, ?)`,
    ),
    insertEmail: conn.prepare(
      `INSERT INTO "EmailMessage" (id, leadId, contactId, toAddress, template, data, category, status, idempotencyKey, attempts, nextAttemptAt, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, 'transactional', 'pending', ?, 0, ?, ?, ?)`,
    ),
  };

  const write = conn.transaction((row: { input: RawSaverInput; cohortLabel: string; token?: string; ip: string; now: Date }) => {
    const { input, now } = row;
    const at = iso(now);
    let contactId = q.contact.get(input.email) as string | undefined;
    if (contactId) throw new Error("The raw baseline handles new contacts only.");
    contactId = cuid();
    q.insertContact.run(contactId, input.email, input.phone, input.name, newReferralCode(), at, at, at);
    const consent = CONSENT[enrollForm.consent];
    const docs = consentDocumentVersions(enrollForm.consent, now);
    const fields = JSON.stringify(input);
    const search = nameSearchKeys(input.name);
    const leadId = cuid();
    q.insertLead.run(
      leadId,
      contactId,
      input.name,
      input.email,
      input.phone,
      input.program,
      input.cohort,
      fields,
      consent.version,
      consent.text,
      at,
      search.searchName ?? null,
      search.searchLastName ?? null,
      row.token ?? null,
      at,
      at,
      docs.privacyVersion ?? null,
      docs.termsVersion ?? null,
    );
    q.insertSubmission.run(
      cuid(),
      leadId,
      contactId,
      input.name,
      input.email,
      input.phone,
      fields,
      consent.version,
      consent.text,
      at,
      hashIp(row.ip) ?? null,
      row.token ?? null,
      at,
      docs.privacyVersion ?? null,
      docs.termsVersion ?? null,
    );
    const summary = enrollForm.summary(input as never, { programs: options.programNames, cohort: row.cohortLabel });
    const confirmation = { leadId, formType: "enroll", name: input.name, summary };
    q.insertEmail.run(cuid(), leadId, contactId, input.email, "enroll-confirmation", JSON.stringify(confirmation), `lead:${leadId}:confirmation`, at, at, at);
    const staff = {
      leadId,
      formType: "enroll",
      label: enrollForm.label,
      name: input.name,
      email: input.email,
      phone: input.phone,
      summary,
      attribution: attributionRows({}),
      consoleUrl: `${options.siteUrl}/console/leads/${leadId}`,
    };
    for (const [n, to] of options.staffTo.entries()) {
      q.insertEmail.run(cuid(), leadId, null, to, "staff-new-lead", JSON.stringify(staff), `lead:${leadId}:staff:${n}`, at, at, at);
    }
    return leadId;
  });
  // BEGIN IMMEDIATE, as the app's transactions (lib/db/index.ts).
  const writeImmediate = write.immediate;

  const overLimit = (key: string, rule: { points: number; durationSeconds: number }, nowMs: number) =>
    (q.rate.get(key, nowMs + rule.durationSeconds * 1000, nowMs, nowMs) as { points: number }).points > rule.points;

  return {
    save(raw: Record<string, unknown>, ip: string, now = new Date()): RawOutcome {
      if (typeof raw.website === "string" && raw.website.trim() !== "") return { kind: "saved", leadId: "", created: false };
      const parsed = enrollForm.schema.safeParse(raw);
      if (!parsed.success) return { kind: "invalid", fieldErrors: fieldErrorsFrom(parsed.error.issues) };
      const input = parsed.data as RawSaverInput;
      const token = typeof raw.submissionToken === "string" && SUBMISSION_TOKEN_PATTERN.test(raw.submissionToken) ? raw.submissionToken : undefined;
      if (token) {
        const existing = q.token.get(token) as string | undefined;
        if (existing) return { kind: "saved", leadId: existing, created: false };
      }
      // rate-limiter-flexible reads the wall clock, not the submission's `now`: so does this.
      const nowMs = Date.now();
      const ipOver = overLimit(`enroll:ip:${rateLimitIpKey(ip)}`, options.rules.ip, nowMs);
      const idOver = overLimit(`enroll:identity:${input.email.toLowerCase()}`, options.rules.identity, nowMs);
      if (ipOver || idOver) return { kind: "rate_limited" };
      const cohort = q.cohort.get(input.cohort, input.program) as { name: string; status: string; startDate: string } | undefined;
      if (!cohort || cohort.status !== "open" || new Date(cohort.startDate) <= now) return { kind: "invalid", fieldErrors: { cohort: "Choose a start date." } };
      const cohortLabel = `${cohort.name}, starting ${formatCohortDate(new Date(cohort.startDate))}`;
      const leadId = writeImmediate({ input, cohortLabel, token, ip, now });
      return { kind: "saved", leadId, created: true };
    },
    close() {
      conn.close();
    },
  };
}

type RawSaverInput = Record<string, unknown> & { name: string; email: string; phone: string; program: string; cohort: string };

/**
 * The saver as the raw baselines run it (bench/baselines/raw-submit-server.ts, and the Server
 * Action of bench/baselines/next-floor): on DATABASE_URL's SQLite file, with the program names
 * read from it, SITE_URL, STAFF_EMAIL and the rate-limit rules from the environment.
 */
export function rawEnrollSaverFromEnv(env: NodeJS.ProcessEnv = process.env) {
  const url = env.DATABASE_URL ?? "";
  if (!url.startsWith("file:")) throw new Error("The raw baseline runs on a SQLite file (DATABASE_URL=file:…).");
  const file = url.slice("file:".length);
  const names = new Database(file, { readonly: true });
  const rows = names.prepare(`SELECT slug, name FROM "Program"`).all() as { slug: string; name: string }[];
  names.close();
  return rawEnrollSaver(file, {
    siteUrl: env.SITE_URL || "http://localhost:3000",
    staffTo: (env.STAFF_EMAIL ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    programNames: new Map(rows.map((p) => [p.slug, p.name])),
    rules: rulesFromEnv(env),
  });
}
