"use server";

import { redirect } from "next/navigation";
import { stateAction } from "@/lib/action-args";
import { authorize, isDenied } from "@/lib/auth/next";
import { saveStaffRecipientSettings } from "@/lib/console/settings";
import { db } from "@/lib/db";
import { LEAD_TYPES } from "@/lib/leads/form-types";
import { FIX_FIELDS, unreadable, type ConsoleFormState } from "../programs/form-state";

/** Saves the staff notification recipients. Admin only ("settings:manage"), checked here: Server Actions are public. */
export const saveRecipientsAction = stateAction("saveRecipientsAction", unreadable, async (_prev, formData): Promise<ConsoleFormState> => {
  const who = await authorize("settings:manage");
  if (isDenied(who)) {
    if (who.status === 401) redirect("/console/sign-in?next=/console/settings");
    return { status: "error", message: who.error, fieldErrors: {}, values: {} };
  }
  const raw: Record<string, string> = {};
  for (const f of LEAD_TYPES) {
    const v = formData.get(f);
    raw[f] = typeof v === "string" ? v.slice(0, 10_000) : "";
  }
  const outcome = await saveStaffRecipientSettings(db(), raw, who.id);
  if (!outcome.ok) return { status: "error", message: FIX_FIELDS, fieldErrors: outcome.fieldErrors as Record<string, string>, values: raw };
  redirect(`/console/settings?saved=${outcome.changed.length}`);
});
