import { describe, expect, it } from "vitest";
import { queryParam, QUERY_PARAM_MAX } from "@/lib/query-param";

describe("queryParam", () => {
  it("reads a page's searchParams object and a URLSearchParams the same way", () => {
    expect(queryParam({ status: "new" }, "status")).toBe("new");
    expect(queryParam(new URLSearchParams("status=new"), "status")).toBe("new");
  });

  it("takes the first value of a repeated key", () => {
    expect(queryParam({ form: ["enroll", "quote"] }, "form")).toBe("enroll");
    expect(queryParam(new URLSearchParams("form=enroll&form=quote"), "form")).toBe("enroll");
  });

  it("trims, and removes control characters (a NUL or newline never reaches a query or the page)", () => {
    expect(queryParam({ q: "  ada  " }, "q")).toBe("ada");
    expect(queryParam(new URLSearchParams("q=%00a%0Ada%7F%C2%85"), "q")).toBe("ada");
  });

  it("answers undefined for a missing, empty or blank value", () => {
    expect(queryParam({}, "q")).toBeUndefined();
    expect(queryParam({ q: "" }, "q")).toBeUndefined();
    expect(queryParam({ q: [] }, "q")).toBeUndefined();
    expect(queryParam({ q: " \t\u0000 " }, "q")).toBeUndefined();
    expect(queryParam(new URLSearchParams("q="), "q")).toBeUndefined();
  });

  it("cuts a long value, to 300 characters unless told otherwise", () => {
    const long = "x".repeat(1_000);
    expect(QUERY_PARAM_MAX).toBe(300);
    expect(queryParam({ q: long }, "q")).toHaveLength(300);
    expect(queryParam({ q: long }, "q", 12)).toBe("x".repeat(12));
  });
});
