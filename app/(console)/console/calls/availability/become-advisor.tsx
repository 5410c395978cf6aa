"use client";

import { useActionState } from "react";
import type { SelectOption } from "@/components/console/fields";
import { becomeAdvisorAction } from "./actions";
import { IDLE } from "../../programs/form-state";
import { ConsoleForm, errorFor, startValue, SubmitButton } from "../../programs/form-ui";
import { ZoneSelect } from "./zone-select";

/** The first step: create the Advisor row with a time zone. Hours, call types and rules come next. */
export function BecomeAdvisorForm({ userId, zones, defaultZone, self }: { userId: string; zones: SelectOption[]; defaultZone: string; self: boolean }) {
  const [state, action, pending] = useActionState(becomeAdvisorAction, IDLE);
  const zone = startValue(state, "timeZone", defaultZone);
  return (
    <ConsoleForm action={action} state={state} hidden={{ userId }} noValidate className="mt-4 max-w-xl space-y-5">
      <ZoneSelect
        id="advisor-timeZone"
        label={self ? "Your time zone" : "Their time zone"}
        hint="Working hours are set on this zone's clock."
        defaultValue={zone}
        error={errorFor(state, "timeZone")}
        options={zones}
        detect={state.status === "idle" && self}
      />
      <SubmitButton pending={pending}>{pending ? "Saving…" : self ? "Start taking calls" : "Make them an advisor"}</SubmitButton>
    </ConsoleForm>
  );
}
