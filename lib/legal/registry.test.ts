import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { siteConfig } from "../site-config";
import {
  LEGAL_DOCS,
  LEGAL_VERSIONS,
  currentVersion,
  findLegalVersion,
  legalDocumentPath,
  legalVersionPath,
  legalVersions,
  versionInForce,
  versionStanding,
  type LegalVersionEntry,
} from "./registry";

// A made-up history, so the rules are tested whatever the real registry holds.
const history: LegalVersionEntry[] = [
  { doc: "privacy", version: 1, effective: "2026-10-01", changes: "First version." },
  { doc: "privacy", version: 2, effective: "2027-03-15", changes: "Adds event sign-ups." },
  { doc: "terms", version: 1, effective: "2026-10-01", changes: "First version." },
];

describe("versionInForce", () => {
  it("is null before the first version took effect: no notice existed then", () => {
    expect(versionInForce("privacy", new Date("2026-09-30T23:59:59.999Z"), history)).toBeNull();
  });

  it("is the new version from 00:00 UTC on its effective day, and the old one until then", () => {
    expect(versionInForce("privacy", new Date("2026-10-01T00:00:00Z"), history)?.version).toBe(1);
    expect(versionInForce("privacy", new Date("2027-03-14T23:59:59.999Z"), history)?.version).toBe(1);
    expect(versionInForce("privacy", new Date("2027-03-15T00:00:00Z"), history)?.version).toBe(2);
    expect(versionInForce("privacy", new Date("2030-01-01T00:00:00Z"), history)?.version).toBe(2);
  });

  it("keeps each document's history apart", () => {
    expect(versionInForce("terms", new Date("2027-06-01T00:00:00Z"), history)?.version).toBe(1);
  });
});

describe("currentVersion", () => {
  it("is the version in force, so a version registered ahead of its date waits for it", () => {
    expect(currentVersion("privacy", new Date("2027-01-01T00:00:00Z"), history).version).toBe(1);
    expect(currentVersion("privacy", new Date("2027-03-15T00:00:00Z"), history).version).toBe(2);
  });

  it("is the first version when none is in force yet, so the page always has a text", () => {
    expect(currentVersion("privacy", new Date("2026-01-01T00:00:00Z"), history).version).toBe(1);
  });
});

describe("versionStanding", () => {
  const soon = new Date("2027-01-01T00:00:00Z");
  const later = new Date("2027-04-01T00:00:00Z");

  it("marks the version in force as current", () => {
    expect(versionStanding("privacy", 1, soon, history)).toEqual({ kind: "current" });
    expect(versionStanding("privacy", 2, later, history)).toEqual({ kind: "current" });
  });

  it("gives an earlier version the dates it applied between, and the current number", () => {
    expect(versionStanding("privacy", 1, later, history)).toEqual({ kind: "earlier", from: "2026-10-01", until: "2027-03-15", current: 2 });
  });

  it("gives a version registered ahead of its date the day it starts, and the version in force until then", () => {
    expect(versionStanding("privacy", 2, soon, history)).toEqual({ kind: "scheduled", from: "2027-03-15", current: 1 });
  });
});

describe("the registry", () => {
  it("refuses versions out of order, with gaps, or with dates that do not increase", () => {
    const v = (version: number, effective: string): LegalVersionEntry => ({ doc: "privacy", version, effective, changes: "" });
    expect(() => legalVersions("privacy", [v(1, "2026-10-01"), v(3, "2027-01-01")])).toThrow(/numbered/);
    expect(() => legalVersions("privacy", [v(2, "2026-10-01")])).toThrow(/numbered/);
    expect(() => legalVersions("privacy", [v(1, "2026-10-01"), v(2, "2026-10-01")])).toThrow(/after v1/);
    expect(() => legalVersions("privacy", [v(1, "1 Oct 2026")])).toThrow(/YYYY-MM-DD/);
  });

  it("gives every document at least one valid version", () => {
    for (const doc of LEGAL_DOCS) expect(legalVersions(doc).length).toBeGreaterThan(0);
  });

  it("has an MDX file for every version, and a registry line for every MDX file", () => {
    const root = process.cwd();
    for (const entry of LEGAL_VERSIONS) {
      const v = findLegalVersion(entry.doc, entry.version)!;
      expect(existsSync(path.join(root, v.file)), v.file).toBe(true);
    }
    for (const doc of LEGAL_DOCS) {
      const files = readdirSync(path.join(root, "content", "legal", doc)).filter((f) => f.endsWith(".mdx"));
      const registered = legalVersions(doc).map((v) => path.basename(v.file));
      expect(files.sort(), doc).toEqual(registered.sort());
    }
  });

  it("lists every version's text in content/legal/index.ts, which the pages render", () => {
    const index = readFileSync(path.join(process.cwd(), "content", "legal", "index.ts"), "utf8");
    for (const entry of LEGAL_VERSIONS) {
      const file = `${entry.doc}/v${entry.version}.mdx`;
      expect(index, file).toContain(`from "./${file}"`);
      expect(index, file).toContain(`"${file}":`);
    }
  });

  it("names the contact details the site shows, so the texts cannot drift from them", () => {
    for (const entry of LEGAL_VERSIONS) {
      const file = findLegalVersion(entry.doc, entry.version)!.file;
      const text = readFileSync(path.join(process.cwd(), file), "utf8");
      expect(text, file).toContain(siteConfig.contact.email);
      expect(text, file).toContain(siteConfig.contact.address);
    }
  });
});

describe("URLs", () => {
  it("gives the document's page for the current version and a fixed URL for each version", () => {
    expect(legalDocumentPath("privacy")).toBe("/privacy");
    expect(legalVersionPath("privacy", 1)).toBe("/privacy/v/1");
    expect(legalVersionPath("referral-terms", 3)).toBe("/referral-terms/v/3");
  });
});
