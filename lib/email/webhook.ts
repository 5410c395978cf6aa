import { Webhook, WebhookVerificationError } from "svix";
import type { Db } from "../db";

/**
 * Resend's delivery events, signed with Svix. The handler verifies the signature (and the
 * timestamp: Svix rejects anything more than five minutes old or ahead), then updates the
 * message and, for bounces and complaints, the suppression list.
 */

export type WebhookOutcome = { status: 200; body: { ok: true; duplicate?: boolean; matched: boolean } } | { status: 400 | 401 | 503; body: { error: string } };

type ResendEvent = {
  type: string;
  created_at?: string;
  data?: {
    email_id?: string;
    to?: string[] | string;
    bounce?: { type?: string; subType?: string; message?: string };
  };
};

/** How far along a message is; an event never moves a message backwards. */
const RANK: Record<string, number> = { pending: 0, sent: 1, delivered: 2, bounced: 3, complained: 3, failed: 3, suppressed: 3 };

const STATUS_FOR_EVENT: Record<string, string> = {
  "email.delivered": "delivered",
  "email.bounced": "bounced",
  "email.complained": "complained",
  "email.failed": "failed",
};

/** A permanent ("hard") bounce stops all email to the address; any other bounce only marketing. */
export function isHardBounce(bounce: { type?: string } | undefined): boolean {
  return /^(permanent|hard)/i.test(bounce?.type ?? "");
}

export async function handleResendWebhook(
  db: Db,
  secret: string | undefined,
  rawBody: string,
  headers: { "svix-id"?: string | null; "svix-timestamp"?: string | null; "svix-signature"?: string | null },
): Promise<WebhookOutcome> {
  if (!secret) return { status: 503, body: { error: "RESEND_WEBHOOK_SECRET is not set; webhook events are refused." } };
  const id = headers["svix-id"];
  const timestamp = headers["svix-timestamp"];
  const signature = headers["svix-signature"];
  if (!id || !timestamp || !signature) return { status: 401, body: { error: "Missing Svix signature headers." } };

  let webhook: Webhook;
  try {
    webhook = new Webhook(secret);
  } catch {
    // A secret that is not "whsec_" + base64 is a configuration error, not a bad request.
    return { status: 503, body: { error: "RESEND_WEBHOOK_SECRET is not a valid Svix secret (whsec_...)." } };
  }

  let event: ResendEvent;
  try {
    // verify() checks the HMAC and the timestamp's age; in svix 2.x it returns nothing
    // useful, so the body is parsed after it passes.
    webhook.verify(rawBody, { "svix-id": id, "svix-timestamp": timestamp, "svix-signature": signature });
    event = JSON.parse(rawBody) as ResendEvent;
  } catch (error) {
    if (error instanceof WebhookVerificationError) return { status: 401, body: { error: `Signature rejected: ${error.message}` } };
    return { status: 400, body: { error: "Body is not valid JSON." } };
  }
  if (typeof event?.type !== "string") return { status: 400, body: { error: "Not a Resend event." } };

  const occurredAt = parseDate(event.created_at) ?? new Date();
  const providerId = event.data?.email_id;
  const recipients = [event.data?.to ?? []].flat().filter((a): a is string => typeof a === "string");

  return db.$transaction(async (tx) => {
    // Svix redelivers until it gets a 2xx: an event seen before changes nothing.
    if (await tx.emailEvent.findUnique({ where: { externalId: id }, select: { id: true } })) {
      return { status: 200 as const, body: { ok: true as const, duplicate: true, matched: false } };
    }
    const message = providerId ? await tx.emailMessage.findUnique({ where: { providerId }, select: { id: true, status: true, toAddress: true } }) : null;
    await tx.emailEvent.create({
      data: {
        externalId: id,
        messageId: message?.id,
        type: event.type.slice(0, 60),
        detail: JSON.stringify({ email_id: providerId, to: recipients, bounce: event.data?.bounce }).slice(0, 2000),
        occurredAt,
      },
    });

    if (message) {
      const next = STATUS_FOR_EVENT[event.type];
      const data: { status?: string; deliveredAt?: Date; openedAt?: Date; lastError?: string } = {};
      if (next && (RANK[next] ?? 0) > (RANK[message.status] ?? 0)) data.status = next;
      if (event.type === "email.delivered") data.deliveredAt = occurredAt;
      if (event.type === "email.opened") data.openedAt = occurredAt;
      if (event.type === "email.bounced")
        data.lastError = `Bounced (${event.data?.bounce?.type ?? "unknown"}): ${event.data?.bounce?.message ?? ""}`.slice(0, 500);
      if (Object.keys(data).length) await tx.emailMessage.update({ where: { id: message.id }, data });
    }

    const addresses = message ? [message.toAddress] : recipients;
    if (event.type === "email.bounced" || event.type === "email.complained") {
      const hard = event.type === "email.bounced" && isHardBounce(event.data?.bounce);
      const reason = event.type === "email.complained" ? "complaint" : hard ? "hard_bounce" : "soft_bounce";
      for (const raw of addresses) {
        const address = raw.trim().toLowerCase();
        const existing = await tx.emailSuppression.findUnique({ where: { address } });
        if (!existing) {
          await tx.emailSuppression.create({ data: { address, scope: hard ? "all" : "marketing", reason, detail: event.type } });
        } else if (hard && existing.scope !== "all") {
          await tx.emailSuppression.update({ where: { address }, data: { scope: "all", reason, detail: event.type } });
        }
        // The contact record says so too, for the console and for future marketing sends.
        await tx.contact.updateMany({ where: { email: address, marketingOptOutAt: null }, data: { marketingOptOutAt: occurredAt } });
      }
    }
    return { status: 200 as const, body: { ok: true as const, matched: Boolean(message) } };
  });
}

function parseDate(s: string | undefined): Date | undefined {
  if (!s) return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
