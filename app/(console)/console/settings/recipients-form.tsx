"use client";

import { useActionState } from "react";
import { IDLE } from "../programs/form-state";
import { errorFor, FormMessage, startValue, SubmitButton, TextArea } from "../programs/form-ui";
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
    <form action={action} noValidate className="mt-6 space-y-6">
      <FormMessage state={state} />
      {rows.map((r) => (
        <div key={r.formType}>
          <TextArea
            id={`recipients-${r.formType}`}
            name={r.formType}
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
            defaultValue={startValue(state, r.formType, r.value)}
            error={errorFor(state, r.formType)}
          />
        </div>
      ))}
      <SubmitButton pending={pending}>{pending ? "Saving…" : "Save recipients"}</SubmitButton>
    </form>
  );
}
