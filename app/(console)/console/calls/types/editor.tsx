"use client";

import { useActionState } from "react";
import { CALL_TYPE_LIMITS } from "@/lib/console/call-types";
import { createCallTypeAction, saveCallTypeAction } from "./actions";
import { IDLE } from "../../programs/form-state";
import { boundField, Checkbox, ConsoleForm, errorFor, SubmitButton, TextArea, TextInput } from "../../programs/form-ui";

/** Adds or edits a call type: a plain form post, so it works without JavaScript. */
export function CallTypeEditor({ callTypeId, saved }: { callTypeId?: string; saved: Record<string, string> }) {
  const [state, action, pending] = useActionState(callTypeId ? saveCallTypeAction : createCallTypeAction, IDLE);
  const field = (name: string) => boundField(state, `call-type-${name}`, name, saved[name]);
  const active = state.status === "error" ? state.values.active === "on" : saved.active === "on";
  return (
    <ConsoleForm action={action} state={state} hidden={callTypeId ? { callTypeId } : {}} noValidate className="mt-4 max-w-2xl space-y-5">
      <TextInput {...field("name")} label="Name" hint="As visitors see it on /book, e.g. “Admissions call”." maxLength={CALL_TYPE_LIMITS.name} />
      <TextInput
        {...field("slug")}
        label="Address"
        hint="Links to /book choose it with ?type=<address>, e.g. admissions-call. Changing it breaks links already shared."
        maxLength={CALL_TYPE_LIMITS.slug}
      />
      <TextArea {...field("description")} label="Description" optional rows={3} maxLength={CALL_TYPE_LIMITS.description} />
      <div className="grid gap-5 md:grid-cols-2">
        <TextInput
          {...field("durationMinutes")}
          label="Duration (minutes)"
          type="number"
          inputMode="numeric"
          min={CALL_TYPE_LIMITS.minDuration}
          max={CALL_TYPE_LIMITS.maxDuration}
          step={5}
          hint="In steps of 5 minutes. Calls already booked keep their length."
        />
        <TextInput
          {...field("position")}
          label="Position"
          type="number"
          inputMode="numeric"
          min={0}
          max={CALL_TYPE_LIMITS.maxPosition}
          hint="Lower numbers come first on /book."
        />
      </div>
      <Checkbox
        id="call-type-active"
        name="active"
        label="Offered to visitors"
        hint="Unticked, the call type is retired: /book stops offering it; calls already booked stay booked."
        defaultChecked={active}
        error={errorFor(state, "active")}
      />
      <SubmitButton pending={pending}>{pending ? "Saving…" : callTypeId ? "Save call type" : "Add call type"}</SubmitButton>
    </ConsoleForm>
  );
}
