"use client";

import { useActionState } from "react";
import { AVAILABILITY_LIMITS } from "@/lib/console/availability-form";
import { addDateOffAction } from "./actions";
import { IDLE } from "../../programs/form-state";
import { boundField, ConsoleForm, SubmitButton, TextInput } from "../../programs/form-ui";

/** Adds a day off: a date input and an optional note, a plain post without JavaScript. */
export function DateOffForm({ userId, today }: { userId: string; today: string }) {
  const [state, action, pending] = useActionState(addDateOffAction, IDLE);
  const field = (name: string) => boundField(state, `date-off-${name}`, name, "");
  // Keyed by the outcome, so a refused date stays typed in and an added one clears the fields.
  const key = state.status === "error" ? JSON.stringify(state.values) : state.status;
  return (
    <ConsoleForm action={action} state={state} hidden={{ userId }} noValidate className="mt-3 max-w-xl space-y-4">
      <div key={key} className="grid gap-4 sm:grid-cols-2">
        <TextInput {...field("date")} label="Date off" type="date" min={today} hint="A whole day, in the advisor's time zone." />
        <TextInput {...field("note")} label="Note" optional maxLength={AVAILABILITY_LIMITS.note} hint="For staff only, e.g. a holiday." />
      </div>
      <SubmitButton pending={pending} variant="secondary">
        {pending ? "Adding…" : "Add day off"}
      </SubmitButton>
    </ConsoleForm>
  );
}
