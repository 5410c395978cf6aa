import type { ComponentType } from "react";
import type { MDXProps } from "mdx/types";
import { findLegalVersion, type LegalDoc } from "@/lib/legal/registry";
import PrivacyV1 from "./privacy/v1.mdx";
import PrivacyV2 from "./privacy/v2.mdx";
import TermsV1 from "./terms/v1.mdx";
import ReferralTermsV1 from "./referral-terms/v1.mdx";

/**
 * Every version's text, keyed by its file (`<doc>/v<n>.mdx`, as in lib/legal/registry.ts).
 * A new version adds its import and its line here; lib/legal/registry.test.ts fails if a
 * registered version is missing.
 */
const texts: Record<string, ComponentType<MDXProps>> = {
  "privacy/v1.mdx": PrivacyV1,
  "privacy/v2.mdx": PrivacyV2,
  "terms/v1.mdx": TermsV1,
  "referral-terms/v1.mdx": ReferralTermsV1,
};

/** The MDX text of one registered version. Throws (at build time) if it is not listed above. */
export function legalText(doc: LegalDoc, version: number): { Content: ComponentType<MDXProps> } {
  const Content = findLegalVersion(doc, version) && texts[`${doc}/v${version}.mdx`];
  if (!Content) throw new Error(`No text for ${doc} v${version}: add content/legal/${doc}/v${version}.mdx and list it in content/legal/index.ts`);
  return { Content };
}
