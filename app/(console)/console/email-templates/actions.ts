"use server";

import { redirect } from "next/navigation";
import { staffAction } from "@/app/(console)/auth";
import { createTemplate, setTemplateArchived, TEMPLATE_FIELDS, templatePost, updateTemplate, type TemplateEditOutcome } from "@/lib/console/email-templates";
import { formValues } from "@/lib/console/programs";
import { db } from "@/lib/db";
import { consoleFormAnswers } from "../form-answers";
import { FIX_FIELDS, type ConsoleFormState } from "../programs/form-state";

/**
 * The email templates' Server Actions. staffAction checks the session and "templates:edit"
 * before each body runs; lib/console/email-templates.ts validates the post (merge fields
 * included) and records who changed the template.
 */

const LIST = "/console/email-templates";

const idOf = (formData: FormData) => {
  const v = formData.get("templateId");
  return typeof v === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(v) ? v : "";
};

function finish(outcome: TemplateEditOutcome, formData: FormData, saved: string): ConsoleFormState {
  if (!outcome.ok)
    return { status: "error", message: outcome.message ?? FIX_FIELDS, fieldErrors: outcome.fieldErrors, values: formValues(formData, TEMPLATE_FIELDS) };
  redirect(`${LIST}?saved=${saved}#template-${outcome.id}`);
}

const templatesEdit = staffAction("templates:edit");

export const createEmailTemplateAction = templatesEdit.stateAction(
  consoleFormAnswers("createEmailTemplateAction", () => `${LIST}/new`),
  async ({ formData, staff }) => finish(await createTemplate(db(), templatePost(formData), staff.id), formData, "created"),
);

export const saveEmailTemplateAction = templatesEdit.stateAction(
  consoleFormAnswers("saveEmailTemplateAction", ({ formData }) => `${LIST}/${idOf(formData)}`),
  async ({ formData, staff }) => finish(await updateTemplate(db(), idOf(formData), templatePost(formData), staff.id), formData, "saved"),
);

/** Archive (off the lead page's list) or restore: one button each, no JavaScript needed. */
export const archiveEmailTemplateAction = templatesEdit.formAction(
  {
    name: "archiveEmailTemplateAction",
    malformed: () => redirect(`${LIST}?error=invalid`),
    returnTo: () => LIST,
    forbidden: () => redirect(`${LIST}?error=forbidden`),
  },
  async ({ formData, staff }) => {
    const id = idOf(formData);
    const op = formData.get("op");
    const ok = (op === "archive" || op === "restore") && (await setTemplateArchived(db(), id, op === "archive", staff.id));
    redirect(ok ? `${LIST}?saved=${op}#template-${id}` : `${LIST}?error=invalid`);
  },
);
