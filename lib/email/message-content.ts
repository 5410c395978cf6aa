import { unsubscribeUrl } from "./dispatcher";
import { storedAttachments } from "./outbox";
import { isTemplate, renderEmail } from "./render";
import type { RenderedEmail } from "./template-data";

/** The columns of an outbox row that say what it holds. */
export type MessageRow = {
  template: string;
  data: string;
  unsubscribeToken: string | null;
  subject: string | null;
  html: string | null;
  text: string | null;
  attachments: string | null;
};

export type MessageContent =
  /** sent: as stored with the first attempt; preview: not sent yet, rendered now as it will be. */
  { ok: true; sent: boolean; email: RenderedEmail } | { ok: false; error: string };

/**
 * What a message says, for the local mailbox (its page and its attachment downloads): the
 * subject, parts and attachments as they were sent, or, for a message not sent yet, as the
 * dispatcher will render them.
 */
export async function messageContent(m: MessageRow, siteUrl: string): Promise<MessageContent> {
  if (m.subject !== null && m.html !== null && m.text !== null) {
    const attachments = storedAttachments(m.attachments);
    return { ok: true, sent: true, email: { subject: m.subject, html: m.html, text: m.text, ...(attachments.length ? { attachments } : {}) } };
  }
  if (!isTemplate(m.template)) return { ok: false, error: `Unknown email template: ${m.template}` };
  try {
    const ctx = { siteUrl, unsubscribeUrl: m.unsubscribeToken ? unsubscribeUrl(siteUrl, m.unsubscribeToken) : undefined };
    return { ok: true, sent: false, email: await renderEmail(m.template, JSON.parse(m.data), ctx) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** A file name safe in a Content-Disposition header: letters, digits, dot, dash, underscore. */
export function downloadName(filename: string): string {
  const safe = filename.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^\.+/, "");
  return safe.slice(0, 100) || "attachment";
}
