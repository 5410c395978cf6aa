"use server";

import { redirect } from "next/navigation";
import type { FormInput } from "@/lib/actions/client";
import { db } from "@/lib/db";
import { confirmContactDetails } from "@/lib/console/contact-details";
import { saveActionPanel } from "@/lib/console/action-panel";
import { PANEL_FIELDS, panelPost, SHOWN_FIELDS } from "@/lib/console/action-panel-schema";
import { formValues } from "@/lib/console/form-fields";
import { viewFilters, viewQuery } from "@/lib/console/lead-neighbours";
import { staffAction } from "@/app/(console)/auth";
import { consoleZone } from "@/app/(console)/time-zone";
import { consoleFormAnswers } from "../form-answers";
import { FIX_FIELDS, type ConsoleFormState } from "../programs/form-state";

/**
 * The lead page's forms: the action panel and the contact details. They post without
 * JavaScript and come back to the page (post/redirect/get); errors show next to the field. Server Actions are public endpoints: staffAction checks the session and the
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

/**
 * The action panel: status (with a lost reason), owner, next task and note in one post,
 * applied in one transaction (lib/console/action-panel.ts). A refused save answers with the
 * form's state (every value posted, errors by field), which re-renders the page with them
 * when JavaScript is off; a save goes back to the page (post/redirect/get).
 */
export const saveActionPanelAction = leadWork.stateAction(
  consoleFormAnswers("saveActionPanelAction", ({ formData }) => `/console/leads/${encodeURIComponent(leadIdOf(formData))}`),
  async ({ formData, staff }): Promise<ConsoleFormState> => {
    const outcome = await saveActionPanel(db(), { raw: panelPost(formData), actorId: staff.id, timeZone: (await consoleZone()).timeZone, now: new Date() });
    if (!outcome.ok) {
      const { form, ...fieldErrors } = outcome.fieldErrors;
      return {
        status: "error",
        message: form ?? FIX_FIELDS,
        fieldErrors: fieldErrors as Record<string, string>,
        values: formValues(formData, [...PANEL_FIELDS, ...SHOWN_FIELDS]),
      };
    }
    // The warning's words stay on the server: the URL only says which one (lib/discounts/use.ts).
    redirect(back(formData, { form: "work", saved: outcome.changed ? "work" : "nothing", ...(outcome.warning ? { warning: "code" } : {}) }));
  },
);

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
