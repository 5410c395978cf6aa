import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { guide } from "@/content/guides/machine-learning-engineer/guide";
import { figureGroups } from "@/content/guides/machine-learning-engineer/figures";
import { faqItems } from "@/content/guides/machine-learning-engineer/faq";
import { FORM_PATHS } from "@/lib/attribution";
import { extractCallToActions } from "@/lib/cta/registry";
import { GUIDE_ARTICLES } from "@/lib/content/guide-articles";
import { extractHeadings } from "@/lib/content/text";

const dir = path.resolve("content/guides/machine-learning-engineer");
const sources = guide.sections.map((s, i) => ({ section: s, source: readFileSync(path.join(dir, "..", GUIDE_ARTICLES[i]!.file), "utf8") }));
const allText = sources
  .map((s) => s.source)
  .join("\n")
  .toLowerCase();

const ctas = extractCallToActions;

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
        // A date is either given or marked as not stated (null), never an empty string, and
        // "not stated" is said once by the table's legend, not written into the data.
        if (f.asOf !== null) expect(f.asOf.trim(), `${g.id}: ${f.value}`).not.toBe("");
        if (f.asOf !== null) expect(f.asOf, `${g.id}: ${f.value}`).not.toMatch(/^date not stated/i);
        if (f.dateNote !== undefined) expect(f.dateNote.trim(), `${g.id}: ${f.value}`).not.toBe("");
      }
    }
    // The undated figures stay marked as undated, and the dated ones keep their dates.
    const salary = figureGroups.filter((g) => g.kind === "salary").flatMap((g) => g.figures);
    expect(salary.filter((f) => f.asOf === null)).toHaveLength(9);
    expect(salary.find((f) => f.value === "$125,672 per year")!.asOf).toBe("June 2022");
    // Every figure with a chart amount shows that amount in its own words.
    const dollars = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
    for (const g of figureGroups) {
      for (const f of g.figures.filter((x) => x.chart)) {
        expect(g.kind, f.value).toBe("salary");
        expect(f.value, f.chart!.label).toContain(dollars.format(f.chart!.low));
        if (f.chart!.high !== undefined) expect(f.value, f.chart!.label).toContain(dollars.format(f.chart!.high));
        expect(/or more/.test(f.value), f.chart!.label).toBe(f.chart!.orMore === true);
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
    const salaryPage = sources.find((s) => s.section.slug === "salary-and-job-outlook")!.source;
    expect(salaryPage).toContain("<SalaryOutlookTable />");
    expect(salaryPage).toContain("<SalaryChart />");
    // The page answers its question right after the intro, before the first heading.
    expect(salaryPage.indexOf("<ShortAnswer>")).toBeGreaterThan(0);
    expect(salaryPage.indexOf("<ShortAnswer>")).toBeLessThan(salaryPage.indexOf("\n## "));
    // Every amount in the short answer is one of the sourced figures.
    const answer = salaryPage.slice(salaryPage.indexOf("<ShortAnswer>"), salaryPage.indexOf("</ShortAnswer>"));
    const amounts = [...answer.matchAll(/\$\d[\d,]*\d/g)].map((m) => m[0]);
    expect(amounts.length).toBeGreaterThanOrEqual(5);
    const values = figureGroups.flatMap((g) => g.figures.map((f) => f.value)).join(" ");
    for (const amount of amounts) expect(values, amount).toMatch(new RegExp(`\\${amount}(?![\\d,])`));
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
