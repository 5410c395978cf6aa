"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getAuth, staffAction } from "@/app/(console)/auth";
import type { StateInput } from "@/lib/actions/client";
import { isRole } from "@/lib/auth/roles";
import { changeStaffRole, createStaffAccount, disableStaffAccount, enableStaffAccount, resetStaffPassword, ROLE_LABELS } from "@/lib/console/staff-accounts";
import { db } from "@/lib/db";
import { consoleFormAnswers } from "../form-answers";
import { FIX_FIELDS, type ConsoleFormState } from "../programs/form-state";

/**
 * Staff account actions, admin only ("staff:manage"). Server Actions are public
 * endpoints: staffAction checks the session and role before each body runs. The lockout
 * rules (not yourself, never the last active admin) are enforced in
 * lib/console/staff-accounts.ts.
 */

const text = (formData: FormData, name: string, max = 256) => {
  const v = formData.get(name);
  return typeof v === "string" ? v.slice(0, max) : "";
};

const staffManage = staffAction("staff:manage");
/** The account's page: where signing in comes back to. */
const accountPage = ({ formData }: StateInput) => `/console/staff/${text(formData, "userId", 64)}`;

export const createStaffAction = staffManage.stateAction(
  consoleFormAnswers("createStaffAction", () => "/console/staff"),
  async ({ formData }): Promise<ConsoleFormState> => {
    const raw = { name: text(formData, "name"), email: text(formData, "email", 300), role: text(formData, "role"), password: text(formData, "password", 200) };
    const outcome = await createStaffAccount(getAuth(), raw);
    if (!outcome.ok)
      return { status: "error", message: FIX_FIELDS, fieldErrors: outcome.fieldErrors, values: { name: raw.name, email: raw.email, role: raw.role } };
    revalidatePath("/console/staff");
    const what = `${ROLE_LABELS[outcome.role]} account created for ${outcome.name} (${outcome.email}).`;
    return outcome.generatedPassword
      ? { status: "success", message: what, secret: { label: `Password for ${outcome.email}`, value: outcome.generatedPassword } }
      : { status: "success", message: `${what} They can sign in with the password you set.` };
  },
);

export const changeRoleAction = staffManage.stateAction(
  consoleFormAnswers("changeRoleAction", accountPage),
  async ({ formData, staff: who }): Promise<ConsoleFormState> => {
    const id = text(formData, "userId", 64);
    const role = text(formData, "role");
    if (!isRole(role)) return { status: "error", message: FIX_FIELDS, fieldErrors: { role: "Choose admin or staff." }, values: { role } };
    const outcome = await changeStaffRole(db(), who.id, id, role);
    if (!outcome.ok) return { status: "error", message: outcome.message, fieldErrors: {}, values: { role } };
    redirect(`/console/staff/${encodeURIComponent(id)}?done=${outcome.changed ? "role" : "unchanged"}`);
  },
);

export const setDisabledAction = staffManage.stateAction(
  consoleFormAnswers("setDisabledAction", accountPage),
  async ({ formData, staff: who }): Promise<ConsoleFormState> => {
    const id = text(formData, "userId", 64);
    const disable = text(formData, "disable") === "1";
    const outcome = disable ? await disableStaffAccount(db(), who.id, id, who.name) : await enableStaffAccount(db(), who.id, id);
    if (!outcome.ok) return { status: "error", message: outcome.message, fieldErrors: {}, values: {} };
    redirect(`/console/staff/${encodeURIComponent(id)}?done=${!outcome.changed ? "unchanged" : disable ? "disabled" : "enabled"}`);
  },
);

export const resetPasswordAction = staffManage.stateAction(
  consoleFormAnswers("resetPasswordAction", accountPage),
  async ({ formData, staff: who }): Promise<ConsoleFormState> => {
    const id = text(formData, "userId", 64);
    const password = text(formData, "password", 200);
    // Your own sessions end too: a password you never saw would lock you out.
    if (id === who.id && password === "") {
      return {
        status: "error",
        message: FIX_FIELDS,
        fieldErrors: { password: "Type your new password: you will be signed out and need it to sign back in." },
        values: {},
      };
    }
    const outcome = await resetStaffPassword(getAuth(), db(), who.id, id, { password });
    if (!outcome.ok)
      return "code" in outcome
        ? { status: "error", message: outcome.message, fieldErrors: {}, values: {} }
        : { status: "error", message: FIX_FIELDS, fieldErrors: outcome.fieldErrors, values: {} };
    if (id === who.id) redirect(`/console/sign-in?next=${encodeURIComponent(`/console/staff/${id}`)}`);
    revalidatePath(`/console/staff/${id}`);
    return outcome.generatedPassword
      ? {
          status: "success",
          message: `New password set for ${outcome.name}, and they were signed out everywhere.`,
          secret: { label: "New password", value: outcome.generatedPassword },
        }
      : { status: "success", message: `New password set for ${outcome.name}, and they were signed out everywhere.` };
  },
);
