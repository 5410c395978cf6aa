"use server";

import { redirect } from "next/navigation";
import { staffAction } from "@/app/(console)/auth";
import { formValues } from "@/lib/console/programs";
import { db } from "@/lib/db";
import { createReward, moveReward, REWARD_FIELDS, rewardPost, setRewardActive, updateReward, type RewardEditOutcome } from "@/lib/referrals/catalogue";
import { consoleFormAnswers } from "../../form-answers";
import { FIX_FIELDS, type ConsoleFormState } from "../../programs/form-state";

/**
 * The reward catalogue's Server Actions. staffAction checks the session and "content:edit"
 * (the catalogue is public content with prices, like programs) before each body runs;
 * lib/referrals/catalogue.ts validates the post.
 */

const LIST = "/console/referrals/rewards";

const idOf = (formData: FormData) => {
  const v = formData.get("rewardId");
  return typeof v === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(v) ? v : "";
};

function finish(outcome: RewardEditOutcome, formData: FormData, saved: string): ConsoleFormState {
  if (!outcome.ok)
    return { status: "error", message: outcome.message ?? FIX_FIELDS, fieldErrors: outcome.fieldErrors, values: formValues(formData, REWARD_FIELDS) };
  redirect(`${LIST}?saved=${saved}#reward-${outcome.id}`);
}

const contentEdit = staffAction("content:edit");

export const createRewardAction = contentEdit.stateAction(
  consoleFormAnswers("createRewardAction", () => `${LIST}/new`),
  async ({ formData }) => finish(await createReward(db(), rewardPost(formData)), formData, "created"),
);

export const saveRewardAction = contentEdit.stateAction(
  consoleFormAnswers("saveRewardAction", ({ formData }) => `${LIST}/${idOf(formData)}`),
  async ({ formData }) => finish(await updateReward(db(), idOf(formData), rewardPost(formData)), formData, "saved"),
);

/** Move up or down, take off the catalogue or put back: one button each, no JavaScript needed. */
export const arrangeRewardAction = contentEdit.formAction(
  {
    name: "arrangeRewardAction",
    malformed: () => redirect(`${LIST}?error=invalid`),
    returnTo: () => LIST,
    forbidden: () => redirect(`${LIST}?error=forbidden`),
  },
  async ({ formData }) => {
    const id = idOf(formData);
    const op = formData.get("op");
    let ok = false;
    if (op === "up" || op === "down") ok = await moveReward(db(), id, op);
    else if (op === "deactivate" || op === "activate") ok = await setRewardActive(db(), id, op === "activate");
    redirect(ok ? `${LIST}?saved=${op}#reward-${id}` : `${LIST}?error=invalid`);
  },
);
