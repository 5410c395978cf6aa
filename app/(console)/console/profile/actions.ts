"use server";

import { redirect } from "next/navigation";
import { staffAction } from "@/app/(console)/auth";
import { saveProfile } from "@/lib/console/profile";
import { formValues } from "@/lib/console/programs";
import { db } from "@/lib/db";
import { consoleFormAnswers } from "../form-answers";
import { FIX_FIELDS } from "../programs/form-state";

/**
 * "Your profile": any signed-in staff member ("leads:read", which every role has; staffAction
 * checks it before the body runs) changes their own time zone and email signature. The account is the session's,
 * never one named in the post.
 */
export const saveProfileAction = staffAction("leads:read").stateAction(
  consoleFormAnswers("saveProfileAction", () => "/console/profile"),
  async ({ formData, staff }) => {
    const outcome = await saveProfile(db(), staff.id, { timeZone: formData.get("timeZone"), signature: formData.get("signature") ?? undefined });
    if (!outcome.ok)
      return { status: "error" as const, message: FIX_FIELDS, fieldErrors: outcome.fieldErrors, values: formValues(formData, ["timeZone", "signature"]) };
    redirect("/console/profile?saved=1");
  },
);
