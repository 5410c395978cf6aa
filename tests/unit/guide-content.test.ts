import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { guide } from "@/content/guides/machine-learning-engineer/guide";
import { figureGroups } from "@/content/guides/machine-learning-engineer/figures";
import { faqItems } from "@/content/guides/machine-learning-engineer/faq";
import { FORM_PATHS } from "@/lib/attribution";
import { extractHeadings } from "@/lib/content/text";

const dir = path.resolve("content/guides/machine-learning-engineer");
const fileFor = (slug: string) => (slug === "" ? "overview.mdx" : `${slug}.mdx`);
const sources = guide.sections.map((s) => ({ section: s, source: readFileSync(path.join(dir, fileFor(s.slug)), "utf8") }));
const allText = sources
  .map((s) => s.source)
  .join("\n")
  .toLowerCase();

function ctas(source: string) {
  return [...source.matchAll(/<CallToAction\s([^>]*?)\/>/g)].map((m) => {
    const attrs = Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
    return attrs as Record<string, string>;
  });
}

describe("Machine Learning Engineer guide", () => {
  it("has every section with an outline of at least three ## headings and unique anchors", () => {
    expect(guide.sections.map((s) => s.slug)).toEqual([
      "",
      "responsibilities",
      "skills-and-tools",
      "salary-and-job-outlook",
      "how-to-become-one",
      "career-paths",
      "faq",
    ]);
    for (const { section, source } of sources) {
      const h2 = extractHeadings(source).filter((h) => h.depth === 2);
      expect(h2.length, section.slug || "overview").toBeGreaterThanOrEqual(section.slug === "faq" ? 1 : 3);
      const ids = extractHeadings(source).map((h) => h.id);
      expect(new Set(ids).size, `duplicate heading ids in ${section.slug}`).toBe(ids.length);
      expect(section.description.length).toBeGreaterThanOrEqual(50);
      expect(section.description.length).toBeLessThanOrEqual(170);
    }
  });

  it("covers every topic of the source articles", () => {
    const topics: [string, RegExp][] = [
      ["difference from data scientists", /data scientist/],
      ["project lifecycle", /lifecycle|life cycle/],
      ["deployment", /deploy/],
      ["monitoring", /monitor/],
      ["languages", /python/],
      ["frameworks", /tensorflow|pytorch|scikit-learn/],
      ["platforms", /aws|azure|google cloud/],
      ["degrees", /degree/],
      ["certifications", /certif/],
      ["entry-level to senior titles", /senior|lead|principal/],
      ["industries", /industr/],
      ["salary", /salary/],
      ["job outlook", /outlook|growth/],
    ];
    for (const [topic, re] of topics) expect(allText, topic).toMatch(re);
  });

  it("places CTAs to enroll, quote and refer, each with a unique id and a form target", () => {
    const all = sources.flatMap((s) => ctas(s.source));
    expect(all.length).toBeGreaterThanOrEqual(3);
    const targets = all.map((c) => new URL(c.buttonLink, "http://x").pathname);
    for (const required of ["/apply", "/quote", "/refer"]) expect(targets).toContain(required);
    for (const t of targets) expect(FORM_PATHS).toContain(t);
    const ids = all.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of all) {
      expect(c.title && c.text && c.buttonText).toBeTruthy();
      expect(["brand", "dark", "light", "accent"]).toContain(c.variant);
    }
  });

  it("gives every salary and outlook figure a source and a date, and explains disagreements", () => {
    expect(figureGroups.some((g) => g.kind === "salary")).toBe(true);
    expect(figureGroups.some((g) => g.kind === "outlook")).toBe(true);
    for (const g of figureGroups) {
      for (const f of g.figures) {
        expect(f.source.trim(), `${g.id}: ${f.value}`).not.toBe("");
        expect(f.asOf.trim(), `${g.id}: ${f.value}`).not.toBe("");
      }
    }
    // A source link, where a figure has one, is https.
    const links = figureGroups.flatMap((g) => g.figures.flatMap((f) => (f.sourceUrl ? [f.sourceUrl] : [])));
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((url) => !url.startsWith("https://"))).toEqual([]);
    // Where the sources give conflicting numbers for the same measure, the table must say so.
    const conflicting = ["average-salary-us", "salary-range-and-top-end", "bls-employment-growth"];
    for (const id of conflicting) {
      const g = figureGroups.find((x) => x.id === id);
      expect(g, id).toBeDefined();
      expect(new Set(g!.figures.map((f) => f.value)).size).toBeGreaterThan(1);
      expect(g!.disagreement, `${id} has conflicting figures but no note`).toBeTruthy();
    }
    expect(sources.find((s) => s.section.slug === "salary-and-job-outlook")!.source).toContain("<SalaryOutlookTable />");
  });

  it("has an FAQ with plain-text answers", () => {
    expect(faqItems.length).toBeGreaterThanOrEqual(6);
    for (const q of faqItems) {
      expect(q.question.trim().endsWith("?")).toBe(true);
      expect(q.answer.length).toBeGreaterThan(40);
      expect(q.answer).not.toMatch(/[*_`[\]]/);
    }
    expect(sources.find((s) => s.section.slug === "faq")!.source).toContain("<FaqList />");
  });
});
