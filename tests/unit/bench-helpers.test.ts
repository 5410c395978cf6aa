import { describe, expect, it } from "vitest";
import { cliOptions } from "../../bench/lib/args";
import { comparisonTable, ratio, table } from "../../bench/lib/report";
import { median, percentile, perSecond, summarize } from "../../bench/lib/stats";

describe("bench/lib/stats", () => {
  it("takes nearest-rank percentiles of a sorted list", () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it("summarizes unsorted samples", () => {
    expect(summarize([30, 10, 20])).toEqual({ n: 3, p50: 20, p95: 30, p99: 30, max: 30 });
  });

  it("averages the two middle values for the median of an even count", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([])).toBeNull();
  });

  it("gives no rate for no time at all", () => {
    expect(perSecond(500, 2)).toBe(250);
    expect(perSecond(500, 0)).toBeNaN();
  });
});

describe("bench/lib/report", () => {
  it("says whether the project is better or worse than its baseline, by the measure's direction", () => {
    expect(ratio({ measure: "throughput", value: 44, baseline: 100, unit: "subs/s", higherIsBetter: true })).toBe("0.44× (worse)");
    expect(ratio({ measure: "p99", value: 44, baseline: 100, unit: "ms", higherIsBetter: false })).toBe("0.44× (better)");
    expect(ratio({ measure: "p99", value: 5, baseline: 0, unit: "ms", higherIsBetter: false })).toBe("-");
  });

  it("prints each figure next to its baseline and the ratio", () => {
    const text = comparisonTable("title", "bare node:http", [{ measure: "throughput", value: 51, baseline: 158, unit: "subs/s", higherIsBetter: true }]);
    expect(text).toContain("baseline: bare node:http, same run");
    expect(text.split("\n").at(-1)).toBe("throughput | 51 subs/s | 158 subs/s |      0.32× (worse)");
  });

  it("aligns columns: the first to the left, the rest to the right", () => {
    expect(
      table(
        ["kind", "ms"],
        [
          ["a", "1.5"],
          ["longer", "10.0"],
        ],
      ).split("\n"),
    ).toEqual(["kind   |   ms", "-------|-----", "a      |  1.5", "longer | 10.0"]);
  });
});

describe("bench/lib/args", () => {
  it("reads --name value options and refuses a bad integer", () => {
    const { get, int, has } = cliOptions(["node", "bench.ts", "--n", "60", "--reuse", "--runs", "x"]);
    expect(get("n")).toBe("60");
    expect(int("n", 3000, 1)).toBe(60);
    expect(int("concurrency", 32, 1)).toBe(32);
    expect(has("reuse")).toBe(true);
    expect(() => int("runs", 200, 10)).toThrow("--runs must be an integer >= 10");
  });
});
