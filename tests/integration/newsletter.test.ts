import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { testSubmissionDeps } from "../helpers/submissions";
import { tokenOf } from "../helpers/funnel";
import { submitLead, type SubmitOutcome } from "@/lib/leads/pipeline";
import { applyOwnershipLink } from "@/lib/ownership/apply-link";
import { confirmedView } from "@/lib/newsletter/confirm";
import { CONFIRMATION_INTERVAL_MINUTES } from "@/lib/newsletter/subscribe";
import { randomCode } from "@/lib/leads/codes";

const t = createTestDb();
afterAll(() => t.cleanup());
const deps = testSubmissionDeps(t.db);

const T0 = new Date(Date.UTC(2026, 11, 1, 9));
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const signUp = (email: string, now = T0, extra: Record<string, unknown> = {}) =>
  submitLead(deps, "newsletter", { email, consent: "on", submissionToken: randomUUID(), ...extra }, { ip: "198.51.100.20", now });

const emailsTo = (to: string) => t.db.emailMessage.findMany({ where: { toAddress: to }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
const links = async (to: string) =>
  (await emailsTo(to)).filter((m) => m.template === "ownership-link").map((m) => JSON.parse(m.data) as { purpose: string; url: string });

/** The page's answer: the part of an outcome a visitor sees. */
const answer = (o: SubmitOutcome) => (o.kind === "saved" || o.kind === "accepted" ? o.success : o);

describe("newsletter double opt-in", () => {
  it("a sign-up records consent and queues one confirmation link, and nothing else; the answer holds no code", async () => {
    const out = await signUp("first@example.com");
    expect(out.kind).toBe("saved");
    expect(answer(out)).toMatchObject({ headline: "Check your inbox to confirm" });
    expect(JSON.stringify(out)).not.toMatch(/LOOM\d+-/);

    const sub = await t.db.newsletterSubscription.findFirstOrThrow({ where: { contact: { email: "first@example.com" } } });
    expect(sub).toMatchObject({
      confirmedAt: null,
      unsubscribedAt: null,
      consentAt: T0,
      confirmationSentAt: T0,
      consentVersion: expect.stringMatching(/^newsletter-/),
    });
    const mail = await emailsTo("first@example.com");
    expect(mail.map((m) => m.template)).toEqual(["ownership-link"]);
    expect(JSON.parse(mail[0].data)).toMatchObject({ purpose: "newsletter-confirm", url: expect.stringContaining("/confirm/") });
    expect(await t.db.discountCode.count({ where: { contactId: sub.contactId } })).toBe(0);
  });

  it("sends at most one confirmation an hour for one address, whatever the sign-ups", async () => {
    await signUp("hourly@example.com");
    await signUp("hourly@example.com", later(1));
    await signUp("HOURLY@example.com", later(30));
    await signUp("hourly@example.com", later(CONFIRMATION_INTERVAL_MINUTES - 1));
    expect(await links("hourly@example.com")).toHaveLength(1);
    await signUp("hourly@example.com", later(CONFIRMATION_INTERVAL_MINUTES));
    expect(await links("hourly@example.com")).toHaveLength(2);
    await signUp("hourly@example.com", later(CONFIRMATION_INTERVAL_MINUTES + 5));
    expect(await links("hourly@example.com")).toHaveLength(2);
  });

  it("sends one confirmation when sign-ups for one address arrive at the same moment", async () => {
    await Promise.all(Array.from({ length: 4 }, () => signUp("burst@example.com", later(2))));
    expect(await links("burst@example.com")).toHaveLength(1);
  });

  it("answers the same for a new, a waiting and a confirmed address", async () => {
    const fresh = answer(await signUp("fresh@example.com"));
    const waiting = answer(await signUp("first@example.com", later(5)));
    await signUp("done@example.com");
    const [link] = await links("done@example.com");
    expect(await applyOwnershipLink(deps, tokenOf(link.url), { ip: "198.51.100.21", now: later(1) })).toMatchObject({ ok: true });
    const confirmed = answer(await signUp("done@example.com", later(90)));
    expect(waiting).toEqual(fresh);
    expect(confirmed).toEqual(fresh);
    // A confirmed subscriber is not mailed again by a sign-up.
    expect(await links("done@example.com")).toHaveLength(1);
  });

  it("confirming releases one code, on the page and in one welcome email, however often the link is used", async () => {
    await signUp("code@example.com");
    const [link] = await links("code@example.com");
    const token = tokenOf(link.url);
    const [a, b] = await Promise.all([
      applyOwnershipLink(deps, token, { ip: "198.51.100.22", now: later(10) }),
      applyOwnershipLink(deps, token, { ip: "198.51.100.22", now: later(10) }),
    ]);
    const won = [a, b].filter((r) => r.ok);
    expect(won).toHaveLength(1);
    expect([a, b].filter((r) => !r.ok)).toEqual([{ ok: false, reason: "used" }]);
    const first = won[0];
    if (!first.ok || first.purpose !== "newsletter-confirm" || first.view.kind !== "code") throw new Error(`no code: ${JSON.stringify(first)}`);
    expect(first.view).toMatchObject({ percent: 20, programSlugs: [], used: false, expiresAt: new Date(later(10).getTime() + 90 * 86_400_000) });
    expect(first.view.code).toMatch(/^LOOM20-[A-Z2-9]{8}$/);

    expect(await applyOwnershipLink(deps, token, { ip: "198.51.100.22", now: later(11) })).toEqual({ ok: false, reason: "used" });
    const welcome = (await emailsTo("code@example.com")).filter((m) => m.template === "newsletter-welcome");
    expect(welcome).toHaveLength(1);
    expect(JSON.parse(welcome[0].data)).toMatchObject({ discountCode: first.view.code, discountPercent: 20 });
    expect(welcome[0].unsubscribeToken).toBeTruthy();

    const sub = await t.db.newsletterSubscription.findFirstOrThrow({ where: { contact: { email: "code@example.com" } } });
    expect(sub.confirmedAt).toEqual(later(10));
    // The used link keeps showing the code (a reload, a second tab), until it would have expired.
    expect(await confirmedView(t.db, token, later(12))).toMatchObject({ kind: "code", code: first.view.code });
    expect(await confirmedView(t.db, token, later(8 * 24 * 60))).toBeNull();
    expect(await confirmedView(t.db, "x".repeat(43), later(12))).toBeNull();
  });

  it("gives aliases of one inbox one code", async () => {
    for (const email of ["jo.smith@gmail.com", "josmith+news@googlemail.com"]) await signUp(email);
    const codes = [];
    for (const email of ["jo.smith@gmail.com", "josmith+news@googlemail.com"]) {
      const [link] = await links(email);
      const r = await applyOwnershipLink(deps, tokenOf(link.url), { ip: "198.51.100.23", now: later(3) });
      if (!r.ok || r.purpose !== "newsletter-confirm" || r.view.kind !== "code") throw new Error(JSON.stringify(r));
      codes.push(r.view.code);
    }
    expect(codes[1]).toBe(codes[0]);
    expect(await t.db.discountCode.count({ where: { normalizedEmail: "josmith@gmail.com" } })).toBe(1);
  });

  it("gives an enrolled student a confirmed subscription and a welcome, without a code", async () => {
    const c = await t.db.contact.create({ data: { email: "student@example.com", referralCode: randomCode(10) } });
    await t.db.lead.create({ data: { contactId: c.id, formType: "enroll", status: "enrolled", email: "student@example.com", fields: "{}" } });
    await signUp("student@example.com");
    const [link] = await links("student@example.com");
    const r = await applyOwnershipLink(deps, tokenOf(link.url), { ip: "198.51.100.24", now: later(4) });
    expect(r).toMatchObject({ ok: true, purpose: "newsletter-confirm", view: { kind: "student" } });
    expect(await t.db.discountCode.count({ where: { contactId: c.id } })).toBe(0);
    const welcome = (await emailsTo("student@example.com")).filter((m) => m.template === "newsletter-welcome");
    expect(welcome).toHaveLength(1);
    expect(JSON.parse(welcome[0].data).discountCode).toBeUndefined();
    expect(await confirmedView(t.db, tokenOf(link.url), later(5))).toEqual({ kind: "student" });
  });

  it("a sign-up after an unsubscribe waits for a new confirmation before anything is sent", async () => {
    await signUp("back@example.com");
    const [link] = await links("back@example.com");
    await applyOwnershipLink(deps, tokenOf(link.url), { ip: "198.51.100.25", now: later(1) });
    const contact = await t.db.contact.findUniqueOrThrow({ where: { email: "back@example.com" } });
    await t.db.newsletterSubscription.update({ where: { contactId: contact.id }, data: { unsubscribedAt: later(2) } });
    await t.db.emailSuppression.create({ data: { address: "back@example.com", scope: "marketing", reason: "unsubscribe" } });

    await signUp("back@example.com", later(120));
    const sub = await t.db.newsletterSubscription.findUniqueOrThrow({ where: { contactId: contact.id } });
    expect(sub).toMatchObject({ confirmedAt: null, unsubscribedAt: null });
    // The typed address alone does not lift the unsubscribe.
    expect(await t.db.emailSuppression.count({ where: { address: "back@example.com" } })).toBe(1);
    const all = await links("back@example.com");
    expect(all).toHaveLength(2);
    await applyOwnershipLink(deps, tokenOf(all[1].url), { ip: "198.51.100.25", now: later(121) });
    expect(await t.db.emailSuppression.count({ where: { address: "back@example.com" } })).toBe(0);
    expect(await t.db.newsletterSubscription.findUniqueOrThrow({ where: { contactId: contact.id } })).toMatchObject({ confirmedAt: later(121) });
    // The welcome went once, at the first confirmation.
    expect((await emailsTo("back@example.com")).filter((m) => m.template === "newsletter-welcome")).toHaveLength(1);
  });
});
