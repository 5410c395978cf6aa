import { describe, expect, it } from "vitest";
import { normalizeEmailForCode } from "@/lib/discounts/normalize-email";

describe("normalizeEmailForCode", () => {
  it("ignores case and surrounding space", () => {
    expect(normalizeEmailForCode("  Jo.Smith@Example.COM ")).toBe("jo.smith@example.com");
  });

  it("cuts a +tag for every provider", () => {
    expect(normalizeEmailForCode("jo+news@example.com")).toBe("jo@example.com");
    expect(normalizeEmailForCode("jo+a+b@outlook.com")).toBe("jo@outlook.com");
    expect(normalizeEmailForCode("jo.smith+x@fastmail.com")).toBe("jo.smith@fastmail.com");
  });

  it("drops dots only where the provider ignores them, and folds googlemail.com into gmail.com", () => {
    expect(normalizeEmailForCode("J.o.Smith+promo@gmail.com")).toBe("josmith@gmail.com");
    expect(normalizeEmailForCode("jo.smith@googlemail.com")).toBe("josmith@gmail.com");
    expect(normalizeEmailForCode("jo.smith@example.com")).toBe("jo.smith@example.com");
    expect(normalizeEmailForCode("jo.smith@gmail.co.uk")).toBe("jo.smith@gmail.co.uk");
  });

  it("gives every alias of one inbox the same key, and different inboxes different keys", () => {
    const aliases = ["josmith@gmail.com", "Jo.Smith@gmail.com", "j.o.s.m.i.t.h+x@googlemail.com", "josmith+2026@GMAIL.com"];
    expect(new Set(aliases.map(normalizeEmailForCode))).toEqual(new Set(["josmith@gmail.com"]));
    expect(normalizeEmailForCode("josmith1@gmail.com")).not.toBe(normalizeEmailForCode("josmith@gmail.com"));
  });

  it("leaves a local part that is only a tag or only dots alone rather than emptying it", () => {
    expect(normalizeEmailForCode("+tag@example.com")).toBe("+tag@example.com");
    expect(normalizeEmailForCode("...@gmail.com")).toBe("...@gmail.com");
  });
});
