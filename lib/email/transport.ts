import { Resend } from "resend";
import type { EmailAttachment } from "./template-data";

/** A rendered message, ready for a provider. */
export type OutgoingEmail = {
  /** The outbox row's id: Resend's Idempotency-Key, so a re-send after a crash is not a second email. */
  id: string;
  from: string;
  replyTo?: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  /** Files sent with the message (a booking's .ics invite), content as text. */
  attachments?: EmailAttachment[];
};

export type SendResult =
  | { ok: true; providerId: string }
  /** retryable: network error, timeout, 429, 5xx (and Resend's "same key still in flight"). */
  | { ok: false; retryable: boolean; error: string; retryAfterMs?: number };

export interface EmailTransport {
  /** "resend" sends for real; "mailbox" stores the message as delivered, for reading on /mailbox. */
  readonly name: "resend" | "mailbox";
  send(email: OutgoingEmail): Promise<SendResult>;
}

/**
 * Stores instead of sending: the dispatcher saves the rendered message (its attachments
 * too) and marks it delivered.
 */
export function mailboxTransport(): EmailTransport {
  return { name: "mailbox", send: async (email) => ({ ok: true, providerId: `mailbox_${email.id}` }) };
}

export type ResendTransportOptions = {
  apiKey: string;
  /** RESEND_BASE_URL, e.g. a local Resend-compatible server in tests. Defaults to Resend's API. */
  baseUrl?: string;
  /** Per request; a hung connection is abandoned and retried later. */
  timeoutMs?: number;
};

type ResendError = { statusCode?: number | null; name?: string; message?: string } | null;

/** Whether a Resend error is worth retrying (the same message, later). */
export function isRetryable(error: ResendError): boolean {
  const status = error?.statusCode ?? null;
  if (status === null) return true; // network error, timeout, unreadable response
  if (status === 429 || status >= 500) return true;
  // Another request with this Idempotency-Key is still being processed.
  if (status === 409 && error?.name === "concurrent_idempotent_requests") return true;
  return false;
}

export function resendTransport(options: ResendTransportOptions): EmailTransport {
  const client = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    name: "resend",
    async send(email) {
      // The SDK never throws for HTTP or network errors: it returns { data, error }.
      const { data, error, headers } = await client.emails.send(
        {
          from: email.from,
          to: [email.to],
          replyTo: email.replyTo,
          subject: email.subject,
          html: email.html,
          text: email.text,
          headers: email.headers,
          // Resend reads a string `content` as base64, so the text goes as bytes (the SDK
          // encodes a Buffer to base64 itself). Absent for most messages: their request
          // body is as it always was.
          ...(email.attachments?.length
            ? { attachments: email.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content, "utf8") })) }
            : {}),
        },
        { idempotencyKey: email.id, signal: AbortSignal.timeout(timeoutMs) },
      );
      if (data?.id) return { ok: true, providerId: data.id };
      const err = error as ResendError;
      const retryAfter = Number(headers?.["retry-after"]);
      return {
        ok: false,
        retryable: isRetryable(err),
        error: describe(err),
        retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
      };
    },
  };
}

function describe(error: ResendError): string {
  if (!error) return "Resend returned no message id";
  const status = error.statusCode ?? "network";
  return `${status} ${error.name ?? "error"}: ${error.message ?? ""}`.trim().slice(0, 500);
}

export type EmailSettings = {
  transport: EmailTransport;
  from: string;
  replyTo?: string;
};

/**
 * RESEND_API_KEY set: deliver through Resend (RESEND_BASE_URL honoured). Unset (a fresh
 * clone): the local mailbox. EMAIL_FROM and EMAIL_REPLY_TO set the sender.
 */
export function emailSettingsFromEnv(env: NodeJS.ProcessEnv = process.env, fallbackFrom: string, fallbackReplyTo?: string): EmailSettings {
  const apiKey = env.RESEND_API_KEY?.trim();
  const transport = apiKey
    ? resendTransport({ apiKey, baseUrl: env.RESEND_BASE_URL?.trim() || undefined, timeoutMs: Number(env.RESEND_TIMEOUT_MS) || undefined })
    : mailboxTransport();
  return { transport, from: env.EMAIL_FROM?.trim() || fallbackFrom, replyTo: env.EMAIL_REPLY_TO?.trim() || fallbackReplyTo };
}
