"use server";

import { staffAction } from "@/app/(console)/auth";
import { db } from "@/lib/db";
import { parseVersion } from "@/lib/people/edit";
import { formValues, ID_PATTERN } from "@/lib/people/fields";
import { createOutcomeReport, OUTCOME_FIELDS, updateOutcomeReport } from "@/lib/people/outcomes";
import { consoleFormAnswers } from "../form-answers";
import type { ConsoleFormState } from "../programs/form-state";
import { finishPeopleEdit } from "../publish-people";

/** Adding and editing outcomes reports (content:edit). Rates and medians are computed, never posted. */

/** The record a post edits; none (no field, or empty) means a new one. A bad id finds nothing, so it is "not found", never a new record. */
const idOf = (formData: FormData) => {
  const v = formData.get("reportId");
  return typeof v === "string" && v !== "" ? v.slice(0, 64) : null;
};

const editorPath = (id: string) => `/console/outcomes/${id}`;
const backTo = ({ formData }: { formData: FormData }) => {
  const id = idOf(formData);
  return id && ID_PATTERN.test(id) ? editorPath(id) : "/console/outcomes/new";
};

export const saveOutcomeReportAction = staffAction("content:edit").stateAction(
  consoleFormAnswers("saveOutcomeReportAction", backTo),
  async ({ formData }): Promise<ConsoleFormState> => {
    const id = idOf(formData);
    const raw = formValues(formData, OUTCOME_FIELDS);
    const outcome = id ? await updateOutcomeReport(db(), { id, version: parseVersion(formData.get("version")) }, raw) : await createOutcomeReport(db(), raw);
    return finishPeopleEdit(outcome, raw, editorPath);
  },
);
