"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { publicAction } from "@/lib/actions/client";
import { formDataToObject } from "@/lib/leads/form-data";
import { defaultDeps, unreadableFormState } from "@/lib/leads/run-form-action";
import { PROOF_COOKIE } from "@/lib/ownership/proof";
import { requestStatusLink } from "@/lib/referrals/status";
import { formRequest } from "../../form-request";

/** "Email me my referral link and points": the answer is the same whether or not the address is known. */
export const requestStatusLinkAction = publicAction.stateAction(
  {
    name: "requestStatusLinkAction",
    malformed: () => unreadableFormState("referral"),
    // A fault: the client's friendly message, and a fresh token.
    failed: (_input, message) => ({ ...unreadableFormState("referral"), message }),
  },
  async ({ formData }) => requestStatusLink(defaultDeps(), formDataToObject(formData), await formRequest()),
);

/** Ends the 30-minute view of one's own referral status on this browser. */
export const forgetProofAction = publicAction.formAction({ name: "forgetProofAction", malformed: () => redirect("/refer/status") }, async () => {
  (await cookies()).delete({ name: PROOF_COOKIE, path: "/refer" });
  redirect("/refer/status");
});
