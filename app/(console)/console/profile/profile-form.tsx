"use client";

import { useActionState } from "react";
import type { SelectOption } from "@/components/console/fields";
import { saveProfileAction } from "./actions";
import { IDLE } from "../programs/form-state";
import { ConsoleForm, errorFor, Select, startValue, SubmitButton, TextArea } from "../programs/form-ui";

/** The time zone choice (the first option follows the browser) and the email signature. */
export function ProfileForm({
  saved,
  savedSignature,
  signatureMax,
  zones,
  browserZone,
  hoursZone,
}: {
  saved: string;
  savedSignature: string;
  signatureMax: number;
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
      <TextArea
        id="profile-signature"
        name="signature"
        label="Email signature"
        optional
        rows={4}
        maxLength={signatureMax}
        hint="Plain text under the emails you write to leads, where a template says {{advisor_signature}}. Empty: your name."
        defaultValue={startValue(state, "signature", savedSignature)}
        error={errorFor(state, "signature")}
      />
      <SubmitButton pending={pending}>{pending ? "Saving…" : "Save"}</SubmitButton>
    </ConsoleForm>
  );
}
