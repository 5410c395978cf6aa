"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { staffAction } from "@/app/(console)/auth";
import { authSecret } from "@/lib/auth/auth";
import { forgetCachedPrograms } from "@/lib/content/programs";
import {
  addCohort,
  addPaymentOption,
  COHORT_FIELDS,
  formValues,
  parseVersion,
  PAYMENT_OPTION_FIELDS,
  PROGRAM_FIELDS,
  removePaymentOption,
  requestProgramPagesRevalidationEverywhere,
  revalidationOrigins,
  revalidationToken,
  updateCohort,
  updatePaymentOption,
  updateProgram,
  type EditOutcome,
} from "@/lib/console/programs";
import { db } from "@/lib/db";
import { consoleFormAnswers } from "../form-answers";
import { FIX_FIELDS, type ConsoleFormState } from "./form-state";

/**
 * The program editor's Server Actions. Each is a public endpoint, so staffAction checks the
 * session and the "content:edit" permission first; then each validates the post (lib/
 * console/programs.ts), saves, makes the public pages show the change, and redirects back
 * to the editor (post/redirect/get). Invalid input comes back as field errors, never a 500.
 */

const id = (formData: FormData, name: string) => {
  const v = formData.get(name);
  return typeof v === "string" && v.length <= 64 ? v : "";
};

/** The program a post edits, and the version of it that its form was rendered with. */
const versionedProgram = (formData: FormData) => ({ programId: id(formData, "programId"), version: parseVersion(formData.get("version")) });

function backTo({ formData }: { formData: FormData }): string {
  const slug = formData.get("slug");
  return typeof slug === "string" && /^[a-z0-9-]{1,80}$/.test(slug) ? `/console/programs/${slug}` : "/console/programs";
}

/**
 * After a saved edit: drop this process's cached program list (form drop-downs), refresh
 * the App Router files built from program data (sitemap, Open Graph cards), and regenerate
 * the Pages Router ISR pages now through pages/api/revalidate-programs (revalidatePath does
 * not reach those). Returns whether the public pages are up to date.
 */
async function publishChange(slug: string): Promise<boolean> {
  forgetCachedPrograms();
  for (const path of ["/sitemap.xml", "/og/home", "/og/programs", `/og/programs/${slug}`]) revalidatePath(path);
  try {
    const result = await requestProgramPagesRevalidationEverywhere({ slug, origins: revalidationOrigins(), token: revalidationToken(authSecret()) });
    if (!result.ok) console.error(`[programs] public pages for ${slug} not refreshed (they catch up within the hour)`, result.error ?? result.failed);
    return result.ok;
  } catch (error) {
    console.error(`[programs] public pages for ${slug} not refreshed (they catch up within the hour)`, error);
    return false;
  }
}

async function finish(outcome: EditOutcome, formData: FormData, what: string, anchor: (id: string) => string): Promise<ConsoleFormState> {
  const values = formValues(formData, [...PROGRAM_FIELDS, ...COHORT_FIELDS, ...PAYMENT_OPTION_FIELDS]);
  if (!outcome.ok) {
    return outcome.reason === "invalid"
      ? { status: "error", message: FIX_FIELDS, fieldErrors: outcome.fieldErrors, values }
      : { status: "error", message: outcome.message, fieldErrors: {}, values };
  }
  const fresh = await publishChange(outcome.slug);
  const q = new URLSearchParams({ saved: what, item: outcome.id });
  if (!fresh) q.set("pages", "stale");
  redirect(`/console/programs/${outcome.slug}?${q}#${anchor(outcome.id)}`);
}

const contentEdit = staffAction("content:edit");

export const saveProgramAction = contentEdit.stateAction(consoleFormAnswers("saveProgramAction", backTo), async ({ formData }): Promise<ConsoleFormState> => {
  const raw = formValues(formData, PROGRAM_FIELDS);
  const outcome = await updateProgram(db(), versionedProgram(formData), raw);
  return finish(outcome, formData, "program", () => "details");
});

export const addCohortAction = contentEdit.stateAction(consoleFormAnswers("addCohortAction", backTo), async ({ formData }): Promise<ConsoleFormState> => {
  const outcome = await addCohort(db(), { programId: id(formData, "programId") }, formValues(formData, COHORT_FIELDS));
  return finish(outcome, formData, "cohort-added", (cohortId) => `cohort-${cohortId}`);
});

export const saveCohortAction = contentEdit.stateAction(consoleFormAnswers("saveCohortAction", backTo), async ({ formData }): Promise<ConsoleFormState> => {
  const outcome = await updateCohort(db(), { ...versionedProgram(formData), cohortId: id(formData, "cohortId") }, formValues(formData, COHORT_FIELDS));
  return finish(outcome, formData, "cohort", (cohortId) => `cohort-${cohortId}`);
});

export const addPaymentOptionAction = contentEdit.stateAction(
  consoleFormAnswers("addPaymentOptionAction", backTo),
  async ({ formData }): Promise<ConsoleFormState> => {
    const outcome = await addPaymentOption(db(), { programId: id(formData, "programId") }, formValues(formData, PAYMENT_OPTION_FIELDS));
    return finish(outcome, formData, "payment-added", (optionId) => `payment-${optionId}`);
  },
);

export const savePaymentOptionAction = contentEdit.stateAction(
  consoleFormAnswers("savePaymentOptionAction", backTo),
  async ({ formData }): Promise<ConsoleFormState> => {
    const ref = { ...versionedProgram(formData), optionId: id(formData, "optionId") };
    const outcome = await updatePaymentOption(db(), ref, formValues(formData, PAYMENT_OPTION_FIELDS));
    return finish(outcome, formData, "payment", (optionId) => `payment-${optionId}`);
  },
);

export const removePaymentOptionAction = contentEdit.stateAction(
  consoleFormAnswers("removePaymentOptionAction", backTo),
  async ({ formData }): Promise<ConsoleFormState> => {
    const outcome = await removePaymentOption(db(), { programId: id(formData, "programId"), optionId: id(formData, "optionId") });
    if (!outcome.ok) return { status: "error", message: outcome.reason === "invalid" ? FIX_FIELDS : outcome.message, fieldErrors: {}, values: {} };
    const fresh = await publishChange(outcome.slug);
    redirect(`/console/programs/${outcome.slug}?saved=payment-removed${fresh ? "" : "&pages=stale"}#payments`);
  },
);
