import type { ComponentType } from "react";
import type { MDXProps } from "mdx/types";
import { findLegalVersion, type LegalDoc } from "@/lib/legal/registry";

/**
 * Every version's text, found by file name (`<doc>/v<n>.mdx`), so a new version needs only its
 * MDX file and its line in lib/legal/registry.ts. `import.meta.glob` is Turbopack's (the
 * bundler `next build` uses); lib/legal/registry.test.ts checks that files and registry agree.
 */
const texts = import.meta.glob<ComponentType<MDXProps>>("./*/v*.mdx", { eager: true, import: "default" });

/** The MDX text of one registered version. Throws (at build time) if its file is missing. */
export function legalText(doc: LegalDoc, version: number): { Content: ComponentType<MDXProps> } {
  const registered = findLegalVersion(doc, version);
  const Content = registered && texts[`./${doc}/v${version}.mdx`];
  if (!Content) throw new Error(`No text for ${doc} v${version}: add content/legal/${doc}/v${version}.mdx and its line in lib/legal/registry.ts`);
  return { Content };
}
