import { describe, expect, it } from "vitest";
import { extractHeadings, readingMinutes, slugify, stripInlineMarkdown } from "@/lib/content/text";

describe("slugify", () => {
  it("makes lowercase, hyphenated, ASCII ids", () => {
    expect(slugify("Skills & tools (2024)")).toBe("skills-tools-2024");
    expect(slugify("  Déjà vu: ML vs. data science ")).toBe("deja-vu-ml-vs-data-science");
    expect(slugify("---")).toBe("");
  });
});

describe("extractHeadings", () => {
  it("returns ## and ### headings with ids, skipping code fences and other levels", () => {
    const src = [
      "Intro",
      "## What the *job* is",
      "### Day to day",
      "#### Too deep",
      "```",
      "## not a heading",
      "```",
      "## Pay and [outlook](https://example.com)",
    ].join("\n");
    expect(extractHeadings(src)).toEqual([
      { depth: 2, text: "What the job is", id: "what-the-job-is" },
      { depth: 3, text: "Day to day", id: "day-to-day" },
      { depth: 2, text: "Pay and outlook", id: "pay-and-outlook" },
    ]);
  });
});

describe("stripInlineMarkdown", () => {
  it("keeps link and image text", () => {
    expect(stripInlineMarkdown("**Bold** `code` [link](/x) ![alt](/y.png)")).toBe("Bold code link alt");
  });
});

describe("readingMinutes", () => {
  it("counts prose words, not component markup, and never returns 0", () => {
    expect(readingMinutes("")).toBe(1);
    const words = Array.from({ length: 690 }, () => "word").join(" ");
    expect(readingMinutes(words + ' <CallToAction id="a" title="lots of words here" />')).toBe(3);
  });
});
