import { describe, expect, it } from "vitest";
import { decodeSortCursor, encodeSortCursor, parseSort, sortParams, type SortRow } from "@/lib/console/inbox-sort";
import { filterChips } from "@/lib/console/filter-chips";
import { filtersToQuery, parseInboxFilters } from "@/lib/console/inbox";

const row = (over: Partial<SortRow> = {}): SortRow => ({
  id: "cm0lead01",
  createdAt: new Date("2026-12-01T10:00:00.123Z"),
  searchName: "ada lovelace",
  formType: "quote",
  programSlug: null,
  status: "new",
  utmSource: null,
  owner: { name: "Sam|Staff" },
  ...over,
});

describe("the inbox's sort in the URL", () => {
  it("reads a known column and direction, and falls back to newest first for anything else", () => {
    expect(parseSort(new URLSearchParams("sort=owner&dir=desc"))).toEqual({ sort: "owner", dir: "desc" });
    expect(parseSort(new URLSearchParams("sort=owner"))).toEqual({ sort: "owner", dir: "asc" });
    expect(parseSort(new URLSearchParams("sort=received"))).toEqual({ sort: "received", dir: "desc" });
    expect(parseSort(new URLSearchParams("sort=salary&dir=up"))).toEqual({ sort: "received", dir: "desc" });
    expect(parseSort({ sort: ["status", "owner"], dir: "asc" })).toEqual({ sort: "status", dir: "asc" });
  });

  it("writes no parameters for the default, and the direction only when it is not the column's first", () => {
    expect(sortParams({ sort: "received", dir: "desc" })).toEqual({});
    expect(sortParams({ sort: "received", dir: "asc" })).toEqual({ sort: "received", dir: "asc" });
    expect(sortParams({ sort: "owner", dir: "asc" })).toEqual({ sort: "owner" });
    expect(filtersToQuery(parseInboxFilters(new URLSearchParams("status=new&sort=person&dir=desc&after=x")))).toBe("status=new&sort=person&dir=desc");
  });
});

describe("sorted cursors", () => {
  it("round-trip the sort value (a date, a string with the separator in it, or no value) and the id", () => {
    const received = { sort: "received", dir: "asc" } as const;
    expect(decodeSortCursor(encodeSortCursor(received, row()), received)).toEqual({
      ...received,
      value: new Date("2026-12-01T10:00:00.123Z"),
      id: "cm0lead01",
    });
    const owner = { sort: "owner", dir: "desc" } as const;
    expect(decodeSortCursor(encodeSortCursor(owner, row()), owner)).toEqual({ ...owner, value: "Sam|Staff", id: "cm0lead01" });
    const source = { sort: "source", dir: "asc" } as const;
    expect(decodeSortCursor(encodeSortCursor(source, row()), source)).toEqual({ ...source, value: null, id: "cm0lead01" });
  });

  it("is ignored (the first page) when made for another sort, malformed, or impossible", () => {
    const person = { sort: "person", dir: "asc" } as const;
    const c = encodeSortCursor(person, row());
    expect(decodeSortCursor(c, { sort: "person", dir: "desc" })).toBeNull();
    expect(decodeSortCursor(c, { sort: "form", dir: "asc" })).toBeNull();
    expect(decodeSortCursor("not-a-cursor", person)).toBeNull();
    expect(decodeSortCursor(Buffer.from('["person","asc",1,"x"]').toString("base64url"), person)).toBeNull();
    // Status is never empty, so a cursor in its "no value" segment cannot be.
    expect(decodeSortCursor(Buffer.from('["status","asc",null,"x"]').toString("base64url"), { sort: "status", dir: "asc" })).toBeNull();
    expect(decodeSortCursor(Buffer.from('["received","asc","yesterday","x"]').toString("base64url"), { sort: "received", dir: "asc" })).toBeNull();
  });
});

describe("the waiting and next-task chips", () => {
  it("name the filter and remove it, keeping the sort", () => {
    const f = parseInboxFilters(new URLSearchParams("waiting=24h&nextTask=none&sort=owner"));
    expect(filterChips(f, "/console/leads").map((c) => [c.label, c.value, c.removeHref])).toEqual([
      ["Waiting", "new, more than 24 h", "/console/leads?nextTask=none&sort=owner"],
      ["Next task", "none after first contact", "/console/leads?waiting=24h&sort=owner"],
    ]);
    expect(parseInboxFilters(new URLSearchParams("waiting=1h&nextTask=some")).waiting).toBeUndefined();
  });
});
