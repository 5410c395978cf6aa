import type { ConsentKey } from "../leads/consent";
import { versionInForce } from "./registry";

export type ConsentDocumentVersions = {
  /** The privacy notice in force when the person agreed (/privacy/v/<n>). */
  privacyVersion: number | null;
  /** The referral terms in force, for a referral consent only (/referral-terms/v/<n>). */
  termsVersion: number | null;
};

/** The versions of the documents a consent cites, as they stood at the moment of consent. */
export function consentDocumentVersions(consent: ConsentKey, at: Date): ConsentDocumentVersions {
  return {
    privacyVersion: versionInForce("privacy", at)?.version ?? null,
    termsVersion: consent === "referral" ? (versionInForce("referral-terms", at)?.version ?? null) : null,
  };
}
