import { describe, expect, it } from "vitest";
import { filterChips, usesMoreFilters } from "@/lib/console/filter-chips";
import { NO_SOURCE } from "@/lib/console/inbox";

/** Issue 19, the inbox's compact filter bar: each chosen filter is a chip that links to the view without it. */

describe("filter chips", () => {
  const names = {
    status: { lost: "Lost" },
    program: new Map([["data-analytics", "Data Analytics"]]),
    owner: new Map([["u1", "Sam Staff"]]),
  };

  it("names each chosen filter and links to the view without it, from the first page", () => {
    const chips = filterChips({ status: "lost", program: "data-analytics", owner: "u1", q: "ana", after: "cursor" }, "/console/leads", names);
    expect(chips.map((c) => [c.label, c.value])).toEqual([
      ["Status", "Lost"],
      ["Program", "Data Analytics"],
      ["Owner", "Sam Staff"],
      ["Search", "ana"],
    ]);
    const without = (label: string) => new URL(chips.find((c) => c.label === label)!.removeHref, "http://x");
    expect([...without("Status").searchParams.entries()]).toEqual([
      ["program", "data-analytics"],
      ["owner", "u1"],
      ["q", "ana"],
    ]);
    expect(without("Search").searchParams.has("q")).toBe(false);
    for (const c of chips) expect(new URL(c.removeHref, "http://x").searchParams.has("after")).toBe(false);
  });

  it("says what special values mean, and shows unknown ids as they are", () => {
    const chips = filterChips({ owner: "none", source: NO_SOURCE, program: "retired" }, "/console/leads", names);
    expect(chips.map((c) => c.value)).toEqual(["retired", "Unassigned", "none (direct)"]);
    expect(filterChips({ owner: "me" }, "/console/leads")[0].value).toBe("Me");
  });

  it("links the last chip to the bare inbox", () => {
    expect(filterChips({ status: "new" }, "/console/leads")[0].removeHref).toBe("/console/leads");
  });

  it("opens More filters only when one of its filters is chosen", () => {
    expect(usesMoreFilters({ status: "new", q: "x", program: "p", owner: "me" })).toBe(false);
    expect(usesMoreFilters({ campaign: "spring" })).toBe(true);
    expect(usesMoreFilters({ from: "2026-12-01" })).toBe(true);
  });
});
