"use server";

import { redirect } from "next/navigation";
import { staffAction } from "@/app/(console)/auth";
import { CALL_TYPE_FIELDS, callTypePost, createCallType, setCallTypeActive, updateCallType, type CallTypeEditOutcome } from "@/lib/console/call-types";
import { formValues } from "@/lib/console/programs";
import { db } from "@/lib/db";
import { consoleFormAnswers } from "../../form-answers";
import { FIX_FIELDS, type ConsoleFormState } from "../../programs/form-state";

/**
 * The call types' Server Actions. staffAction checks the session and "content:edit" (the call
 * types are what /book offers the public, like programs and rewards) before each body runs;
 * lib/console/call-types.ts validates the post.
 */

const LIST = "/console/calls/types";

const idOf = (formData: FormData) => {
  const v = formData.get("callTypeId");
  return typeof v === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(v) ? v : "";
};

function finish(outcome: CallTypeEditOutcome, formData: FormData, saved: string): ConsoleFormState {
  if (!outcome.ok)
    return { status: "error", message: outcome.message ?? FIX_FIELDS, fieldErrors: outcome.fieldErrors, values: formValues(formData, CALL_TYPE_FIELDS) };
  redirect(`${LIST}?saved=${saved}#call-type-${outcome.id}`);
}

const contentEdit = staffAction("content:edit");

export const createCallTypeAction = contentEdit.stateAction(
  consoleFormAnswers("createCallTypeAction", () => `${LIST}/new`),
  async ({ formData }) => finish(await createCallType(db(), callTypePost(formData)), formData, "created"),
);

export const saveCallTypeAction = contentEdit.stateAction(
  consoleFormAnswers("saveCallTypeAction", ({ formData }) => `${LIST}/${idOf(formData)}`),
  async ({ formData }) => finish(await updateCallType(db(), idOf(formData), callTypePost(formData)), formData, "saved"),
);

/** Retire a call type or offer it again: one button, no JavaScript needed. Bookings stay. */
export const retireCallTypeAction = contentEdit.formAction(
  {
    name: "retireCallTypeAction",
    malformed: () => redirect(`${LIST}?error=invalid`),
    returnTo: () => LIST,
    forbidden: () => redirect(`${LIST}?error=forbidden`),
  },
  async ({ formData }) => {
    const id = idOf(formData);
    const op = formData.get("op");
    const ok = (op === "retire" || op === "offer") && (await setCallTypeActive(db(), id, op === "offer"));
    redirect(ok ? `${LIST}?saved=${op}#call-type-${id}` : `${LIST}?error=invalid`);
  },
);
