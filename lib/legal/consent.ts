import type { ConsentKey } from "../leads/consent";
import { LEGAL_DOCUMENTS, legalDocumentPath, legalVersionPath, versionInForce, type LegalDoc } from "./registry";

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

/** The names consent wording uses for the documents, each linked to the document's page. */
const CITED: Record<string, LegalDoc> = { "privacy notice": "privacy", "referral terms": "referral-terms" };
const CITED_PATTERN = new RegExp(`(${Object.keys(CITED).join("|")})`, "i");

export type ConsentTextPart = { text: string; href?: string };

/**
 * Consent wording cut into plain text and the documents it names, each with the link to its
 * page, so a consent label can link "privacy notice" and "referral terms" without the stored
 * text changing. Browser-safe.
 */
export function consentTextParts(text: string): ConsentTextPart[] {
  return text
    .split(CITED_PATTERN)
    .filter((part) => part !== "")
    .map((part) => {
      const doc = CITED[part.toLowerCase()];
      return doc ? { text: part, href: legalDocumentPath(doc) } : { text: part };
    });
}

/**
 * The exact texts a stored consent agreed to, as links (for the console's lead page): the
 * version numbers become `/privacy/v/<n>` and `/referral-terms/v/<n>`. Empty for a consent
 * from before any version took effect.
 */
export function consentDocumentLinks(stored: { privacyVersion: number | null; termsVersion?: number | null }): { label: string; href: string }[] {
  const links: { label: string; href: string }[] = [];
  const add = (doc: LegalDoc, version: number | null | undefined) => {
    if (version) links.push({ label: `${LEGAL_DOCUMENTS[doc].title}, version ${version}`, href: legalVersionPath(doc, version) });
  };
  add("privacy", stored.privacyVersion);
  add("referral-terms", stored.termsVersion);
  return links;
}
