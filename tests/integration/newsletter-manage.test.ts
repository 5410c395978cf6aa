import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { testSubmissionDeps } from "../helpers/submissions";
import { confirmNewsletter, latestEmail, tokenOf } from "../helpers/funnel";
import { submitLead } from "@/lib/leads/pipeline";
import { applyOwnershipLink } from "@/lib/ownership/apply-link";
import { emailSettings, requestManageLink, saveTopics, unsubscribeEverything } from "@/lib/newsletter/manage";
import { OWNERSHIP_LINKS_PER_HOUR } from "@/lib/ownership/tokens";
import { createMemoryRateLimiter } from "@/lib/rate-limit";

const t = createTestDb();
afterAll(() => t.cleanup());
const deps = testSubmissionDeps(t.db);
const ctx = { ip: "198.51.100.40" };
const T0 = new Date(Date.UTC(2026, 11, 2, 10));

async function subscribed(email: string) {
  await submitLead(deps, "newsletter", { email, consent: "on", submissionToken: randomUUID() }, { ...ctx, now: T0 });
  await confirmNewsletter(deps, email);
  return (await t.db.contact.findUniqueOrThrow({ where: { email } })).id;
}

/** The person asks for a settings link and uses it: what the proof cookie would carry. */
async function prove(email: string) {
  await requestManageLink(deps, { email }, ctx);
  const link = await latestEmail(t.db, email, "ownership-link");
  expect(link.parsed.purpose).toBe("manage-emails");
  const used = await applyOwnershipLink(deps, tokenOf(link.parsed.url), ctx);
  if (!used.ok || used.purpose !== "manage-emails") throw new Error(JSON.stringify(used));
  return { contactId: used.contactId, email: used.email };
}

describe("manage my emails", () => {
  it("emails a settings link to a known address, answers an unknown one the same, and sends it nothing", async () => {
    await subscribed("known@example.com");
    const known = await requestManageLink(deps, { email: "Known@Example.com" }, ctx);
    const unknown = await requestManageLink(deps, { email: "nobody@example.com" }, ctx);
    const { submissionToken: _a, ...a } = known;
    const { submissionToken: _b, ...b } = unknown;
    expect(a).toEqual(b);
    expect(a).toMatchObject({ status: "success", success: { headline: "Check your inbox" } });
    expect(await t.db.emailMessage.count({ where: { toAddress: "nobody@example.com" } })).toBe(0);
    const link = await latestEmail(t.db, "known@example.com", "ownership-link");
    expect(link.parsed).toMatchObject({ purpose: "manage-emails" });
  });

  it("rejects a malformed address next to the field, and caps links per address and the form's rate", async () => {
    expect(await requestManageLink(deps, { email: "not-an-address" }, ctx)).toMatchObject({ status: "error", fieldErrors: { email: expect.any(String) } });

    await subscribed("many@example.com");
    for (let i = 0; i < OWNERSHIP_LINKS_PER_HOUR + 2; i++) await requestManageLink(deps, { email: "many@example.com" }, ctx);
    const links = await t.db.emailMessage.findMany({ where: { toAddress: "many@example.com", template: "ownership-link" } });
    expect(links.filter((m) => (JSON.parse(m.data) as { purpose: string }).purpose === "manage-emails")).toHaveLength(OWNERSHIP_LINKS_PER_HOUR);

    const tight = testSubmissionDeps(t.db, {
      limiter: createMemoryRateLimiter({ ip: { points: 2, durationSeconds: 600 }, identity: { points: 2, durationSeconds: 600 } }),
    });
    await requestManageLink(tight, { email: "x@example.com" }, ctx);
    await requestManageLink(tight, { email: "x@example.com" }, ctx);
    expect(await requestManageLink(tight, { email: "x@example.com" }, ctx)).toMatchObject({ status: "error", message: expect.stringMatching(/try again in/) });
  });

  it("lets the proven owner pick topics: every topic by default, a subset stored, none refused", async () => {
    const contactId = await subscribed("topics@example.com");
    const proof = await prove("topics@example.com");
    expect(proof).toEqual({ contactId, email: "topics@example.com" });
    expect(await emailSettings(t.db, proof)).toEqual({
      email: "topics@example.com",
      state: "confirmed",
      topics: ["career-guides", "events", "offers"],
      blocked: false,
    });
    expect(await saveTopics(t.db, proof, ["events"], T0)).toBe("saved");
    expect((await t.db.newsletterSubscription.findUniqueOrThrow({ where: { contactId } })).topics).toBe('["events"]');
    expect((await emailSettings(t.db, proof))?.topics).toEqual(["events"]);
    expect(await saveTopics(t.db, proof, [], T0)).toBe("none-chosen");
    expect(await saveTopics(t.db, proof, ["events", "spam"], T0)).toBe("invalid");
    expect((await emailSettings(t.db, proof))?.topics).toEqual(["events"]);
    // Every topic again is stored as null, so topics added later are included.
    expect(await saveTopics(t.db, proof, ["offers", "career-guides", "events"], T0)).toBe("saved");
    expect((await t.db.newsletterSubscription.findUniqueOrThrow({ where: { contactId } })).topics).toBeNull();
  });

  it("a proof for an address that is no longer the contact's shows and changes nothing", async () => {
    const contactId = await subscribed("moved@example.com");
    const stale = { contactId, email: "old-address@example.com" };
    expect(await emailSettings(t.db, stale)).toBeNull();
    expect(await saveTopics(t.db, stale, ["events"], T0)).toBe("not-subscribed");
    expect(await unsubscribeEverything(t.db, stale, T0)).toBe(false);
    expect((await t.db.newsletterSubscription.findUniqueOrThrow({ where: { contactId } })).unsubscribedAt).toBeNull();
  });

  it("a waiting subscription cannot pick topics; unsubscribe from everything ends marketing, and a bounce stays", async () => {
    await submitLead(deps, "newsletter", { email: "waiting@example.com", consent: "on", submissionToken: randomUUID() }, { ...ctx, now: T0 });
    // Its confirmation link is the newest ownership link until the settings link is asked for.
    const proof = await prove("waiting@example.com");
    expect((await emailSettings(t.db, proof))?.state).toBe("waiting");
    expect(await saveTopics(t.db, proof, ["events"], T0)).toBe("not-subscribed");

    const contactId = await subscribed("leaving@example.com");
    const leaving = await prove("leaving@example.com");
    expect(await unsubscribeEverything(t.db, leaving, T0)).toBe(true);
    expect(await t.db.emailSuppression.findUnique({ where: { address: "leaving@example.com" } })).toMatchObject({ scope: "marketing", reason: "unsubscribe" });
    expect(await t.db.contact.findUniqueOrThrow({ where: { id: contactId } })).toMatchObject({ marketingOptOutAt: T0 });
    expect((await emailSettings(t.db, leaving))?.state).toBe("unsubscribed");

    const bouncedId = await subscribed("bounced@example.com");
    await t.db.emailSuppression.create({ data: { address: "bounced@example.com", scope: "all", reason: "hard_bounce" } });
    const bounced = { contactId: bouncedId, email: "bounced@example.com" };
    expect((await emailSettings(t.db, bounced))?.blocked).toBe(true);
    await unsubscribeEverything(t.db, bounced, T0);
    expect(await t.db.emailSuppression.findUnique({ where: { address: "bounced@example.com" } })).toMatchObject({ scope: "all", reason: "hard_bounce" });
  });
});
