/**
 * The legal documents (privacy notice, terms of use, referral terms) and every version of
 * each. A version's text is `content/legal/<doc>/v<n>.mdx`, listed in content/legal/index.ts;
 * its dates are here. To publish a new version, add its MDX file, list it there, and add one
 * line to LEGAL_VERSIONS (docs/content.md, "Legal pages"). Versions are never edited once
 * published: a consent record points at one.
 *
 * Plain TypeScript with no Next imports: the submission pipeline reads it to store the
 * version a person agreed to.
 */

export const LEGAL_DOCUMENTS = {
  privacy: {
    path: "/privacy",
    title: "Privacy notice",
    description: "What Loomstack Academy collects through each form, why, how long it is kept, who processes it, and how to get a copy or have it erased.",
  },
  terms: {
    path: "/terms",
    title: "Terms of use",
    description: "The terms for using the Loomstack Academy website: its content, its forms, the referral program and what we are and are not responsible for.",
  },
  "referral-terms": {
    path: "/referral-terms",
    title: "Referral program terms",
    description: "How Loomstack Academy's referral program works: 100 SkillPoints per friend who confirms, the checks we run, and how to spend your points.",
  },
} as const;

export type LegalDoc = keyof typeof LEGAL_DOCUMENTS;
export const LEGAL_DOCS = Object.keys(LEGAL_DOCUMENTS) as LegalDoc[];

export type LegalVersionEntry = {
  doc: LegalDoc;
  version: number;
  /** The day it takes effect, YYYY-MM-DD: from 00:00 UTC that day. */
  effective: string;
  /** One line on what changed, shown in the list of versions. */
  changes: string;
};

/** Every published version, oldest first within each document. */
export const LEGAL_VERSIONS: readonly LegalVersionEntry[] = [
  { doc: "privacy", version: 1, effective: "2026-10-01", changes: "First version." },
  { doc: "privacy", version: 2, effective: "2026-12-06", changes: "Adds syllabus requests, event sign-ups and article comments." },
  { doc: "terms", version: 1, effective: "2026-10-01", changes: "First version." },
  { doc: "referral-terms", version: 1, effective: "2026-10-01", changes: "First version." },
];

export type LegalVersion = LegalVersionEntry & {
  title: string;
  description: string;
  effectiveAt: Date;
  /** The MDX source, relative to the repository root. */
  file: string;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function withDetails(entry: LegalVersionEntry): LegalVersion {
  const effectiveAt = new Date(`${entry.effective}T00:00:00Z`);
  if (!DATE.test(entry.effective) || Number.isNaN(effectiveAt.getTime())) throw new Error(`${entry.doc} v${entry.version}: effective date must be YYYY-MM-DD`);
  const { title, description } = LEGAL_DOCUMENTS[entry.doc];
  return { ...entry, title, description, effectiveAt, file: `content/legal/${entry.doc}/v${entry.version}.mdx` };
}

/**
 * The versions of one document, oldest first. Throws if the registry is malformed (numbers
 * not 1, 2, 3…, or effective dates that do not increase): a consent must map to one version.
 */
export function legalVersions(doc: LegalDoc, entries: readonly LegalVersionEntry[] = LEGAL_VERSIONS): LegalVersion[] {
  const list = entries.filter((e) => e.doc === doc).map(withDetails);
  list.forEach((v, i) => {
    if (v.version !== i + 1) throw new Error(`${doc}: versions must be numbered 1, 2, 3… in order (found v${v.version} at position ${i + 1})`);
    if (i > 0 && v.effectiveAt <= list[i - 1].effectiveAt) throw new Error(`${doc} v${v.version}: must take effect after v${v.version - 1}`);
  });
  if (!list.length) throw new Error(`${doc}: no version registered`);
  return list;
}

export function findLegalVersion(doc: LegalDoc, version: number): LegalVersion | null {
  return legalVersions(doc).find((v) => v.version === version) ?? null;
}

/**
 * The version in force at a moment: the latest one whose effective date has come. From 00:00
 * UTC on its effective day a version is in force. Before the first version took effect there
 * was no notice, so the answer is null (a consent from then is not attributed to a text the
 * person could not have read).
 */
export function versionInForce(doc: LegalDoc, at: Date, entries: readonly LegalVersionEntry[] = LEGAL_VERSIONS): LegalVersion | null {
  let found: LegalVersion | null = null;
  for (const v of legalVersions(doc, entries)) if (v.effectiveAt.getTime() <= at.getTime()) found = v;
  return found;
}

/**
 * The version the document's page shows: the one in force now, or the first version if none
 * is in force yet (a site set up before its notices take effect still shows them). A later
 * version registered ahead of its date is readable at its own URL until then.
 */
export function currentVersion(doc: LegalDoc, now: Date = new Date(), entries: readonly LegalVersionEntry[] = LEGAL_VERSIONS): LegalVersion {
  return versionInForce(doc, now, entries) ?? legalVersions(doc, entries)[0];
}

/** Where one version stands against the one in force: what a version page tells its reader. */
export type VersionStanding =
  | { kind: "current" }
  /** Replaced: it applied from `from` until `until` (the next version's effective date). */
  | { kind: "earlier"; from: string; until: string; current: number }
  /** Registered ahead of its date: `current` applies until `from`. */
  | { kind: "scheduled"; from: string; current: number };

export function versionStanding(
  doc: LegalDoc,
  version: number,
  now: Date = new Date(),
  entries: readonly LegalVersionEntry[] = LEGAL_VERSIONS,
): VersionStanding {
  const versions = legalVersions(doc, entries);
  const shown = versions[version - 1];
  if (!shown) throw new Error(`${doc} has no version ${version}`);
  const current = currentVersion(doc, now, entries).version;
  if (version === current) return { kind: "current" };
  if (version > current) return { kind: "scheduled", from: shown.effective, current };
  return { kind: "earlier", from: shown.effective, until: versions[version].effective, current };
}

/** The document's page, which always shows the current version: `/privacy`. */
export function legalDocumentPath(doc: LegalDoc): string {
  return LEGAL_DOCUMENTS[doc].path;
}

/** One exact version, for ever: `/privacy/v/1`. A consent record links here. */
export function legalVersionPath(doc: LegalDoc, version: number): string {
  return `${LEGAL_DOCUMENTS[doc].path}/v/${version}`;
}
