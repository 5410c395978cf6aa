"use client";

import { useActionState } from "react";
import { IDLE } from "../../programs/form-state";
import { CodeRulesFields, type CodeRulesValues } from "../rules-fields";
import { ConsoleForm, SubmitButton } from "../../programs/form-ui";
import { saveCodeRulesAction } from "../actions";

/** One code's rules. Works without JavaScript (a plain form post). */
export function CodeRulesForm({ codeId, saved, programs }: { codeId: string; saved: CodeRulesValues; programs: { value: string; label: string }[] }) {
  const [state, action, pending] = useActionState(saveCodeRulesAction, IDLE);
  return (
    <ConsoleForm action={action} state={state} hidden={{ codeId }} noValidate className="mt-4 max-w-xl space-y-5">
      <CodeRulesFields state={state} saved={saved} programs={programs} expiry="date" />
      <SubmitButton pending={pending}>{pending ? "Saving…" : "Save rules"}</SubmitButton>
    </ConsoleForm>
  );
}
