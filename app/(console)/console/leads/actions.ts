"use server";

import { redirect } from "next/navigation";
import { formDataAction } from "@/lib/action-args";
import { authorize, isDenied } from "@/lib/auth/next";
import { db } from "@/lib/db";
import { confirmContactDetails } from "@/lib/console/contact-details";
import { addNote, assignLead, assignSchema, changeStatus, noteSchema, statusChangeSchema } from "@/lib/console/pipeline";

/**
 * The lead page's three forms. They post without JavaScript and come back to the page
 * (post/redirect/get) with what happened in the URL; the page shows errors next to the
 * field. Server Actions are public endpoints: each checks the session and role first.
 */

const back = (leadId: string, result: Record<string, string>) =>
  `/console/leads/${encodeURIComponent(leadId)}?${new URLSearchParams(result).toString()}#${result.form ?? "work"}`;

async function staffOrLeave(leadId: string) {
  const who = await authorize("leads:work");
  if (isDenied(who)) redirect(who.status === 401 ? `/console/sign-in?next=/console/leads/${encodeURIComponent(leadId)}` : back(leadId, { error: "forbidden" }));
  return who;
}

/** A call without form data (tampered) has no lead to go back to. */
const toInbox = () => redirect("/console/leads");

const leadIdOf = (formData: FormData) => String(formData.get("leadId") ?? "").slice(0, 64);

export const changeStatusAction = formDataAction("changeStatusAction", toInbox, async (formData) => {
  const leadId = leadIdOf(formData);
  const staff = await staffOrLeave(leadId);
  const parsed = statusChangeSchema.safeParse({ leadId, status: formData.get("status"), lostReason: formData.get("lostReason") ?? undefined });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    redirect(back(leadId, { form: "status", error: issue.message, field: String(issue.path[0] ?? "status") }));
  }
  const result = await changeStatus(db(), { leadId, actorId: staff.id, status: parsed.data.status, lostReason: parsed.data.lostReason });
  redirect(back(leadId, result.ok ? { form: "status", saved: "status" } : { form: "status", error: result.error, field: result.field ?? "status" }));
});

export const assignLeadAction = formDataAction("assignLeadAction", toInbox, async (formData) => {
  const leadId = leadIdOf(formData);
  const staff = await staffOrLeave(leadId);
  const parsed = assignSchema.safeParse({ leadId, ownerId: formData.get("ownerId") ?? "" });
  if (!parsed.success) redirect(back(leadId, { form: "assign", error: "Choose a staff member.", field: "ownerId" }));
  const result = await assignLead(db(), { leadId, actorId: staff.id, ownerId: parsed.data.ownerId || null });
  redirect(back(leadId, result.ok ? { form: "assign", saved: "assign" } : { form: "assign", error: result.error, field: "ownerId" }));
});

export const addNoteAction = formDataAction("addNoteAction", toInbox, async (formData) => {
  const leadId = leadIdOf(formData);
  const staff = await staffOrLeave(leadId);
  const parsed = noteSchema.safeParse({ leadId, note: formData.get("note") });
  if (!parsed.success) redirect(back(leadId, { form: "note", error: parsed.error.issues[0].message, field: "note" }));
  const result = await addNote(db(), { leadId, actorId: staff.id, note: parsed.data.note });
  redirect(back(leadId, result.ok ? { form: "note", saved: "note" } : { form: "note", error: result.error, field: "note" }));
});

/** Staff confirm the person's name and phone (a submission never changes them). */
export const confirmContactAction = formDataAction("confirmContactAction", toInbox, async (formData) => {
  const leadId = leadIdOf(formData);
  const staff = await staffOrLeave(leadId);
  // The person is the lead's own contact, whatever the form says.
  const lead = await db().lead.findUnique({ where: { id: leadId }, select: { contactId: true } });
  if (!lead) redirect("/console/leads");
  const result = await confirmContactDetails(db(), { contactId: lead.contactId, name: formData.get("name"), phone: formData.get("phone") ?? "" }, staff.id);
  if (result.ok) redirect(back(leadId, { form: "person", saved: "person" }));
  if ("notFound" in result) redirect(back(leadId, { form: "person", error: "That person no longer exists.", field: "name" }));
  const [field, error] = Object.entries(result.fieldErrors)[0] ?? ["name", "Check the details."];
  redirect(back(leadId, { form: "person", error, field }));
});
