"use server";

import { cookies } from "next/headers";
import { authSecret } from "@/lib/auth/auth";
import { defaultDeps } from "@/lib/leads/run-form-action";
import { PROOF_COOKIE, PROOF_MINUTES, signProof } from "@/lib/ownership/proof";
import { OWNERSHIP_TOKEN_PATTERN } from "@/lib/ownership/tokens";
import { applyOwnershipLink } from "@/lib/ownership/apply-link";
import { siteUrl } from "@/lib/site-config";
import { formRequest } from "../../form-request";
import { tokenLinkAction } from "../../token-link-action";

/** The button on the page an ownership link opens. */
export const applyOwnershipLinkAction = tokenLinkAction(
  "applyOwnershipLinkAction",
  { pattern: OWNERSHIP_TOKEN_PATTERN, invalid: "/confirm/invalid" },
  async (token) => {
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
        return "/refer/status";
      }
      if (result.ok && result.purpose === "manage-emails") {
        (await cookies()).set(PROOF_COOKIE, signProof({ contactId: result.contactId, email: result.email }, authSecret(), new Date()), {
          httpOnly: true,
          sameSite: "lax",
          secure: siteUrl().startsWith("https://"),
          path: "/emails",
          maxAge: PROOF_MINUTES * 60,
        });
        return "/emails";
      }
      if (result.ok) return `/confirm/${token}?done=${result.purpose}`;
      if (result.reason === "insufficient") return `/confirm/${token}?short=1`;
      if (result.reason === "unavailable") return `/confirm/${token}?unavailable=1`;
      return `/confirm/${token}`;
    } catch (error) {
      console.error("[confirm] using an ownership link failed", error);
      return `/confirm/${token}?error=1`;
    }
  },
);
