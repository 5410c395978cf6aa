import { describe, expect, it } from "vitest";
import { figureGroups } from "@/content/guides/machine-learning-engineer/figures";
import type { FigureGroup } from "@/content/guides/types";
import { figureDateNotes } from "@/lib/content/figure-date-notes";
import { axisPercent, describeRow, salaryChart, shortDollars } from "@/lib/content/salary-chart";

const group = (kind: FigureGroup["kind"], figures: FigureGroup["figures"]): FigureGroup => ({ id: `g-${kind}`, metric: "m", kind, figures });
const fig = (value: string, chart?: FigureGroup["figures"][number]["chart"], extra: Partial<FigureGroup["figures"][number]> = {}) => ({
  value,
  source: "S",
  sourceUrl: "",
  asOf: null,
  chart,
  ...extra,
});

describe("salaryChart", () => {
  it("charts the guide's nine dollar figures, lowest first, and leaves out the industries", () => {
    const chart = salaryChart(figureGroups);
    expect(chart.rows.map((r) => r.low)).toEqual([100000, 112806, 112992, 114121, 125672, 128000, 131490, 165000, 200000]);
    expect(chart.rows.map((r) => r.shape)).toEqual(["band", "point", "point", "point", "point", "point", "point", "or-more", "or-more"]);
    expect(chart.rows[0]).toMatchObject({ high: 150000, mark: "$100,000–$150,000", source: "Indeed", asOf: null });
    expect(chart.rows.find((r) => r.low === 125672)).toMatchObject({ asOf: "June 2022", mark: "$125,672" });
    expect(chart.rows.find((r) => r.low === 131490)!.source).toBe("U.S. Bureau of Labor Statistics");
    expect(chart.rows.at(-1)).toMatchObject({ mark: "$200,000 or more", source: "Dice", high: null });
    expect(chart.rows.some((r) => /Technology/.test(r.value))).toBe(false);
  });

  it("pads the axis by at least half a step and rounds it to whole steps", () => {
    const chart = salaryChart(figureGroups);
    expect([chart.min, chart.max]).toEqual([75000, 225000]);
    expect(chart.ticks).toEqual([100000, 150000, 200000]);
    const exact = salaryChart([group("salary", [fig("$50,000", { label: "a", low: 50000 }), fig("$100,000", { label: "b", low: 100000 })])]);
    expect([exact.min, exact.max]).toEqual([25000, 125000]);
    expect(exact.ticks).toEqual([50000, 100000]);
  });

  it("never starts the axis below zero", () => {
    const chart = salaryChart([group("salary", [fig("$5,000", { label: "a", low: 5000 })])]);
    expect(chart.min).toBe(0);
    expect(chart.max).toBe(25000);
  });

  it("charts salary figures only, and only those with an amount", () => {
    const chart = salaryChart([
      group("outlook", [fig("$11.16 billion", { label: "market", low: 11_160_000_000 })]),
      group("salary", [fig("Technology, finance"), fig("$90,000 per year", { label: "x", low: 90000 })]),
    ]);
    expect(chart.rows.map((r) => r.label)).toEqual(["x"]);
    expect(chart.rows[0].mark).toBe("$90,000");
    expect(salaryChart([group("outlook", [])]).rows).toEqual([]);
  });

  it("puts a narrower band first when two rows start at the same amount", () => {
    const chart = salaryChart([
      group("salary", [fig("$100,000–$150,000", { label: "wide", low: 100000, high: 150000 }), fig("$100,000", { label: "point", low: 100000 })]),
    ]);
    expect(chart.rows.map((r) => r.label)).toEqual(["point", "wide"]);
  });
});

describe("markSide", () => {
  it("writes values right of marks in the left part of the axis, and left of open-ended bars", () => {
    const rows = salaryChart(figureGroups).rows;
    expect(rows.map((r) => r.markSide)).toEqual(["right", "right", "right", "right", "right", "right", "right", "left", "left"]);
    const far = salaryChart([group("salary", [fig("$50,000", { label: "low", low: 50000 }), fig("$200,000", { label: "high", low: 200000 })])]);
    expect(far.rows.map((r) => r.markSide)).toEqual(["right", "left"]);
  });
});

describe("axisPercent", () => {
  const axis = { min: 75000, max: 225000 };
  it("maps the axis ends to 0 and 100 and clamps beyond them", () => {
    expect(axisPercent(axis, 75000)).toBe(0);
    expect(axisPercent(axis, 150000)).toBe(50);
    expect(axisPercent(axis, 225000)).toBe(100);
    expect(axisPercent(axis, 10000)).toBe(0);
    expect(axisPercent(axis, 900000)).toBe(100);
    expect(axisPercent(axis, 100000)).toBe(16.67);
  });
});

describe("chart text", () => {
  it("writes axis labels in thousands and rows in words with their dates", () => {
    expect(shortDollars(150000)).toBe("$150k");
    const [band, , , , dated] = salaryChart(figureGroups).rows;
    expect(describeRow(band)).toBe("Typical band, Indeed: $100,000 to $150,000 (date not stated)");
    expect(describeRow(dated)).toBe("Average base pay, Indeed: $125,672 (June 2022)");
    expect(describeRow(salaryChart(figureGroups).rows.at(-1)!)).toBe("Largest tech hubs, Dice: $200,000 or more (date not stated)");
  });
});

describe("figureDateNotes", () => {
  it("numbers each distinct date note once, in order of first use", () => {
    const notes = figureDateNotes([
      group("salary", [fig("a", undefined, { dateNote: "Feb" }), fig("b"), fig("c", undefined, { dateNote: "BLS" })]),
      group("salary", [fig("d", undefined, { dateNote: "Feb" })]),
    ]);
    expect([...notes]).toEqual([
      ["Feb", 1],
      ["BLS", 2],
    ]);
  });

  it("finds three notes behind the guide's undated salary figures", () => {
    const notes = figureDateNotes(figureGroups.filter((g) => g.kind === "salary"));
    expect(notes.size).toBe(3);
    expect([...notes.keys()][0]).toMatch(/February 2024/);
  });
});
