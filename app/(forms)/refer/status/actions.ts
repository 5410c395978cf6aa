"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { formDataAction, stateAction } from "@/lib/action-args";
import { formDataToObject } from "@/lib/leads/form-data";
import { defaultDeps, unreadableFormState } from "@/lib/leads/run-form-action";
import { PROOF_COOKIE } from "@/lib/ownership/proof";
import { requestStatusLink } from "@/lib/referrals/status";
import { formRequest } from "../../form-request";

export const requestStatusLinkAction = stateAction(
  "requestStatusLinkAction",
  () => unreadableFormState("referral"),
  async (_previous, formData) => {
    try {
      return await requestStatusLink(defaultDeps(), formDataToObject(formData), await formRequest());
    } catch (error) {
      console.error("[refer] status link request failed", error);
      return { ...unreadableFormState("referral"), message: "Something went wrong on our side. Please try again in a moment." };
    }
  },
);

/** Ends the 30-minute view of one's own referral status on this browser. */
export const forgetProofAction = formDataAction("forgetProofAction", () => redirect("/refer/status"), async () => {
  (await cookies()).delete({ name: PROOF_COOKIE, path: "/refer" });
  redirect("/refer/status");
});
