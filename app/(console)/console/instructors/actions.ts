"use server";

import { staffAction } from "@/app/(console)/auth";
import { db } from "@/lib/db";
import { formValues, ID_PATTERN } from "@/lib/people/fields";
import { INSTRUCTOR_FIELDS, instructorPost, saveInstructor } from "@/lib/people/instructors";
import { parseVersion } from "@/lib/people/edit";
import { readPhotoUpload } from "@/lib/people/photo";
import { consoleFormAnswers } from "../form-answers";
import type { ConsoleFormState } from "../programs/form-state";
import { finishPeopleEdit } from "../publish-people";

/**
 * Adding and editing instructors and advisors (content:edit). The post may carry a photo
 * (multipart): its bytes are checked in lib/people/photo.ts before anything is saved.
 */

/** The record a post edits; none (no field, or empty) means a new one. A bad id finds nothing, so it is "not found", never a new record. */
const idOf = (formData: FormData) => {
  const v = formData.get("instructorId");
  return typeof v === "string" && v !== "" ? v.slice(0, 64) : null;
};

const editorPath = (id: string) => `/console/instructors/${id}`;
const backTo = ({ formData }: { formData: FormData }) => {
  const id = idOf(formData);
  return id && ID_PATTERN.test(id) ? editorPath(id) : "/console/instructors/new";
};

export const saveInstructorAction = staffAction("content:edit").stateAction(
  consoleFormAnswers("saveInstructorAction", backTo),
  async ({ formData }): Promise<ConsoleFormState> => {
    const id = idOf(formData);
    const ref = id ? { id, version: parseVersion(formData.get("version")) } : null;
    const photo = await readPhotoUpload(formData.get("photo"));
    const outcome = await saveInstructor(db(), ref, instructorPost(formData), photo);
    const values = {
      ...formValues(formData, INSTRUCTOR_FIELDS),
      programIds: formData
        .getAll("programIds")
        .filter((v) => typeof v === "string")
        .join(","),
    };
    return finishPeopleEdit(outcome, values, editorPath);
  },
);
