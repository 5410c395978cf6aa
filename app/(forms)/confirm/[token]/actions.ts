"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { publicAction } from "@/lib/actions/client";
import { authSecret } from "@/lib/auth/auth";
import { defaultDeps } from "@/lib/leads/run-form-action";
import { PROOF_COOKIE, PROOF_MINUTES, signProof } from "@/lib/ownership/proof";
import { OWNERSHIP_TOKEN_PATTERN } from "@/lib/ownership/tokens";
import { applyOwnershipLink } from "@/lib/ownership/apply-link";
import { siteUrl } from "@/lib/site-config";
import { formRequest } from "../../form-request";

/** The button on the page an ownership link opens: a POST, so mail scanners cannot use the link. */
export const applyOwnershipLinkAction = publicAction.formAction(
  { name: "applyOwnershipLinkAction", malformed: () => redirect("/confirm/invalid") },
  async ({ formData }) => {
    const token = String(formData.get("token") ?? "");
    if (!OWNERSHIP_TOKEN_PATTERN.test(token)) redirect("/confirm/invalid");
    let target = `/confirm/${token}`;
    try {
      const request = await formRequest();
      const result = await applyOwnershipLink(defaultDeps(), token, request);
      if (result.ok && result.purpose === "referral-status") {
        (await cookies()).set(PROOF_COOKIE, signProof({ contactId: result.contactId, email: result.email }, authSecret(), new Date()), {
          httpOnly: true,
          sameSite: "lax",
          secure: siteUrl().startsWith("https://"),
          path: "/refer",
          maxAge: PROOF_MINUTES * 60,
        });
        target = "/refer/status";
      } else if (result.ok) {
        target = `/confirm/${token}?done=${result.purpose}`;
      } else if (result.reason === "insufficient") {
        target = `/confirm/${token}?short=1`;
      }
    } catch (error) {
      console.error("[confirm] using an ownership link failed", error);
      target = `/confirm/${token}?error=1`;
    }
    redirect(target);
  },
);
