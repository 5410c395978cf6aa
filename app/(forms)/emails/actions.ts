"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { publicAction } from "@/lib/actions/client";
import { authSecret } from "@/lib/auth/auth";
import { db } from "@/lib/db";
import { formDataToObject } from "@/lib/leads/form-data";
import { defaultDeps, unreadableFormState } from "@/lib/leads/run-form-action";
import { requestManageLink, saveTopics, unsubscribeEverything } from "@/lib/newsletter/manage";
import { PROOF_COOKIE, readProof } from "@/lib/ownership/proof";
import { formRequest } from "../form-request";

/** "Email me a link to my settings": the answer is the same whether or not the address is known. */
export const requestManageLinkAction = publicAction.stateAction(
  {
    name: "requestManageLinkAction",
    malformed: () => unreadableFormState("newsletter"),
    failed: (_input, message) => ({ ...unreadableFormState("newsletter"), message }),
  },
  async ({ formData }) => requestManageLink(defaultDeps(), formDataToObject(formData), await formRequest()),
);

/** The proof the ownership link left in this browser (lib/ownership/proof.ts), or null. */
async function proof() {
  return readProof((await cookies()).get(PROOF_COOKIE)?.value, authSecret(), new Date());
}

/** Saves the topics ticked on the settings page. */
export const saveTopicsAction = publicAction.formAction({ name: "saveTopicsAction", malformed: () => redirect("/emails") }, async ({ formData }) => {
  const p = await proof();
  if (!p) redirect("/emails?expired=1");
  const result = await saveTopics(db(), p, formData.getAll("topics").map(String), new Date());
  redirect(`/emails?topics=${result}`);
});

/** Ends every marketing email to the address. */
export const unsubscribeEverythingAction = publicAction.formAction({ name: "unsubscribeEverythingAction", malformed: () => redirect("/emails") }, async () => {
  const p = await proof();
  if (!p) redirect("/emails?expired=1");
  await unsubscribeEverything(db(), p, new Date());
  redirect("/emails?unsubscribed=1");
});

/** Ends the 30-minute view of one's email settings on this browser. */
export const forgetEmailsProofAction = publicAction.formAction({ name: "forgetEmailsProofAction", malformed: () => redirect("/emails") }, async () => {
  (await cookies()).delete({ name: PROOF_COOKIE, path: "/emails" });
  redirect("/emails");
});
