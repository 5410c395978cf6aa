import { describe, expect, it } from "vitest";
import { FORM_PATHS, isFormPath, withAttribution } from "@/lib/attribution";

describe("withAttribution", () => {
  it("adds the article and CTA to a bare form link", () => {
    expect(withAttribution("/quote", { article: "/careers/machine-learning-engineer", cta: "salary-quote" })).toBe(
      "/quote?article=%2Fcareers%2Fmachine-learning-engineer&cta=salary-quote",
    );
  });

  it("keeps the link's own query and fragment", () => {
    const href = withAttribution("/apply?program=machine-learning-engineering#form", { article: "/programs", cta: "x" });
    const url = new URL(href, "http://localhost");
    expect(url.pathname).toBe("/apply");
    expect(url.searchParams.get("program")).toBe("machine-learning-engineering");
    expect(url.searchParams.get("article")).toBe("/programs");
    expect(url.searchParams.get("cta")).toBe("x");
    expect(url.hash).toBe("#form");
  });

  it("omits the article when there is none (e.g. the home hero)", () => {
    expect(withAttribution("/apply", { cta: "home-hero-apply" })).toBe("/apply?cta=home-hero-apply");
  });

  it("overwrites attribution a link already carried rather than duplicating it", () => {
    const href = withAttribution("/refer?cta=old", { article: "/a", cta: "new" });
    expect(new URL(href, "http://localhost").searchParams.getAll("cta")).toEqual(["new"]);
  });
});

describe("isFormPath", () => {
  it("knows the five forms", () => {
    expect(FORM_PATHS).toHaveLength(6);
    expect(isFormPath("/refer")).toBe(true);
    expect(isFormPath("/console")).toBe(false);
  });
});
