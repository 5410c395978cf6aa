import { describe, expect, it } from "vitest";
import { periodCounts } from "@/lib/console/dashboard";
import { LEAD_TYPES } from "@/lib/leads/form-types";

describe("periodCounts", () => {
  // The rollups and the raw query return the same rows in different orders (PostgreSQL's
  // GROUP BY plans differ): the counts, and the order the page lists them in, must not.
  const rows = [
    { formType: "newsletter", status: "new", ownerId: null, n: 5 },
    { formType: "enroll", status: "enrolled", ownerId: "a", n: 2 },
    { formType: "redemption", status: "new", ownerId: null, n: 1 },
    { formType: "referral", status: "new", ownerId: null, n: 3 },
    { formType: "quote", status: "new", ownerId: "a", n: 4 },
  ];

  it("counts intent leads apart from sign-ups and redemptions", () => {
    const c = periodCounts(rows);
    expect(c.leads).toBe(6);
    expect(c.enrolled).toBe(2);
    expect(c.other).toEqual({ newsletter: 5, redemption: 1, referral: 3 });
  });

  it("gives the same answer, keys in the same order, whatever order the rows come in", () => {
    const reversed = periodCounts([...rows].reverse());
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(periodCounts(rows)));
    expect(Object.keys(reversed.other)).toEqual(["referral", "newsletter", "redemption"].filter((f) => f in reversed.other).sort(byTypeOrder));
  });
});

/** The order the form types are declared in (lib/leads/form-types.ts). */
const byTypeOrder = (a: string, b: string) => LEAD_TYPES.indexOf(a as never) - LEAD_TYPES.indexOf(b as never);
