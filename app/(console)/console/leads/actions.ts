"use server";

import { redirect } from "next/navigation";
import type { FormInput } from "@/lib/actions/client";
import { db } from "@/lib/db";
import { confirmContactDetails } from "@/lib/console/contact-details";
import { addNote, assignLead, assignSchema, changeStatus, noteSchema, statusChangeSchema } from "@/lib/console/pipeline";
import { LEAD_STATUSES } from "@/lib/console/inbox";
import { viewFilters, viewQuery } from "@/lib/console/lead-neighbours";
import { staffAction } from "@/app/(console)/auth";

/**
 * The lead page's three forms. They post without JavaScript and come back to the page
 * (post/redirect/get) with what happened in the URL; the page shows errors next to the
 * field. Server Actions are public endpoints: staffAction checks the session and the
 * "leads:work" permission before each body runs.
 */

const leadIdOf = (formData: FormData) => String(formData.get("leadId") ?? "").slice(0, 64);

/** The lead page again, with what happened, in the inbox view it was opened from (only the view's filters pass). */
const back = (formData: FormData, result: Record<string, string>) => {
  const raw = formData.get("view");
  const view = viewFilters(typeof raw === "string" ? raw : undefined);
  const query = new URLSearchParams(result);
  if (view && viewQuery(view)) query.set("view", viewQuery(view));
  return `/console/leads/${encodeURIComponent(leadIdOf(formData))}?${query.toString()}#${result.form ?? "work"}`;
};

/** The lead page's answers: a call without form data (tampered) has no lead to go back to. */
const leadPage = (name: string) => ({
  name,
  malformed: () => redirect("/console/leads"),
  returnTo: ({ formData }: FormInput) => `/console/leads/${encodeURIComponent(leadIdOf(formData))}`,
  forbidden: ({ formData }: FormInput) => redirect(back(formData, { error: "forbidden" })),
});

const leadWork = staffAction("leads:work");

/** The status a refused change asked for, when it is one (the page's select shows it again). */
const tried = (formData: FormData): Record<string, string> => {
  const status = formData.get("status");
  return typeof status === "string" && (LEAD_STATUSES as readonly string[]).includes(status) ? { tried: status } : {};
};

export const changeStatusAction = leadWork.formAction(leadPage("changeStatusAction"), async ({ formData, staff }) => {
  const leadId = leadIdOf(formData);
  const parsed = statusChangeSchema.safeParse({ leadId, status: formData.get("status"), lostReason: formData.get("lostReason") ?? undefined });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    redirect(back(formData, { form: "status", error: issue.message, field: String(issue.path[0] ?? "status"), ...tried(formData) }));
  }
  const result = await changeStatus(db(), { leadId, actorId: staff.id, status: parsed.data.status, lostReason: parsed.data.lostReason });
  // The warning's words stay on the server: the URL only says which one (lib/discounts/use.ts).
  const saved: Record<string, string> =
    result.ok && result.warning ? { form: "status", saved: "status", warning: "code" } : { form: "status", saved: "status" };
  redirect(back(formData, result.ok ? saved : { form: "status", error: result.error, field: result.field ?? "status", ...tried(formData) }));
});

export const assignLeadAction = leadWork.formAction(leadPage("assignLeadAction"), async ({ formData, staff }) => {
  const leadId = leadIdOf(formData);
  const parsed = assignSchema.safeParse({ leadId, ownerId: formData.get("ownerId") ?? "" });
  if (!parsed.success) redirect(back(formData, { form: "assign", error: "Choose a staff member.", field: "ownerId" }));
  const result = await assignLead(db(), { leadId, actorId: staff.id, ownerId: parsed.data.ownerId || null });
  redirect(back(formData, result.ok ? { form: "assign", saved: "assign" } : { form: "assign", error: result.error, field: "ownerId" }));
});

export const addNoteAction = leadWork.formAction(leadPage("addNoteAction"), async ({ formData, staff }) => {
  const leadId = leadIdOf(formData);
  const parsed = noteSchema.safeParse({ leadId, note: formData.get("note") });
  if (!parsed.success) redirect(back(formData, { form: "note", error: parsed.error.issues[0].message, field: "note" }));
  const result = await addNote(db(), { leadId, actorId: staff.id, note: parsed.data.note });
  redirect(back(formData, result.ok ? { form: "note", saved: "note" } : { form: "note", error: result.error, field: "note" }));
});

/** Staff confirm the person's name and phone (a submission never changes them). */
export const confirmContactAction = leadWork.formAction(leadPage("confirmContactAction"), async ({ formData, staff }) => {
  const leadId = leadIdOf(formData);
  // The person is the lead's own contact, whatever the form says.
  const lead = await db().lead.findUnique({ where: { id: leadId }, select: { contactId: true } });
  if (!lead) redirect("/console/leads");
  const result = await confirmContactDetails(db(), { contactId: lead.contactId, name: formData.get("name"), phone: formData.get("phone") ?? "" }, staff.id);
  if (result.ok) redirect(back(formData, { form: "person", saved: "person" }));
  if ("notFound" in result) redirect(back(formData, { form: "person", error: "That person no longer exists.", field: "name" }));
  const [field, error] = Object.entries(result.fieldErrors)[0] ?? ["name", "Check the details."];
  redirect(back(formData, { form: "person", error, field }));
});
