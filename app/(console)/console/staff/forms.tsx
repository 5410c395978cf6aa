"use client";

import { useActionState } from "react";
import { IDLE } from "../programs/form-state";
import { boundField, ConsoleForm, errorFor, Select, SubmitButton, TextInput } from "../programs/form-ui";
import { changeRoleAction, createStaffAction, resetPasswordAction, setDisabledAction } from "./actions";

/**
 * Staff account forms. Plain form posts (they work without JavaScript); a generated
 * password comes back in the action's state, so it is shown once and never put in a URL.
 */

type Option = { value: string; label: string };

export function CreateStaffForm({ roleOptions, passwordMin }: { roleOptions: Option[]; passwordMin: number }) {
  const [state, action, pending] = useActionState(createStaffAction, IDLE);
  return (
    <ConsoleForm action={action} state={state} noValidate className="mt-4 space-y-4">
      <div className="grid gap-4 md:grid-cols-2">
        <TextInput {...boundField(state, "new-name", "name", "")} label="Name" autoComplete="off" />
        <TextInput
          {...boundField(state, "new-email", "email", "")}
          type="email"
          label="Work email"
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="none"
        />
        <Select {...boundField(state, "new-role", "role", "staff")} label="Role" options={roleOptions} />
        <TextInput
          id="new-password"
          name="password"
          type="password"
          label="Initial password"
          optional
          autoComplete="new-password"
          hint={`At least ${passwordMin} characters. Leave empty to generate one, shown once after saving.`}
          error={errorFor(state, "password")}
        />
      </div>
      <SubmitButton pending={pending}>{pending ? "Creating…" : "Create account"}</SubmitButton>
    </ConsoleForm>
  );
}

export function RoleForm({ userId, role, roleOptions, disabledReason }: { userId: string; role: string; roleOptions: Option[]; disabledReason?: string }) {
  const [state, action, pending] = useActionState(changeRoleAction, IDLE);
  return (
    <ConsoleForm action={action} state={state} hidden={{ userId }} noValidate className="space-y-3">
      <Select {...boundField(state, "role", "role", role)} label="Role" hint={disabledReason} options={roleOptions} />
      <SubmitButton pending={pending}>{pending ? "Saving…" : "Change role"}</SubmitButton>
    </ConsoleForm>
  );
}

export function DisableForm({ userId, name, disabled }: { userId: string; name: string; disabled: boolean }) {
  const [state, action, pending] = useActionState(setDisabledAction, IDLE);
  return (
    <ConsoleForm action={action} state={state} hidden={{ userId, disable: disabled ? "0" : "1" }} className="space-y-3">
      <SubmitButton pending={pending} variant={disabled ? "primary" : "danger"}>
        {disabled ? `Enable ${name}'s account` : `Disable ${name}'s account`}
      </SubmitButton>
    </ConsoleForm>
  );
}

export function ResetPasswordForm({ userId, self, passwordMin }: { userId: string; self: boolean; passwordMin: number }) {
  const [state, action, pending] = useActionState(resetPasswordAction, IDLE);
  return (
    <ConsoleForm action={action} state={state} hidden={{ userId }} noValidate className="space-y-3">
      <TextInput
        id="reset-password"
        name="password"
        type="password"
        label="New password"
        optional={!self}
        autoComplete="new-password"
        hint={
          self
            ? `At least ${passwordMin} characters. You will be signed out everywhere, here too, and sign back in with it.`
            : `At least ${passwordMin} characters. Leave empty to generate one, shown once. Every session of this account is signed out.`
        }
        error={errorFor(state, "password")}
      />
      <SubmitButton pending={pending} variant="secondary">
        {pending ? "Setting…" : "Set new password"}
      </SubmitButton>
    </ConsoleForm>
  );
}
