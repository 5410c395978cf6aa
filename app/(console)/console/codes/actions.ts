"use server";

import { redirect } from "next/navigation";
import { staffAction } from "@/app/(console)/auth";
import { saveCodeRules } from "@/lib/console/codes";
import { db } from "@/lib/db";
import { consoleFormAnswers } from "../form-answers";
import { FIX_FIELDS, type ConsoleFormState } from "../programs/form-state";

const text = (v: FormDataEntryValue | null) => (typeof v === "string" ? v.slice(0, 200) : "");

/** Saves one code's rules. "codes:edit" (staff and admins), checked by staffAction: Server Actions are public. */
export const saveCodeRulesAction = staffAction("codes:edit").stateAction(
  consoleFormAnswers("saveCodeRulesAction", ({ formData }) => `/console/codes/${encodeURIComponent(text(formData.get("codeId")))}`),
  async ({ formData }): Promise<ConsoleFormState> => {
    const id = text(formData.get("codeId")).slice(0, 64);
    const raw = {
      percent: text(formData.get("percent")),
      expiresOn: text(formData.get("expiresOn")),
      singleUse: text(formData.get("singleUse")),
      programs: formData.getAll("programs").slice(0, 60).map(text),
    };
    const values = { percent: raw.percent, expiresOn: raw.expiresOn, singleUse: raw.singleUse, programs: raw.programs.join(",") };
    const outcome = await saveCodeRules(db(), id, raw);
    if (!outcome.ok && outcome.notFound) return { status: "error", message: "That code no longer exists.", fieldErrors: {}, values };
    if (!outcome.ok) return { status: "error", message: FIX_FIELDS, fieldErrors: outcome.fieldErrors, values };
    redirect(`/console/codes/${encodeURIComponent(id)}?saved=1`);
  },
);
