"use server";

import { staffAction } from "@/app/(console)/auth";
import { db } from "@/lib/db";
import { parseVersion } from "@/lib/people/edit";
import { formValues, ID_PATTERN } from "@/lib/people/fields";
import { saveStory, STORY_FIELDS } from "@/lib/people/stories";
import { consoleFormAnswers } from "../form-answers";
import type { ConsoleFormState } from "../programs/form-state";
import { finishPeopleEdit } from "../publish-people";

/** Adding and editing student stories (content:edit). Ticking consent records who (this staff member) and when. */

/** The record a post edits; none (no field, or empty) means a new one. A bad id finds nothing, so it is "not found", never a new record. */
const idOf = (formData: FormData) => {
  const v = formData.get("storyId");
  return typeof v === "string" && v !== "" ? v.slice(0, 64) : null;
};

const editorPath = (id: string) => `/console/stories/${id}`;
const backTo = ({ formData }: { formData: FormData }) => {
  const id = idOf(formData);
  return id && ID_PATTERN.test(id) ? editorPath(id) : "/console/stories/new";
};

export const saveStoryAction = staffAction("content:edit").stateAction(
  consoleFormAnswers("saveStoryAction", backTo),
  async ({ formData, staff }): Promise<ConsoleFormState> => {
    const id = idOf(formData);
    const raw = formValues(formData, STORY_FIELDS);
    const ref = id ? { id, version: parseVersion(formData.get("version")) } : null;
    const outcome = await saveStory(db(), ref, raw, { name: staff.name, email: staff.email });
    return finishPeopleEdit(outcome, raw, editorPath);
  },
);
