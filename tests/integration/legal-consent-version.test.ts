import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { testSubmissionDeps } from "../helpers/submissions";
import { submitLead } from "@/lib/leads/pipeline";
import { consentDocumentLinks } from "@/lib/legal/consent";
import type { FormType } from "@/lib/leads/form-types";

const t = createTestDb();
const deps = testSubmissionDeps(t.db);
afterAll(() => t.cleanup());

// The first privacy notice and referral terms took effect at 00:00 UTC on 1 October 2026,
// the second privacy notice at 00:00 UTC on 6 December 2026 (lib/legal/registry.ts). The
// expected numbers are written here, not looked up, so a registry that answered wrongly
// would fail this test.
const BEFORE_FIRST_NOTICE = new Date("2026-09-30T23:59:59Z");
const FIRST_NOTICE_TAKES_EFFECT = new Date("2026-10-01T00:00:00Z");
const LATER = new Date("2026-11-20T10:00:00Z");
const LAST_MOMENT_OF_FIRST_NOTICE = new Date("2026-12-05T23:59:59.999Z");
const SECOND_NOTICE_TAKES_EFFECT = new Date("2026-12-06T00:00:00Z");

async function submitAt(now: Date, formType: FormType, raw: Record<string, unknown>) {
  const out = await submitLead(deps, formType, { consent: "on", submissionToken: randomUUID(), ...raw }, { ip: "203.0.113.9", now });
  if (out.kind !== "saved") throw new Error(`expected a saved lead, got ${out.kind}`);
  const lead = await t.db.lead.findUniqueOrThrow({ where: { id: out.leadId }, include: { submissions: true } });
  return { lead, submission: lead.submissions[0] };
}

describe("the privacy notice version stored with a consent", () => {
  it("is the version in force at the moment of consent, on the lead and its submission", async () => {
    const { lead, submission } = await submitAt(LATER, "newsletter", { email: "later@example.com" });
    expect(lead.consentAt).toEqual(LATER);
    expect(lead.privacyVersion).toBe(1);
    expect(submission.privacyVersion).toBe(1);
    // Only a referral consent cites the referral terms.
    expect(lead.termsVersion).toBeNull();
  });

  it("is the first version from the first instant of its effective day", async () => {
    const { lead } = await submitAt(FIRST_NOTICE_TAKES_EFFECT, "newsletter", { email: "on-the-day@example.com" });
    expect(lead.privacyVersion).toBe(1);
  });

  it("moves to the second version at the first instant of its effective day, and the console links it", async () => {
    const before = await submitAt(LAST_MOMENT_OF_FIRST_NOTICE, "newsletter", { email: "eve-of-v2@example.com" });
    expect(before.lead.privacyVersion).toBe(1);
    const after = await submitAt(SECOND_NOTICE_TAKES_EFFECT, "newsletter", { email: "day-of-v2@example.com" });
    expect(after.lead.privacyVersion).toBe(2);
    expect(after.submission.privacyVersion).toBe(2);
    expect(consentDocumentLinks(after.lead).map((l) => l.href)).toEqual(["/privacy/v/2"]);
  });

  it("is empty for a consent given before any notice took effect", async () => {
    const { lead, submission } = await submitAt(BEFORE_FIRST_NOTICE, "newsletter", { email: "early@example.com" });
    expect(lead.privacyVersion).toBeNull();
    expect(submission.privacyVersion).toBeNull();
  });

  it("is stored on the newsletter subscription too, and renewed with a fresh consent", async () => {
    await submitAt(BEFORE_FIRST_NOTICE, "newsletter", { email: "resub@example.com" });
    const contact = await t.db.contact.findUniqueOrThrow({ where: { email: "resub@example.com" } });
    expect((await t.db.newsletterSubscription.findUniqueOrThrow({ where: { contactId: contact.id } })).privacyVersion).toBeNull();

    await t.db.newsletterSubscription.update({ where: { contactId: contact.id }, data: { unsubscribedAt: LATER } });
    await submitAt(LATER, "newsletter", { email: "resub@example.com" });
    const renewed = await t.db.newsletterSubscription.findUniqueOrThrow({ where: { contactId: contact.id } });
    expect(renewed.unsubscribedAt).toBeNull();
    expect(renewed.privacyVersion).toBe(1);
  });
});

describe("the referral terms version stored with a referral consent", () => {
  it("is the version in force at the moment of consent, next to the privacy notice's", async () => {
    const { lead, submission } = await submitAt(LATER, "referral", {
      name: "Rita Referrer",
      email: "rita@example.com",
      friends: [{ name: "Fay Friend", email: "fay@example.com" }],
    });
    expect(lead.consentVersion).toMatch(/^referral-/);
    expect(lead.termsVersion).toBe(1);
    expect(lead.privacyVersion).toBe(1);
    expect(submission.termsVersion).toBe(1);
    // What the console's lead page links: the exact texts agreed to, not the current ones.
    expect(consentDocumentLinks(lead).map((l) => l.href)).toEqual(["/privacy/v/1", "/referral-terms/v/1"]);
  });

  it("is empty before the first terms took effect", async () => {
    const { lead } = await submitAt(BEFORE_FIRST_NOTICE, "referral", {
      name: "Early Referrer",
      email: "early-ref@example.com",
      friends: [{ name: "Gus Friend", email: "gus@example.com" }],
    });
    expect(lead.termsVersion).toBeNull();
    expect(lead.privacyVersion).toBeNull();
  });
});
