"use server";

import { redirect } from "next/navigation";
import { staffAction } from "@/app/(console)/auth";
import { fillMessage, leadEmailContext, leadEmailSchema, sendLeadEmail, type LeadEmailState } from "@/lib/console/lead-email";
import { viewFilters, viewQuery } from "@/lib/console/lead-neighbours";
import { formValues } from "@/lib/console/programs";
import { kickDispatcher } from "@/lib/email/app-dispatcher";
import { db } from "@/lib/db";
import { UNREADABLE_FORM_MESSAGE } from "@/lib/action-args";
import type { StateInput } from "@/lib/actions/client";
import { FIX_FIELDS } from "../../programs/form-state";

/**
 * "Write an email" on the lead page (components/console/lead-email.tsx). staffAction checks
 * "leads:work" before the body runs. "Preview" fills the merge fields and shows the result;
 * "Send email" queues it (lib/console/lead-email.ts: once per form token, with its timeline
 * entry) and comes back to the lead page (post/redirect/get) with a fresh form.
 */

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const FIELDS = ["subject", "body", "template"] as const;

const text = (formData: FormData, name: string, max = 64) => {
  const v = formData.get(name);
  return typeof v === "string" ? v.slice(0, max) : "";
};

/** The lead page, in the inbox view it was opened from, with what happened. */
function leadPage(formData: FormData, query: Record<string, string>): string {
  const leadId = text(formData, "leadId");
  if (!ID.test(leadId)) return "/console/leads";
  const q = new URLSearchParams(query);
  const view = viewFilters(text(formData, "view", 1000) || undefined);
  if (view && viewQuery(view)) q.set("view", viewQuery(view));
  return `/console/leads/${leadId}?${q.toString()}#email`;
}

/** Refused (no permission) or failed: the message above the form, and what was written kept. */
const refused = ({ formData }: StateInput, message: string): LeadEmailState => ({
  status: "error",
  message,
  fieldErrors: {},
  values: formValues(formData, FIELDS),
});

export const sendLeadEmailAction = staffAction("leads:work").stateAction(
  {
    name: "sendLeadEmailAction",
    malformed: (): LeadEmailState => ({ status: "error", message: UNREADABLE_FORM_MESSAGE, fieldErrors: {}, values: {} }),
    returnTo: ({ formData }) => leadPage(formData, {}).replace(/[?#].*$/, ""),
    forbidden: refused,
    failed: refused,
  },
  async ({ formData, staff }): Promise<LeadEmailState> => {
    const values = formValues(formData, FIELDS);
    const parsed = leadEmailSchema.safeParse({
      leadId: formData.get("leadId"),
      token: formData.get("token"),
      subject: formData.get("subject"),
      body: formData.get("body"),
    });
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
      const stale = fieldErrors.token ?? (fieldErrors.leadId ? "That lead does not exist." : undefined);
      return { status: "error", message: stale ?? FIX_FIELDS, fieldErrors, values };
    }
    if (formData.get("intent") === "preview") {
      const context = await leadEmailContext(db(), parsed.data.leadId, staff.id);
      if (!context) return { status: "error", message: "That lead does not exist (it may have been erased).", fieldErrors: {}, values };
      return { status: "preview", values, preview: fillMessage(parsed.data.subject, parsed.data.body, context.values) };
    }
    const outcome = await sendLeadEmail(db(), { ...parsed.data, writerId: staff.id, now: new Date() });
    if (!outcome.ok) {
      const fieldErrors = outcome.field === "form" ? {} : { [outcome.field]: outcome.error };
      return { status: "error", message: outcome.field === "form" ? outcome.error : "Not sent. See below.", fieldErrors, values };
    }
    if (!outcome.duplicate) kickDispatcher();
    redirect(leadPage(formData, { emailed: outcome.duplicate ? "already" : "sent" }));
  },
);
