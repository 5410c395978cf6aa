"use client";

import { useActionState } from "react";
import { IDLE } from "../programs/form-state";
import { ConsoleForm, SubmitButton } from "../programs/form-ui";
import { CodeRulesFields, type CodeRulesValues } from "../codes/rules-fields";
import { saveDiscountDefaultsAction } from "./actions";

/** The rules new discount codes get. Works without JavaScript (a plain form post). */
export function DiscountDefaultsForm({ saved, programs }: { saved: CodeRulesValues; programs: { value: string; label: string }[] }) {
  const [state, action, pending] = useActionState(saveDiscountDefaultsAction, IDLE);
  return (
    <ConsoleForm action={action} state={state} noValidate className="mt-4 max-w-xl space-y-5">
      <CodeRulesFields state={state} saved={saved} programs={programs} expiry="days" />
      <SubmitButton pending={pending}>{pending ? "Saving…" : "Save rules for new codes"}</SubmitButton>
    </ConsoleForm>
  );
}
