import { describe, expect, it } from "vitest";
import { CONSENT } from "../leads/consent";
import { consentDocumentLinks, consentDocumentVersions, consentTextParts } from "./consent";

describe("consentTextParts", () => {
  it("links the referral terms and the privacy notice in the referral consent, keeping every word", () => {
    const parts = consentTextParts(CONSENT.referral.text);
    expect(parts.map((p) => p.text).join("")).toBe(CONSENT.referral.text);
    expect(parts.filter((p) => p.href)).toEqual([
      { text: "referral terms", href: "/referral-terms" },
      { text: "privacy notice", href: "/privacy" },
    ]);
  });

  it("links the privacy notice in the contact consent", () => {
    expect(consentTextParts(CONSENT.contact.text).filter((p) => p.href)).toEqual([{ text: "privacy notice", href: "/privacy" }]);
  });

  it("leaves wording that names no document as one plain part", () => {
    expect(consentTextParts(CONSENT.newsletter.text)).toEqual([{ text: CONSENT.newsletter.text }]);
  });
});

describe("consentDocumentVersions", () => {
  it("names the referral terms only for a referral consent", () => {
    const at = new Date("2026-12-01T00:00:00Z");
    expect(consentDocumentVersions("referral", at)).toEqual({ privacyVersion: 1, termsVersion: 1 });
    expect(consentDocumentVersions("contact", at)).toEqual({ privacyVersion: 1, termsVersion: null });
  });
});

describe("consentDocumentLinks", () => {
  it("links the exact versions a consent stored", () => {
    expect(consentDocumentLinks({ privacyVersion: 1, termsVersion: 2 })).toEqual([
      { label: "Privacy notice, version 1", href: "/privacy/v/1" },
      { label: "Referral program terms, version 2", href: "/referral-terms/v/2" },
    ]);
  });

  it("links nothing for a consent from before any version", () => {
    expect(consentDocumentLinks({ privacyVersion: null, termsVersion: null })).toEqual([]);
  });
});
