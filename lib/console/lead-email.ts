/**
 * "Write an email" on the lead page (issue 19, item 4): a staff member writes to the lead,
 * from a template or from scratch. The merge fields are filled in from the lead and the
 * writer (lib/email/merge-fields.ts), and the email is queued in the outbox in the same
 * transaction as the "email" entry on the lead's timeline, so there is never one without
 * the other.
 *
 * Exactly once: the form carries a one-time token (rendered into the page), and the outbox
 * row's idempotency key is made from it, so a double click, a retry of the same post or a
 * resubmitted old page queues nothing more. A page fetched again (back, then send) has a new
 * token; the same subject and body to the same lead from the same writer within ten minutes
 * is then taken as the same email too.
 *
 * Suppression: nothing is queued for an address that hard-bounced or complained (a
 * marketing unsubscribe does not stop a one-to-one message). The dispatcher checks again at
 * send time (category "staff"). Replies go to the writer's own address (Reply-To).
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db";
import { isUniqueViolation } from "../leads/errors";
import { fillMergeFields, mergeValues, type MergeValues } from "../email/merge-fields";
import { queueEmail } from "../email/outbox";
import type { StaffMessageData } from "../email/template-data";
import { bodySchema, subjectSchema } from "./email-templates";

/** The form's one-time token: 24 random bytes, base64url. */
export const EMAIL_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;
export const newEmailToken = () => randomBytes(24).toString("base64url");

/** How long the same subject and body to the same lead, from the same writer, counts as a resubmission. */
export const RESEND_GUARD_MS = 10 * 60_000;

export const STALE_FORM_MESSAGE = "This form is out of date. Reload the page and write the email again.";

/** The lead page's "Write an email" form. */
export const leadEmailSchema = z.object({
  leadId: z.string().trim().min(1).max(64),
  token: z.string({ error: STALE_FORM_MESSAGE }).regex(EMAIL_TOKEN_PATTERN, STALE_FORM_MESSAGE),
  subject: subjectSchema,
  body: bodySchema,
});

/** Why the lead cannot be written to, shown on the panel before anyone types. */
export type EmailBlock = { kind: "no-address" } | { kind: "bounced"; address: string; since: Date } | { kind: "complained"; address: string; since: Date };

export function blockMessage(block: EmailBlock): string {
  if (block.kind === "no-address") return "This lead has no email address, so no email can be sent. Call them, or add a note.";
  if (block.kind === "bounced")
    return `Email to ${block.address} cannot be delivered: it bounced. Nothing will be sent to it; check the address with the person another way.`;
  return `${block.address} marked one of our emails as spam. Nothing more will be sent to it.`;
}

/** The address a lead is written to: the person's (contact) address, else the one on this lead. */
const addressOf = (lead: { email: string | null; contact: { email: string | null } }) => (lead.contact.email ?? lead.email)?.trim().toLowerCase() || null;

type Reader = Pick<Db, "emailSuppression">;

/** The block for an address, or null when it may be written to. Soft bounces and unsubscribes do not block. */
async function blockFor(db: Reader, address: string | null): Promise<EmailBlock | null> {
  if (!address) return { kind: "no-address" };
  const s = await db.emailSuppression.findUnique({ where: { address }, select: { scope: true, reason: true, updatedAt: true } });
  if (!s) return null;
  if (s.reason === "complaint") return { kind: "complained", address, since: s.updatedAt };
  if (s.scope === "all" || s.reason === "hard_bounce") return { kind: "bounced", address, since: s.updatedAt };
  return null;
}

/** What the panel needs: the address, whether it may be written to, and the merge values for the preview. */
export async function leadEmailContext(db: Db, leadId: string, writerId: string) {
  const lead = await db.lead.findUnique({
    where: { id: leadId },
    select: { name: true, email: true, programSlug: true, contact: { select: { email: true, name: true } } },
  });
  if (!lead) return null;
  const [writer, program] = await Promise.all([
    db.user.findUnique({ where: { id: writerId }, select: { name: true, email: true, emailSignature: true } }),
    lead.programSlug ? db.program.findUnique({ where: { slug: lead.programSlug }, select: { name: true } }) : null,
  ]);
  const address = addressOf(lead);
  return {
    address,
    block: await blockFor(db, address),
    replyTo: writer?.email ?? null,
    values: mergeValues({
      leadName: lead.contact.name ?? lead.name,
      programName: program?.name ?? null,
      advisorName: writer?.name ?? "",
      advisorSignature: writer?.emailSignature ?? null,
    }),
  };
}

/** The subject and body with the merge fields filled in, as they will be sent. */
export function fillMessage(subject: string, body: string, values: MergeValues): { subject: string; body: string } {
  return { subject: fillMergeFields(subject, values).replace(/\s+/g, " ").trim(), body: fillMergeFields(body, values).trim() };
}

/** The timeline's line: the subject, then the first lines of the message. */
export function timelineDetail(subject: string, body: string): string {
  const lines = body.split(/\r\n|\r|\n/).filter((l) => l.trim());
  const first = lines.slice(0, 3).join("\n");
  return `${subject}\n${first.length > 400 ? `${first.slice(0, 399)}…` : first}${lines.length > 3 ? "\n…" : ""}`;
}

export type SendOutcome =
  { ok: true; messageId: string; duplicate: boolean } | { ok: false; error: string; field: "to" | "subject" | "body" | "token" | "form" };

export type SendInput = { leadId: string; token: string; subject: string; body: string; writerId: string; now?: Date };

/**
 * Queues the email and its timeline entry, in one transaction. The input is the parsed form
 * (leadEmailSchema); the writer is the signed-in staff member. A post already seen (the same
 * token, or the same message within RESEND_GUARD_MS) answers ok with duplicate: true and
 * changes nothing.
 */
export async function sendLeadEmail(db: Db, input: SendInput): Promise<SendOutcome> {
  const now = input.now ?? new Date();
  const idempotencyKey = `lead-email:${input.leadId}:${input.token}`;
  try {
    return await db.$transaction(async (tx): Promise<SendOutcome> => {
      const seen = await tx.emailMessage.findUnique({ where: { idempotencyKey }, select: { id: true } });
      if (seen) return { ok: true, messageId: seen.id, duplicate: true };
      const lead = await tx.lead.findUnique({
        where: { id: input.leadId },
        select: { id: true, name: true, email: true, programSlug: true, contactId: true, contact: { select: { email: true, name: true } } },
      });
      if (!lead) return { ok: false, error: "That lead does not exist (it may have been erased).", field: "form" };
      const address = addressOf(lead);
      const block = await blockFor(tx, address);
      if (block) return { ok: false, error: blockMessage(block), field: "to" };
      const writer = await tx.user.findUnique({ where: { id: input.writerId }, select: { name: true, email: true, emailSignature: true } });
      if (!writer) return { ok: false, error: "Your account was not found. Sign in again.", field: "form" };
      const program = lead.programSlug ? await tx.program.findUnique({ where: { slug: lead.programSlug }, select: { name: true } }) : null;
      const values = mergeValues({
        leadName: lead.contact.name ?? lead.name,
        programName: program?.name ?? null,
        advisorName: writer.name,
        advisorSignature: writer.emailSignature,
      });
      const data: StaffMessageData = fillMessage(input.subject, input.body, values);
      const json = JSON.stringify(data);
      // The same message again, from a page fetched anew (back, then send): already sent.
      const recent = await tx.emailMessage.findFirst({
        where: { leadId: lead.id, template: "staff-message", replyTo: writer.email, data: json, createdAt: { gte: new Date(now.getTime() - RESEND_GUARD_MS) } },
        select: { id: true },
      });
      if (recent) return { ok: true, messageId: recent.id, duplicate: true };
      await queueEmail(tx, {
        to: address!,
        template: "staff-message",
        data,
        category: "staff",
        idempotencyKey,
        leadId: lead.id,
        contactId: lead.contactId,
        replyTo: writer.email,
      });
      const message = await tx.emailMessage.findUniqueOrThrow({ where: { idempotencyKey }, select: { id: true } });
      await tx.leadActivity.create({
        data: { leadId: lead.id, actorId: input.writerId, type: "email", detail: timelineDetail(data.subject, data.body), createdAt: now },
      });
      return { ok: true, messageId: message.id, duplicate: false };
    });
  } catch (error) {
    // Two posts with the same token at once (PostgreSQL): the other one queued it.
    if (!isUniqueViolation(error)) throw error;
    const seen = await db.emailMessage.findUnique({ where: { idempotencyKey }, select: { id: true } });
    if (!seen) throw error;
    return { ok: true, messageId: seen.id, duplicate: true };
  }
}

/** What the "Write an email" form's action gives back (a send that works redirects instead). */
export type LeadEmailState =
  | { status: "idle" }
  | { status: "error"; message: string; fieldErrors: Record<string, string>; values: Record<string, string> }
  | { status: "preview"; values: Record<string, string>; preview: { subject: string; body: string } };
