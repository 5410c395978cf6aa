/**
 * "Write an email" from the lead page against a real database (SQLite by default, PostgreSQL
 * with TEST_DATABASE=postgres): the email is queued once per form token with its timeline
 * entry, merge fields filled from the lead and the writer; a bounced or complained address,
 * or none, is refused with nothing queued; the writer's address is the Reply-To, stored on
 * the row and sent to Resend; the templates' merge fields are checked when saved.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Interrupt } from "../helpers/next-request";
import { startFakeResend, type FakeResend } from "../helpers/fake-resend";
import { createTestDb } from "../helpers/test-db";
import { createStaffAction, type StaffMember } from "@/lib/actions/client";
import { activeTemplates, createTemplate, setTemplateArchived, updateTemplate } from "@/lib/console/email-templates";
import { leadEmailContext, newEmailToken, sendLeadEmail } from "@/lib/console/lead-email";
import { saveProfile } from "@/lib/console/profile";
import { drainOutbox } from "@/lib/email/dispatcher";
import { renderEmail } from "@/lib/email/render";
import { resendTransport } from "@/lib/email/transport";

const t = createTestDb();
process.env.DATABASE_URL = t.url;

// The action's Next.js side: the session (a fixed staff member) and redirect, simulated.
const session = vi.hoisted(() => ({ staff: null as null | { id: string; name: string; email: string; role: "staff" | "admin" } }));
vi.mock("next/navigation", async () => (await import("../helpers/next-request")).nextNavigation);
vi.mock("@/app/(console)/auth", () => ({
  staffAction: createStaffAction({
    currentStaff: async () => session.staff as StaffMember | null,
    signIn: (to) => {
      throw new Interrupt("redirect", `/console/sign-in?next=${to}`);
    },
  }),
}));

const NOW = new Date();
let fake: FakeResend;

async function staffUser(name: string, signature: string | null = null) {
  return t.db.user.create({
    data: {
      id: randomUUID(),
      name,
      email: `${name.toLowerCase().replace(/\W+/g, ".")}-${randomUUID().slice(0, 6)}@loomstack.example`,
      role: "staff",
      emailSignature: signature,
    },
  });
}

async function lead(name: string | null, opts: { email?: string | null; programSlug?: string } = {}) {
  const email = opts.email === undefined ? `${randomUUID().slice(0, 8)}@example.com` : opts.email;
  const contact = await t.db.contact.create({ data: { email, name, referralCode: randomUUID().slice(0, 8).toUpperCase() } });
  return t.db.lead.create({ data: { contactId: contact.id, formType: "enroll", fields: "{}", name, email, programSlug: opts.programSlug } });
}

const send = (leadId: string, writerId: string, over: Partial<{ token: string; subject: string; body: string; now: Date }> = {}) =>
  sendLeadEmail(t.db, {
    leadId,
    writerId,
    token: over.token ?? newEmailToken(),
    subject: over.subject ?? "About {{program}}",
    body: over.body ?? "Hi {{first_name}},\n\nShall we talk about {{program}}?\n\n{{advisor_signature}}",
    now: over.now ?? NOW,
  });

const rowsFor = (leadId: string) => t.db.emailMessage.findMany({ where: { leadId } });
const entriesFor = (leadId: string) => t.db.leadActivity.findMany({ where: { leadId, type: "email" } });

let program: { slug: string; name: string };
beforeAll(async () => {
  fake = await startFakeResend();
  program = { slug: `p-${randomUUID().slice(0, 8)}`, name: "Data Analytics Evenings" };
  await t.db.program.create({
    data: {
      ...program,
      tagline: "t",
      summary: "s",
      format: "Online, live",
      schedule: "Evenings",
      durationWeeks: 12,
      hoursPerWeek: 10,
      level: "Beginner",
      outcomes: "o",
      curriculum: "c",
    },
  });
});
afterAll(async () => {
  await fake.close();
  await t.cleanup();
});

describe("sending an email to a lead", () => {
  it("queues one message with the merge fields filled, the writer as Reply-To, and one timeline entry, in one go", async () => {
    const dana = await staffUser("Dana Whitfield", "Dana Whitfield\nAdmissions advisor");
    const l = await lead("Omar Haddad", { programSlug: program.slug });
    const out = await send(l.id, dana.id);
    expect(out).toMatchObject({ ok: true, duplicate: false });

    const rows = await rowsFor(l.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ template: "staff-message", category: "staff", replyTo: dana.email, toAddress: l.email, contactId: l.contactId });
    expect(JSON.parse(rows[0].data)).toEqual({
      subject: "About Data Analytics Evenings",
      body: "Hi Omar,\n\nShall we talk about Data Analytics Evenings?\n\nDana Whitfield\nAdmissions advisor",
    });
    const entries = await entriesFor(l.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: dana.id,
      detail: "About Data Analytics Evenings\nHi Omar,\nShall we talk about Data Analytics Evenings?\nDana Whitfield\n…",
    });
  });

  it("queues nothing more when the same form is sent again, or twice at once", async () => {
    const dana = await staffUser("Dana Again");
    const l = await lead("Rita Moreno");
    const token = newEmailToken();
    const first = await send(l.id, dana.id, { token });
    const again = await send(l.id, dana.id, { token, body: "A different body, same form" });
    expect(first.ok && again.ok && again.duplicate && again.messageId === first.messageId).toBe(true);
    const both = await Promise.all([
      send(l.id, dana.id, { token: "x".repeat(32), body: "Twice at once" }),
      send(l.id, dana.id, { token: "x".repeat(32), body: "Twice at once" }),
    ]);
    expect(both.filter((o) => o.ok && !o.duplicate)).toHaveLength(1);
    expect(await rowsFor(l.id)).toHaveLength(2);
    expect(await entriesFor(l.id)).toHaveLength(2);
  });

  it("takes the same message from a page fetched again (a new token) within ten minutes as already sent, not after", async () => {
    const dana = await staffUser("Dana Back");
    const l = await lead("Sam Carter");
    const sentAt = new Date();
    const after = (ms: number) => new Date(sentAt.getTime() + ms);
    await send(l.id, dana.id, { subject: "Hello", body: "Same words", now: sentAt });
    expect(await send(l.id, dana.id, { subject: "Hello", body: "Same words", now: after(9 * 60_000) })).toMatchObject({
      ok: true,
      duplicate: true,
    });
    expect(await send(l.id, dana.id, { subject: "Hello", body: "Other words", now: after(60_000) })).toMatchObject({ ok: true, duplicate: false });
    // Later on, the same words are a new email (the guard is about resubmissions, not content).
    expect(await send(l.id, dana.id, { subject: "Hello", body: "Same words", now: after(11 * 60_000) })).toMatchObject({
      ok: true,
      duplicate: false,
    });
    expect(await rowsFor(l.id)).toHaveLength(3);
  });

  it("falls back to 'there', 'our programs' and the writer's name when the lead or profile has none", async () => {
    const sam = await staffUser("Sam Staff");
    const l = await lead(null);
    await send(l.id, sam.id, { subject: "Hi {{first_name}}", body: "About {{program}}.\n{{advisor_signature}} ({{advisor_name}}){{last_name}}" });
    const [row] = await rowsFor(l.id);
    expect(JSON.parse(row.data)).toEqual({ subject: "Hi there", body: "About our programs.\nSam Staff (Sam Staff)" });
  });

  it("uses the signature saved on the writer's profile", async () => {
    const ada = await staffUser("Ada Admin");
    expect(await saveProfile(t.db, ada.id, { timeZone: "", signature: "  Ada\r\nHead of admissions  " })).toMatchObject({ ok: true });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: ada.id } })).emailSignature).toBe("Ada\nHead of admissions");
    const l = await lead("Linus Chen");
    await send(l.id, ada.id, { body: "Thanks.\n{{advisor_signature}}" });
    expect(JSON.parse((await rowsFor(l.id))[0].data).body).toBe("Thanks.\nAda\nHead of admissions");
    // A post without the field (an older form) leaves the signature as it is.
    await saveProfile(t.db, ada.id, { timeZone: "" });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: ada.id } })).emailSignature).toBe("Ada\nHead of admissions");
  });
});

describe("who cannot be written to", () => {
  it.each([
    ["hard bounce", "all", "hard_bounce", "bounced"],
    ["complaint", "marketing", "complaint", "spam"],
  ])("refuses an address with a %s, next to the address, and queues nothing", async (_label, scope, reason, words) => {
    const dana = await staffUser(`Dana ${reason}`);
    const l = await lead("Blocked Person");
    await t.db.emailSuppression.create({ data: { address: l.email!, scope, reason } });
    const context = await leadEmailContext(t.db, l.id, dana.id);
    expect(context?.block?.kind).toBe(reason === "complaint" ? "complained" : "bounced");
    const out = await send(l.id, dana.id);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.field).toBe("to");
    expect(!out.ok && out.error).toContain(words);
    expect(await rowsFor(l.id)).toHaveLength(0);
    expect(await entriesFor(l.id)).toHaveLength(0);
  });

  it("still writes to someone who only unsubscribed from marketing", async () => {
    const dana = await staffUser("Dana Unsub");
    const l = await lead("Unsubscribed Person");
    await t.db.emailSuppression.create({ data: { address: l.email!, scope: "marketing", reason: "unsubscribe" } });
    expect((await leadEmailContext(t.db, l.id, dana.id))?.block).toBeNull();
    expect(await send(l.id, dana.id)).toMatchObject({ ok: true, duplicate: false });
  });

  it("refuses a lead with no email address", async () => {
    const dana = await staffUser("Dana Phone");
    const l = await lead("Phone Only", { email: null });
    expect(await send(l.id, dana.id)).toMatchObject({ ok: false, field: "to" });
    expect(await rowsFor(l.id)).toHaveLength(0);
  });
});

describe("delivery", () => {
  it("sends the writer's address as Reply-To to Resend, and the site's for other emails; a complaint after queuing stops it", async () => {
    const dana = await staffUser("Dana Deliver");
    const l = await lead("Grace Hopper");
    const late = await lead("Late Complainer");
    await send(l.id, dana.id, { subject: "Reply to me", body: "<b>Hi</b> {{first_name}}" });
    await send(late.id, dana.id, { subject: "Never sent", body: "Hello" });
    await t.db.emailSuppression.create({ data: { address: late.email!, scope: "marketing", reason: "complaint" } });
    await t.db.emailMessage.create({
      data: {
        toAddress: "other@example.com",
        template: "password-reset",
        data: JSON.stringify({ name: "X", url: "https://x.example/r", expiresAt: NOW.toISOString() }),
        category: "transactional",
        idempotencyKey: `other-${randomUUID()}`,
      },
    });
    fake.deliveries.length = 0;
    await drainOutbox({
      db: t.db,
      transport: resendTransport({ apiKey: "re_test_key", baseUrl: fake.url, timeoutMs: 2_000 }),
      render: (template, data, ctx) => renderEmail(template, data as never, ctx),
      from: "Loomstack Academy <hello@loomstack.example>",
      replyTo: "hello@loomstack.example",
      siteUrl: "https://loomstack.example",
    });
    const mine = fake.deliveries.find((d) => d.to[0] === l.email);
    expect(mine?.replyTo).toBe(dana.email);
    expect(mine?.subject).toBe("Reply to me");
    // The lead's name and the writer's words are text in the HTML part, never markup.
    expect(mine?.html).toContain("&lt;b&gt;Hi&lt;/b&gt; Grace");
    expect(mine?.text).toContain("<b>Hi</b> Grace");
    expect(fake.deliveries.find((d) => d.to[0] === "other@example.com")?.replyTo).toBe("hello@loomstack.example");
    expect(fake.deliveries.some((d) => d.to[0] === late.email)).toBe(false);
    expect((await rowsFor(late.id))[0].status).toBe("suppressed");
  });
});

describe("the Server Action", () => {
  it("sends once when the same post arrives twice, and comes back to the lead page", async () => {
    const dana = await staffUser("Dana Action");
    session.staff = { id: dana.id, name: dana.name, email: dana.email, role: "staff" };
    const { sendLeadEmailAction } = await import("@/app/(console)/console/leads/email/actions");
    const l = await lead("Action Person");
    const post = () => {
      const f = new FormData();
      for (const [k, v] of Object.entries({ leadId: l.id, token: "t".repeat(32), subject: "Hi {{first_name}}", body: "Hello", intent: "send" })) f.append(k, v);
      return f;
    };
    const redirectOf = async () => {
      try {
        await sendLeadEmailAction({ status: "idle" }, post());
      } catch (e) {
        if (e instanceof Interrupt) return e.to;
        throw e;
      }
      return "no redirect";
    };
    expect(await redirectOf()).toBe(`/console/leads/${l.id}?emailed=sent#email`);
    expect(await redirectOf()).toBe(`/console/leads/${l.id}?emailed=already#email`);
    expect(await rowsFor(l.id)).toHaveLength(1);
    expect(await entriesFor(l.id)).toHaveLength(1);
  });

  it("answers an empty subject, an unknown merge field and a bounced address next to their fields, queuing nothing", async () => {
    const dana = await staffUser("Dana Fields");
    session.staff = { id: dana.id, name: dana.name, email: dana.email, role: "staff" };
    const { sendLeadEmailAction } = await import("@/app/(console)/console/leads/email/actions");
    const l = await lead("Field Person");
    const post = (fields: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries({ leadId: l.id, token: newEmailToken(), intent: "send", ...fields })) f.append(k, v);
      return f;
    };
    const empty = await sendLeadEmailAction({ status: "idle" }, post({ subject: "  ", body: "Hello" }));
    expect(empty).toMatchObject({ status: "error", fieldErrors: { subject: "Write the subject." }, values: { subject: "  ", body: "Hello" } });
    const unknown = await sendLeadEmailAction({ status: "idle" }, post({ subject: "Hi", body: "Hello {{firstname}}" }));
    expect(unknown).toMatchObject({ status: "error", fieldErrors: { body: expect.stringContaining("{{first_name}}") } });
    await t.db.emailSuppression.create({ data: { address: l.email!, scope: "all", reason: "hard_bounce" } });
    const bounced = await sendLeadEmailAction({ status: "idle" }, post({ subject: "Hi", body: "Hello" }));
    expect(bounced).toMatchObject({ status: "error", fieldErrors: { to: expect.stringContaining("bounced") } });
    expect(await rowsFor(l.id)).toHaveLength(0);
  });

  it("previews with the merge fields filled in, sending nothing", async () => {
    const dana = await staffUser("Dana Preview", "D.");
    session.staff = { id: dana.id, name: dana.name, email: dana.email, role: "staff" };
    const { sendLeadEmailAction } = await import("@/app/(console)/console/leads/email/actions");
    const l = await lead("Priya Nair", { programSlug: program.slug });
    const f = new FormData();
    for (const [k, v] of Object.entries({
      leadId: l.id,
      token: newEmailToken(),
      intent: "preview",
      subject: "{{program}}",
      body: "Hi {{ first_name }}\n{{advisor_signature}}",
    }))
      f.append(k, v);
    expect(await sendLeadEmailAction({ status: "idle" }, f)).toMatchObject({
      status: "preview",
      preview: { subject: "Data Analytics Evenings", body: "Hi Priya\nD." },
    });
    expect(await rowsFor(l.id)).toHaveLength(0);
  });
});

describe("templates", () => {
  it("refuses an unknown or malformed merge field next to its field, listing the allowed ones; saves, archives and restores", async () => {
    const ada = await staffUser("Ada Templates");
    const bad = await createTemplate(t.db, { name: "Bad", subject: "Hi {{firstname}}", body: "Hello {{program" }, ada.id);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.fieldErrors.subject).toContain("{{firstname}}");
    expect(!bad.ok && bad.fieldErrors.subject).toContain("{{first_name}}, {{last_name}}, {{program}}, {{advisor_name}}, {{advisor_signature}}");
    expect(!bad.ok && bad.fieldErrors.body).toContain("not closed");
    const made = await createTemplate(t.db, { name: "Nudge", subject: "About {{program}}", body: "Hi {{first_name}}" }, ada.id);
    if (!made.ok) throw new Error("not saved");
    expect((await t.db.leadEmailTemplate.findUniqueOrThrow({ where: { id: made.id } })).updatedById).toBe(ada.id);
    expect(await updateTemplate(t.db, made.id, { name: "Nudge", subject: "About {{program}}", body: "Hi {{nope}}" }, ada.id)).toMatchObject({ ok: false });
    expect((await activeTemplates(t.db)).map((x) => x.id)).toContain(made.id);
    expect(await setTemplateArchived(t.db, made.id, true, ada.id)).toBe(true);
    expect((await activeTemplates(t.db)).map((x) => x.id)).not.toContain(made.id);
    expect(await setTemplateArchived(t.db, made.id, false, ada.id)).toBe(true);
    expect((await activeTemplates(t.db)).map((x) => x.id)).toContain(made.id);
  });
});
