/**
 * The referral rules a referral link (/r/<code>, kept in the first-touch cookie, or a `ref`
 * field in the post) must keep, through submitLead on a real database (SQLite, and PostgreSQL
 * with TEST_DATABASE=postgres):
 * - a new person who arrives through someone's link is that person's referral (the control:
 *   without it the rules below would pass on a link that does nothing);
 * - an existing contact who comes back through someone's link earns the referrer nothing and
 *   keeps who referred them (nobody, or the first referrer);
 * - a person using their own link is not recorded as referred by themselves.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedPrograms } from "@/lib/content/seed-programs";
import type { FormType } from "@/lib/leads/form-types";
import { submitLead, type SubmissionContext } from "@/lib/leads/pipeline";
import { testSubmissionDeps } from "../helpers/submissions";
import { createTestDb } from "../helpers/test-db";

const t = createTestDb();
const deps = testSubmissionDeps(t.db);

let course = "";
beforeAll(async () => {
  await seedPrograms(t.db, new Date());
  course = (await t.db.program.findFirstOrThrow({ where: { published: true } })).slug;
});
afterAll(() => t.cleanup());

const address = (who: string) => `${who}-${randomUUID().slice(0, 8)}@example.com`;

async function submit(form: FormType, raw: Record<string, unknown>, ctx: Partial<SubmissionContext> = {}) {
  const out = await submitLead(deps, form, { consent: "on", submissionToken: randomUUID(), ...raw }, { ip: "203.0.113.50", ...ctx });
  if (out.kind !== "saved") throw new Error(`not saved: ${JSON.stringify(out)}`);
  return out;
}

const newsletter = (email: string, raw: Record<string, unknown> = {}, ctx: Partial<SubmissionContext> = {}) => submit("newsletter", { email, ...raw }, ctx);
const quote = (email: string, raw: Record<string, unknown> = {}, ctx: Partial<SubmissionContext> = {}) =>
  submit("quote", { audience: "individual", name: "Quinn Quote", email, courses: course, platform: "linux", contactBy: "email", ...raw }, ctx);

const contact = (email: string) => t.db.contact.findUniqueOrThrow({ where: { email } });

/** A person with a referral link: their contact and code. */
async function referrer(who: string) {
  const email = address(who);
  await newsletter(email);
  return contact(email);
}

/** Everything the ledger holds for a contact, as [bucket, amount] pairs. */
const ledger = async (contactId: string) =>
  (await t.db.pointsEntry.findMany({ where: { contactId }, orderBy: { createdAt: "asc" } })).map((e) => [e.bucket, e.amount]);

/** Points earned, pending or confirmed (moving points between buckets nets to zero). */
const earned = async (contactId: string) => (await ledger(contactId)).reduce((sum, [, amount]) => sum + Number(amount), 0);

/** The two ways a referral link reaches a submission. */
const VIA: [string, (code: string) => { raw: Record<string, unknown>; ctx: Partial<SubmissionContext> }][] = [
  ["the first-touch cookie (/r/<code>)", (code) => ({ raw: {}, ctx: { firstTouch: { ref: code } } })],
  ["the ref field of the post (?ref=<code>)", (code) => ({ raw: { ref: code }, ctx: {} })],
];

describe.each(VIA)("a referral link carried by %s", (_how, via) => {
  it("makes a new person the link owner's referral, worth 100 points (the control)", async () => {
    const rita = await referrer("rita");
    const email = address("new");
    const link = via(rita.referralCode);
    const out = await quote(email, link.raw, link.ctx);
    expect((await contact(email)).referredById).toBe(rita.id);
    expect((await t.db.lead.findUniqueOrThrow({ where: { id: out.leadId } })).referredById).toBe(rita.id);
    expect(await earned(rita.id)).toBe(100);
  });

  it("earns the link owner nothing for an existing contact, and does not re-attribute them", async () => {
    const rita = await referrer("rita");
    const eve = address("eve");
    await newsletter(eve); // Eve is already a contact, referred by nobody
    const link = via(rita.referralCode);
    await quote(eve, link.raw, link.ctx);
    await newsletter(eve, link.raw, link.ctx);
    expect((await contact(eve)).referredById).toBeNull();
    expect(await ledger(rita.id)).toEqual([]);
  });

  it("keeps an existing contact with their first referrer, and earns the second nothing", async () => {
    const sam = await referrer("sam");
    const rita = await referrer("rita");
    const fay = address("fay");
    await submit("referral", { name: "Sam Sender", email: sam.email, friends: [{ name: "Fay Friend", email: fay }] });
    expect(await earned(sam.id)).toBe(100);

    const link = via(rita.referralCode);
    await quote(fay, link.raw, link.ctx);
    expect((await contact(fay)).referredById).toBe(sam.id);
    expect(await ledger(rita.id)).toEqual([]);
    expect(await earned(sam.id)).toBe(100);
  });

  it("does not record a person using their own link as referred by themselves", async () => {
    const rita = await referrer("rita");
    const link = via(rita.referralCode);
    const out = await quote(rita.email!, link.raw, link.ctx);
    const lead = await t.db.lead.findUniqueOrThrow({ where: { id: out.leadId } });
    expect(lead.contactId).toBe(rita.id);
    expect(lead.referredById).toBeNull();
    expect((await contact(rita.email!)).referredById).toBeNull();
    expect(await ledger(rita.id)).toEqual([]);
  });
});
