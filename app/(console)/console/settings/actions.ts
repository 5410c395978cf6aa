"use server";

import { redirect } from "next/navigation";
import { staffAction } from "@/app/(console)/auth";
import { saveStaffRecipientSettings } from "@/lib/console/settings";
import { saveDiscountDefaults } from "@/lib/discounts/defaults";
import { db } from "@/lib/db";
import { LEAD_TYPES } from "@/lib/leads/form-types";
import { consoleFormAnswers } from "../form-answers";
import { FIX_FIELDS, type ConsoleFormState } from "../programs/form-state";

/** Saves the staff notification recipients. Admin only ("settings:manage"), checked by staffAction: Server Actions are public. */
export const saveRecipientsAction = staffAction("settings:manage").stateAction(
  consoleFormAnswers("saveRecipientsAction", () => "/console/settings"),
  async ({ formData, staff }): Promise<ConsoleFormState> => {
    const raw: Record<string, string> = {};
    for (const f of LEAD_TYPES) {
      const v = formData.get(f);
      raw[f] = typeof v === "string" ? v.slice(0, 10_000) : "";
    }
    const outcome = await saveStaffRecipientSettings(db(), raw, staff.id);
    if (!outcome.ok) return { status: "error", message: FIX_FIELDS, fieldErrors: outcome.fieldErrors as Record<string, string>, values: raw };
    redirect(`/console/settings?saved=${outcome.changed.length}`);
  },
);

const text = (v: FormDataEntryValue | null) => (typeof v === "string" ? v.slice(0, 200) : "");

/** Saves the rules new discount codes get (lib/discounts/defaults.ts). Admin only ("settings:manage"). */
export const saveDiscountDefaultsAction = staffAction("settings:manage").stateAction(
  consoleFormAnswers("saveDiscountDefaultsAction", () => "/console/settings#discount-defaults"),
  async ({ formData, staff }): Promise<ConsoleFormState> => {
    const raw = {
      percent: text(formData.get("percent")),
      expiryDays: text(formData.get("expiryDays")),
      singleUse: text(formData.get("singleUse")),
      programs: formData.getAll("programs").slice(0, 60).map(text),
    };
    const outcome = await saveDiscountDefaults(db(), raw, staff.id);
    if (!outcome.ok) {
      const values = { percent: raw.percent, expiryDays: raw.expiryDays, singleUse: raw.singleUse, programs: raw.programs.join(",") };
      return { status: "error", message: FIX_FIELDS, fieldErrors: outcome.fieldErrors, values };
    }
    redirect(`/console/settings?codes=${outcome.changed ? "saved" : "same"}#discount-defaults`);
  },
);
