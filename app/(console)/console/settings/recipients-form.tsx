"use client";

import { useActionState } from "react";
import { IDLE } from "../programs/form-state";
import { boundField, ConsoleForm, SubmitButton, TextArea } from "../programs/form-ui";
import { saveRecipientsAction } from "./actions";

export type RecipientRow = {
  formType: string;
  label: string;
  /** The saved setting, comma-separated; empty when not set. */
  value: string;
  /** What applies when empty, and where it comes from. */
  fallback: string;
  changed?: string;
};

/** One field per form type. Works without JavaScript (a plain form post). */
export function RecipientsForm({ rows }: { rows: RecipientRow[] }) {
  const [state, action, pending] = useActionState(saveRecipientsAction, IDLE);
  return (
    <ConsoleForm action={action} state={state} noValidate className="mt-6 space-y-6">
      {rows.map((r) => (
        <div key={r.formType}>
          <TextArea
            {...boundField(state, `recipients-${r.formType}`, r.formType, r.value)}
            label={`Who to notify of a new ${r.label.toLowerCase()}`}
            optional
            rows={2}
            spellCheck={false}
            autoCapitalize="none"
            hint={
              <>
                Email addresses separated by commas. Empty: {r.fallback}.{r.changed ? ` ${r.changed}` : ""}
              </>
            }
          />
        </div>
      ))}
      <SubmitButton pending={pending}>{pending ? "Saving…" : "Save recipients"}</SubmitButton>
    </ConsoleForm>
  );
}
