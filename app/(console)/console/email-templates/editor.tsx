"use client";

import { useActionState } from "react";
import { TEMPLATE_LIMITS } from "@/lib/console/email-templates";
import { ALLOWED_FIELDS_TEXT } from "@/lib/email/merge-fields";
import { createEmailTemplateAction, saveEmailTemplateAction } from "./actions";
import { IDLE } from "../programs/form-state";
import { boundField, ConsoleForm, SubmitButton, TextArea, TextInput } from "../programs/form-ui";

/** Adds or edits an email template: a plain form post, so it works without JavaScript. */
export function EmailTemplateEditor({ templateId, saved }: { templateId?: string; saved: Record<string, string> }) {
  const [state, action, pending] = useActionState(templateId ? saveEmailTemplateAction : createEmailTemplateAction, IDLE);
  const field = (name: string) => boundField(state, `template-${name}`, name, saved[name]);
  return (
    <ConsoleForm action={action} state={state} hidden={templateId ? { templateId } : {}} noValidate className="mt-4 max-w-3xl space-y-5">
      <TextInput {...field("name")} label="Name" hint="What staff pick on the lead page, e.g. “First contact”." maxLength={TEMPLATE_LIMITS.name} />
      <TextInput {...field("subject")} label="Subject" hint={`One line. Merge fields allowed: ${ALLOWED_FIELDS_TEXT}.`} maxLength={TEMPLATE_LIMITS.subject} />
      <TextArea
        {...field("body")}
        label="Message"
        rows={12}
        maxLength={TEMPLATE_LIMITS.body}
        hint={`Plain text; a blank line starts a new paragraph. Merge fields: ${ALLOWED_FIELDS_TEXT}.`}
      />
      <SubmitButton pending={pending}>{pending ? "Saving…" : templateId ? "Save template" : "Add template"}</SubmitButton>
    </ConsoleForm>
  );
}
