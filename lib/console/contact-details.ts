import { z } from "zod";
import type { Db } from "../db";
import { LIMITS, nameField, phoneE164 } from "../forms/fields";
import "../forms/phone-rules-server";

/**
 * A submission never changes what a contact holds (lib/leads/contacts.ts); staff may. What
 * they save here is the contact's confirmed name and phone, shown in the console and used
 * to greet the person in later emails. Every submission keeps its own values on its lead.
 */
export const contactDetailsSchema = z.object({
  contactId: z.string().trim().min(1).max(64),
  name: nameField,
  phone: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .string()
      .trim()
      .max(32, "That phone number is too long.")
      .transform((v, ctx) => {
        const e164 = phoneE164(v);
        if (!e164) {
          ctx.addIssue({ code: "custom", message: "Enter a phone number with its country code, like +44 20 7946 0958." });
          return z.NEVER;
        }
        return e164;
      })
      .optional(),
  ),
});

export const CONTACT_NAME_MAX = LIMITS.name;

export type ConfirmDetailsResult = { ok: true } | { ok: false; fieldErrors: Record<string, string> } | { ok: false; notFound: true };

export async function confirmContactDetails(db: Db, raw: Record<string, unknown>, actorId: string, now = new Date()): Promise<ConfirmDetailsResult> {
  const parsed = contactDetailsSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const i of parsed.error.issues) fieldErrors[String(i.path[0] ?? "form")] ??= i.message;
    return { ok: false, fieldErrors };
  }
  const { contactId, name, phone } = parsed.data;
  const updated = await db.contact.updateMany({
    where: { id: contactId },
    data: { name, phone: phone ?? null, nameSource: "staff", detailsConfirmedAt: now, detailsConfirmedById: actorId },
  });
  if (updated.count === 0) return { ok: false, notFound: true };
  return { ok: true };
}

/** Every submission of a lead, oldest first: the first made the lead, later ones are revisions. */
export async function leadSubmissions(db: Db, leadId: string) {
  const rows = await db.leadSubmission.findMany({ where: { leadId }, orderBy: { revision: "asc" } });
  return rows.map((r) => {
    let fields: Record<string, unknown> = {};
    try {
      const v: unknown = JSON.parse(r.fields);
      if (v && typeof v === "object" && !Array.isArray(v)) fields = v as Record<string, unknown>;
    } catch {
      fields = {};
    }
    return { ...r, fields };
  });
}
