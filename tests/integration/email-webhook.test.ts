import { randomBytes, randomUUID } from "node:crypto";
import { Webhook } from "svix";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { handleResendWebhook } from "@/lib/email/webhook";

const t = createTestDb();
const SECRET = "whsec_" + randomBytes(32).toString("base64");
const OTHER_SECRET = "whsec_" + randomBytes(32).toString("base64");

afterAll(async () => {
  await t.cleanup();
});
beforeEach(async () => {
  await t.db.emailEvent.deleteMany();
  await t.db.emailMessage.deleteMany();
  await t.db.emailSuppression.deleteMany();
});

type Headers = { "svix-id": string; "svix-timestamp": string; "svix-signature": string };

/** Signs a body exactly as Resend (Svix) does: HMAC over `${id}.${unixSeconds}.${body}`. */
function sign(body: string, opts: { secret?: string; at?: Date; id?: string } = {}): Headers {
  const at = opts.at ?? new Date();
  const id = opts.id ?? `msg_${randomUUID()}`;
  return {
    "svix-id": id,
    "svix-timestamp": String(Math.floor(at.getTime() / 1000)),
    "svix-signature": new Webhook(opts.secret ?? SECRET).sign(id, at, body),
  };
}

function event(type: string, emailId: string, extra: Record<string, unknown> = {}, createdAt = "2026-11-21T10:00:00.000Z") {
  return JSON.stringify({
    type,
    created_at: createdAt,
    data: { email_id: emailId, from: "Loomstack Academy <hello@loomstack.example>", to: ["someone@example.com"], subject: "Your enrolment", ...extra },
  });
}

/** A message Resend has accepted, optionally with a Contact at the same address. */
async function sentMessage(opts: { withContact?: boolean; category?: string } = {}) {
  const address = `person-${randomUUID().slice(0, 8)}@example.com`;
  const contact = opts.withContact ? await t.db.contact.create({ data: { email: address, referralCode: `ref-${randomUUID()}` } }) : null;
  const message = await t.db.emailMessage.create({
    data: {
      toAddress: address,
      template: "enroll-confirmation",
      data: "{}",
      category: opts.category ?? "transactional",
      idempotencyKey: `test:${randomUUID()}`,
      status: "sent",
      providerId: `re_${randomUUID()}`,
      contactId: contact?.id,
    },
  });
  return { address, message, providerId: message.providerId!, contactId: contact?.id };
}

async function deliver(body: string, headers: Partial<Headers>, ...secret: [string | undefined] | []) {
  // An explicit `undefined` must reach the handler, so no default parameter here.
  return handleResendWebhook(t.db, secret.length ? secret[0] : SECRET, body, headers);
}

const reload = (id: string) => t.db.emailMessage.findUniqueOrThrow({ where: { id } });

describe("Resend webhook: status updates", () => {
  it("marks a message delivered and stores the event under its svix-id", async () => {
    const { message, providerId } = await sentMessage();
    const body = event("email.delivered", providerId, {}, "2026-11-21T10:00:00.000Z");
    const headers = sign(body);

    const out = await deliver(body, headers);
    expect(out).toEqual({ status: 200, body: { ok: true, matched: true } });

    const after = await reload(message.id);
    expect(after.status).toBe("delivered");
    expect(after.deliveredAt?.toISOString()).toBe("2026-11-21T10:00:00.000Z");
    const events = await t.db.emailEvent.findMany();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ externalId: headers["svix-id"], messageId: message.id, type: "email.delivered" });
  });

  it("stores a redelivered event (same svix-id) once and reports it as a duplicate", async () => {
    const { message, providerId } = await sentMessage();
    const body = event("email.delivered", providerId);
    const headers = sign(body);
    expect((await deliver(body, headers)).status).toBe(200);

    // Svix re-signs a retry with a fresh timestamp but keeps the message id.
    const retry = sign(body, { id: headers["svix-id"] });
    const out = await deliver(body, retry);
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({ ok: true, duplicate: true });
    expect(await t.db.emailEvent.count({ where: { externalId: headers["svix-id"] } })).toBe(1);
    expect(await t.db.emailEvent.count()).toBe(1);
    expect((await reload(message.id)).status).toBe("delivered");
  });

  it("records an open without changing the status", async () => {
    const { message, providerId } = await sentMessage();
    const body = event("email.opened", providerId, {}, "2026-11-21T11:30:00.000Z");
    const out = await deliver(body, sign(body));
    expect(out).toEqual({ status: 200, body: { ok: true, matched: true } });

    const after = await reload(message.id);
    expect(after.openedAt?.toISOString()).toBe("2026-11-21T11:30:00.000Z");
    expect(after.status).toBe("sent");
    expect(after.deliveredAt).toBeNull();
  });

  it("never moves a bounced message back to delivered", async () => {
    const { message, providerId } = await sentMessage();
    const bounced = event("email.bounced", providerId, { bounce: { type: "Permanent", subType: "General", message: "No such user" } });
    expect((await deliver(bounced, sign(bounced))).status).toBe(200);
    expect((await reload(message.id)).status).toBe("bounced");

    const late = event("email.delivered", providerId, {}, "2026-11-21T09:59:00.000Z");
    expect((await deliver(late, sign(late))).status).toBe(200);
    const after = await reload(message.id);
    expect(after.status).toBe("bounced");
    expect(after.lastError).toContain("Permanent");
    expect(await t.db.emailEvent.count({ where: { messageId: message.id } })).toBe(2);
  });

  it("stores an event for an unknown email_id unmatched", async () => {
    const { message } = await sentMessage();
    const body = event("email.delivered", `re_unknown_${randomUUID()}`);
    const headers = sign(body);
    const out = await deliver(body, headers);
    expect(out).toEqual({ status: 200, body: { ok: true, matched: false } });

    const stored = await t.db.emailEvent.findUniqueOrThrow({ where: { externalId: headers["svix-id"] } });
    expect(stored.messageId).toBeNull();
    expect((await reload(message.id)).status).toBe("sent");
  });
});

describe("Resend webhook: rejected requests store nothing", () => {
  /**
   * A "delivered" event for a freshly sent message, posted by `send` (as it is, altered, or
   * with other headers): the answer is `status`, and no event, suppression or status is stored.
   */
  async function expectRefused(status: number, send: (body: string) => Promise<{ status: number }>) {
    const { message, providerId } = await sentMessage();
    expect((await send(event("email.delivered", providerId))).status).toBe(status);
    expect(await t.db.emailEvent.count()).toBe(0);
    expect(await t.db.emailSuppression.count()).toBe(0);
    const m = await reload(message.id);
    expect(m.status).toBe("sent");
    expect(m.deliveredAt).toBeNull();
  }
  const minutesFromNow = (n: number) => new Date(Date.now() + n * 60_000);

  it("rejects a body signed with another secret (401)", async () => {
    await expectRefused(401, (body) => deliver(body, sign(body, { secret: OTHER_SECRET })));
  });

  it("rejects a body altered after signing (401)", async () => {
    await expectRefused(401, (body) => {
      const altered = body.replace("email.delivered", "email.bounced");
      expect(altered).not.toBe(body);
      return deliver(altered, sign(body));
    });
  });

  it("rejects a request without the Svix headers (401)", async () => {
    await expectRefused(401, async (body) => {
      const full = sign(body);
      for (const missing of ["svix-id", "svix-timestamp", "svix-signature"] as const) {
        const headers: Partial<Headers> = { ...full };
        delete headers[missing];
        expect((await deliver(body, headers)).status, `without ${missing}`).toBe(401);
      }
      return deliver(body, {});
    });
  });

  it("rejects a correctly signed event ten minutes old (401)", async () => {
    await expectRefused(401, (body) => deliver(body, sign(body, { at: minutesFromNow(-10) })));
  });

  it("rejects a correctly signed event ten minutes in the future (401)", async () => {
    await expectRefused(401, (body) => deliver(body, sign(body, { at: minutesFromNow(10) })));
  });

  it("accepts an event a minute old (inside Svix's five-minute tolerance)", async () => {
    // The counterpart of the two tests above: the timestamp check is not rejecting everything.
    const { message, providerId } = await sentMessage();
    const body = event("email.delivered", providerId);
    const out = await deliver(body, sign(body, { at: minutesFromNow(-1) }));
    expect(out.status).toBe(200);
    expect((await reload(message.id)).status).toBe("delivered");
  });

  it("refuses every event when no secret is configured (503)", async () => {
    await expectRefused(503, async (body) => {
      expect((await deliver(body, sign(body), "")).status).toBe(503);
      return deliver(body, sign(body), undefined);
    });
  });

  it("reports a malformed secret as a configuration error (503), not a bad body", async () => {
    await expectRefused(503, (body) => deliver(body, sign(body), "whsec_not-base64!"));
  });

  it("rejects a correctly signed body that is not JSON (400)", async () => {
    await expectRefused(400, () => {
      const body = '{"type": "email.delivered", "data": ';
      return deliver(body, sign(body));
    });
  });
});

describe("Resend webhook: bounces and complaints", () => {
  const suppression = (address: string) => t.db.emailSuppression.findUnique({ where: { address } });
  const contact = (id: string) => t.db.contact.findUniqueOrThrow({ where: { id } });

  it("a hard bounce suppresses all email and opts the contact out of marketing", async () => {
    const { address, message, providerId, contactId } = await sentMessage({ withContact: true });
    expect((await contact(contactId!)).marketingOptOutAt).toBeNull();
    const body = event("email.bounced", providerId, { bounce: { type: "Permanent", subType: "General", message: "Mailbox does not exist" } });
    expect((await deliver(body, sign(body))).status).toBe(200);

    expect(await suppression(address)).toMatchObject({ scope: "all", reason: "hard_bounce" });
    expect((await contact(contactId!)).marketingOptOutAt).not.toBeNull();
    expect((await reload(message.id)).status).toBe("bounced");
  });

  it("a transient bounce suppresses only marketing", async () => {
    const { address, providerId, contactId } = await sentMessage({ withContact: true });
    const body = event("email.bounced", providerId, { bounce: { type: "Transient", subType: "MailboxFull", message: "Mailbox full" } });
    expect((await deliver(body, sign(body))).status).toBe(200);

    expect(await suppression(address)).toMatchObject({ scope: "marketing", reason: "soft_bounce" });
    expect((await contact(contactId!)).marketingOptOutAt).not.toBeNull();
  });

  it("a complaint suppresses marketing with reason complaint", async () => {
    const { address, message, providerId, contactId } = await sentMessage({ withContact: true, category: "marketing" });
    const body = event("email.complained", providerId);
    expect((await deliver(body, sign(body))).status).toBe(200);

    expect(await suppression(address)).toMatchObject({ scope: "marketing", reason: "complaint" });
    expect((await contact(contactId!)).marketingOptOutAt).not.toBeNull();
    expect((await reload(message.id)).status).toBe("complained");
  });

  it("a later hard bounce upgrades a marketing suppression to all", async () => {
    const { address, providerId } = await sentMessage({ withContact: true });
    const complaint = event("email.complained", providerId);
    await deliver(complaint, sign(complaint));
    expect(await suppression(address)).toMatchObject({ scope: "marketing", reason: "complaint" });

    const bounce = event("email.bounced", providerId, { bounce: { type: "Permanent", subType: "General", message: "Gone" } });
    expect((await deliver(bounce, sign(bounce))).status).toBe(200);
    expect(await suppression(address)).toMatchObject({ scope: "all", reason: "hard_bounce" });
    expect(await t.db.emailSuppression.count({ where: { address } })).toBe(1);
  });

  it("a soft bounce does not downgrade an existing hard-bounce suppression", async () => {
    const { address, providerId } = await sentMessage();
    const hard = event("email.bounced", providerId, { bounce: { type: "Permanent", subType: "General", message: "Gone" } });
    await deliver(hard, sign(hard));
    const soft = event("email.bounced", providerId, { bounce: { type: "Transient", subType: "General", message: "Later" } });
    expect((await deliver(soft, sign(soft))).status).toBe(200);
    expect(await suppression(address)).toMatchObject({ scope: "all", reason: "hard_bounce" });
  });
});

describe("POST /api/webhooks/resend (the route handler)", () => {
  const g = globalThis as unknown as { __loomstackDb?: { $disconnect: () => Promise<void> } };
  const saved = { url: process.env.DATABASE_URL, secret: process.env.RESEND_WEBHOOK_SECRET };

  beforeAll(() => {
    // The route uses the db() singleton, which reads DATABASE_URL when first called.
    process.env.DATABASE_URL = t.url;
    process.env.RESEND_WEBHOOK_SECRET = SECRET;
  });
  afterAll(async () => {
    await g.__loomstackDb?.$disconnect();
    delete g.__loomstackDb;
    restore("DATABASE_URL", saved.url);
    restore("RESEND_WEBHOOK_SECRET", saved.secret);
  });

  function post(body: string, headers: Record<string, string>) {
    return new Request("http://x/api/webhooks/resend", { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
  }

  it("verifies the signature over the raw body and uses the app's database", async () => {
    expect(g.__loomstackDb, "db() singleton already created elsewhere").toBeUndefined();
    const route = await import("@/app/api/webhooks/resend/route");
    expect(route.dynamic).toBe("force-dynamic");
    expect(route.runtime).toBe("nodejs");
    expect((route as Record<string, unknown>).GET).toBeUndefined();

    const { message, providerId } = await sentMessage();
    const body = event("email.delivered", providerId);
    const headers = sign(body);
    const ok = await route.POST(post(body, headers));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, matched: true });
    expect((await reload(message.id)).status).toBe("delivered");
    expect(await t.db.emailEvent.count({ where: { externalId: headers["svix-id"] } })).toBe(1);

    const other = await sentMessage();
    const forged = event("email.delivered", other.providerId);
    const bad = await route.POST(post(forged, sign(forged, { secret: OTHER_SECRET })));
    expect(bad.status).toBe(401);
    expect(await bad.json()).toHaveProperty("error");
    expect((await reload(other.message.id)).status).toBe("sent");

    const huge = JSON.stringify({ type: "email.delivered", data: { email_id: other.providerId, pad: "x".repeat(300 * 1024) } });
    const tooBig = await route.POST(post(huge, sign(huge)));
    expect(tooBig.status).toBe(413);
    expect((await reload(other.message.id)).status).toBe("sent");
  });

  it("turns a thrown error into a logged 500 so that Svix retries", async () => {
    const route = await import("@/app/api/webhooks/resend/route");
    const { message, providerId } = await sentMessage();
    const body = event("email.delivered", providerId);
    // A broken database: the transaction rejects.
    const real = (await import("@/lib/db")).db();
    g.__loomstackDb = new Proxy(real, {
      get: (target, prop) => (prop === "$transaction" ? () => Promise.reject(new Error("database is locked")) : Reflect.get(target, prop)),
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await route.POST(post(body, sign(body)));
      expect(res.status).toBe(500);
      expect(await res.json()).toHaveProperty("error");
      expect(logged).toHaveBeenCalled();
    } finally {
      logged.mockRestore();
      g.__loomstackDb = real;
    }
    expect((await reload(message.id)).status).toBe("sent");
  });
});

function restore(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
