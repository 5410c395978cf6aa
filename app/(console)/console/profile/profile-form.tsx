"use client";

import { useActionState } from "react";
import type { SelectOption } from "@/components/console/fields";
import { saveProfileAction } from "./actions";
import { IDLE } from "../programs/form-state";
import { ConsoleForm, errorFor, Select, startValue, SubmitButton } from "../programs/form-ui";

/** The time zone choice: the first option follows the browser. */
export function ProfileForm({
  saved,
  zones,
  browserZone,
  hoursZone,
}: {
  saved: string;
  zones: SelectOption[];
  browserZone: string | null;
  hoursZone: string | null;
}) {
  const [state, action, pending] = useActionState(saveProfileAction, IDLE);
  const automatic = hoursZone
    ? `Automatic: my call hours' zone (${hoursZone.replace(/_/g, " ")})`
    : `Automatic: my browser's zone${browserZone ? ` (now ${browserZone.replace(/_/g, " ")})` : ""}`;
  const options: SelectOption[] = [{ value: "", label: automatic }, ...zones];
  return (
    <ConsoleForm action={action} state={state} noValidate className="mt-4 max-w-xl space-y-5">
      <Select
        id="profile-timeZone"
        name="timeZone"
        label="Time zone"
        hint="Every time in the console is shown in this zone, and date filters count its days."
        defaultValue={startValue(state, "timeZone", saved)}
        error={errorFor(state, "timeZone")}
        options={options}
      />
      <SubmitButton pending={pending}>{pending ? "Saving…" : "Save"}</SubmitButton>
    </ConsoleForm>
  );
}
