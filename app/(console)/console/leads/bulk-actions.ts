"use server";

import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { staffAction } from "@/app/(console)/auth";
import { bulkAssign, bulkChangeStatus, bulkIds, markInboxSeen, markLeadsRead, undoBulkChange, type BulkResult } from "@/lib/console/bulk";
import { inboxBackHref, type BulkError, type BulkNotice } from "@/lib/console/bulk-notice";
import { assignSchema, bulkStatusSchema } from "@/lib/console/pipeline";

/**
 * The inbox's bulk bar (components/console/inbox-bulk.tsx): each button posts the selected
 * rows' `id` checkboxes to one of these actions, which answer by going back to the same inbox
 * view (post/redirect/get; the view's filters ride in the hidden `view` field) with what
 * happened in the URL. Permissions: leads:work to change leads, leads:read for one's own read
 * state and "mark as seen". The export is a GET to /console/leads/export (leads:export).
 */

const back = (formData: FormData, notice: BulkNotice) => inboxBackHref(formData.get("view"), notice);

/** A refusal keeps what the staff member chose: the checked rows, and the status or owner. */
const refused = (formData: FormData, error: BulkError, tried?: FormDataEntryValue | null) =>
  back(formData, {
    error,
    selected: formData
      .getAll("id")
      .filter((v): v is string => typeof v === "string")
      .slice(0, 100),
    tried: typeof tried === "string" ? tried : undefined,
  });

const inbox = (name: string) => ({
  name,
  malformed: () => redirect("/console/leads"),
  returnTo: ({ formData }: { formData: FormData }) => inboxBackHref(formData.get("view")),
  forbidden: ({ formData }: { formData: FormData }) => redirect(back(formData, { error: "forbidden" })),
});

/** The checked rows, or the inbox again with why not. */
function chosenIds(formData: FormData): string[] {
  const chosen = bulkIds(formData.getAll("id"));
  if (!chosen.ok) redirect(back(formData, { error: chosen.error }));
  return chosen.ids;
}

function answer(formData: FormData, kind: "status" | "assign", r: BulkResult): never {
  if (!r.ok) redirect(refused(formData, r.field === "lostReason" ? "lost" : "owner", formData.get(kind === "status" ? "status" : "ownerId")));
  redirect(back(formData, { done: kind, changed: r.changed, same: r.unchanged, skipped: r.skipped, warnings: r.warnings, undo: r.bulkChangeId ?? undefined }));
}

const leadWork = staffAction("leads:work");
const leadRead = staffAction("leads:read");

export const bulkStatusAction = leadWork.formAction(inbox("bulkStatusAction"), async ({ formData, staff }) => {
  const parsed = bulkStatusSchema.safeParse({ status: formData.get("status"), lostReason: formData.get("lostReason") ?? undefined });
  if (!parsed.success) redirect(refused(formData, parsed.error.issues[0].path[0] === "lostReason" ? "lost" : "status", formData.get("status")));
  const ids = chosenIds(formData);
  answer(formData, "status", await bulkChangeStatus(db(), { actorId: staff.id, ids, status: parsed.data.status, lostReason: parsed.data.lostReason }));
});

export const bulkAssignAction = leadWork.formAction(inbox("bulkAssignAction"), async ({ formData, staff }) => {
  const parsed = assignSchema.safeParse({ leadId: "bulk", ownerId: formData.get("ownerId") ?? "" });
  if (!parsed.success) redirect(refused(formData, "owner"));
  const ids = chosenIds(formData);
  answer(formData, "assign", await bulkAssign(db(), { actorId: staff.id, ids, ownerId: parsed.data.ownerId || null }));
});

async function markRead(formData: FormData, userId: string, read: boolean): Promise<never> {
  const ids = chosenIds(formData);
  const r = await markLeadsRead(db(), { userId, ids, read });
  redirect(back(formData, { done: read ? "read" : "unread", changed: r.changed, skipped: r.skipped }));
}

export const bulkMarkReadAction = leadRead.formAction(inbox("bulkMarkReadAction"), ({ formData, staff }) => markRead(formData, staff.id, true));

export const bulkMarkUnreadAction = leadRead.formAction(inbox("bulkMarkUnreadAction"), ({ formData, staff }) => markRead(formData, staff.id, false));

export const undoBulkChangeAction = leadWork.formAction(inbox("undoBulkChangeAction"), async ({ formData, staff }) => {
  const id = String(formData.get("bulkChangeId") ?? "").slice(0, 64);
  const r = await undoBulkChange(db(), { bulkChangeId: id, actorId: staff.id });
  redirect(back(formData, r.ok ? { done: "undo", changed: r.reverted, skipped: r.skipped } : { error: r.code }));
});

export const markInboxSeenAction = leadRead.formAction(inbox("markInboxSeenAction"), async ({ formData, staff }) => {
  await markInboxSeen(db(), staff.id, new Date());
  redirect(back(formData, {}));
});
