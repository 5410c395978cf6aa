/**
 * The pure parts of the referral programme's review signals and of the status page:
 * edit distance, "+tag" and dots, throwaway domains, masking.
 */
import { describe, expect, it } from "vitest";
import { baseLocalPart, disposableReason, editDistance, isDisposableAddress, similarAddressReason } from "@/lib/referrals/fraud";
import { maskEmail, maskName } from "@/lib/referrals/mask";
import { confirmRuleSentence } from "@/lib/referrals/rules";
import { friendStage } from "@/lib/referrals/status";

describe("editDistance", () => {
  it.each([
    ["taylor", "taylor", 0],
    ["taylor", "tayl0r", 1],
    ["taylor", "taylor1", 1],
    ["taylor", "aylor", 1],
    ["taylor", "tyalor", 2],
    ["taylor", "tailer", 2],
    ["kitten", "sitting", 3],
    ["", "abc", 3],
    ["zoë", "zoe", 1],
  ])("%s → %s is %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it("stops early once past the cap, answering cap + 1", () => {
    expect(editDistance("abcdefgh", "stuvwxyz", 2)).toBe(3);
    expect(editDistance("a", "abcdef", 2)).toBe(3);
  });
});

describe("similar addresses", () => {
  it("removes a +tag and dots from the local part", () => {
    expect(baseLocalPart("T.Aylor+Refer.Me")).toBe("taylor");
  });

  it.each([
    ["taylor@gmail.com", "taylor+friend@gmail.com"],
    ["taylor@gmail.com", "t.a.y.l.o.r@gmail.com"],
    ["taylor@gmail.com", "Tay.Lor+x@googlemail.com"],
    ["taylor@example.com", "taylor1@example.com"],
    ["taylor@example.com", "tailer@example.com"],
  ])("%s and %s are similar", (referrer, friend) => {
    expect(similarAddressReason(referrer, friend)?.code).toBe("similar_address");
  });

  it.each([
    ["taylor@gmail.com", "taylor@outlook.com", "another domain"],
    ["taylor@example.com", "tanner@example.com", "three edits away"],
    ["amy@example.com", "ann@example.com", "too short for edit distance to mean anything"],
    ["taylor@example.com", "taylor@example.com", "the same address (a hard block elsewhere)"],
    ["taylor@example.com", null, "no address"],
  ] as [string, string | null, string][])("%s and %s are not (%s)", (referrer, friend) => {
    expect(similarAddressReason(referrer, friend)).toBeNull();
  });

  it("says which kind of likeness it found", () => {
    expect(similarAddressReason("taylor@x.example", "taylor+a@x.example")?.text).toBe(
      "The friend's address is the referrer's own once \"+\" tags and dots are removed (both taylor@x.example).",
    );
    expect(similarAddressReason("taylor@x.example", "taylo@x.example")?.text).toBe(
      "The friend's address differs from the referrer's by one character before the @, at the same domain.",
    );
    expect(similarAddressReason("taylor@x.example", "tylr@x.example")?.text).toContain("by two characters");
  });
});

describe("throwaway domains (the list shipped with the project)", () => {
  it.each(["fay@mailinator.com", "fay@yopmail.com", "fay@sub.mailinator.com", "MAILINATOR.COM"])("%s is throwaway", (a) => {
    expect(isDisposableAddress(a)).toBe(true);
  });
  it.each(["fay@gmail.com", "fay@outlook.com", "fay@example.org", "fay@mailinator.com.example"])("%s is not", (a) => {
    expect(isDisposableAddress(a)).toBe(false);
  });
  it("names the domain in the reason", () => {
    expect(disposableReason("Fay@YopMail.com")).toEqual({
      code: "disposable_domain",
      text: "The friend's address is at yopmail.com, a throwaway-inbox service.",
    });
    expect(disposableReason("fay@gmail.com")).toBeNull();
  });
});

describe("masking on the status page", () => {
  it.each([
    ["Taylor Adams", "T*** A."],
    ["Taylor Jane Adams", "T*** A."],
    ["taylor", "t***"],
    ["T", "T"],
    ["  ", "A friend"],
    [null, "A friend"],
    ["Émile Zola", "É*** Z."],
  ])("%s → %s", (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
  it.each([
    ["taylor@gmail.com", "t***@gmail.com"],
    ["t@gmail.com", "t***@gmail.com"],
    [null, "—"],
    ["nonsense", "***"],
  ])("%s → %s", (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });
});

describe("a friend's stage", () => {
  const lead = (formType: string, status = "new") => ({ formType, status });
  it("follows their contact and leads", () => {
    expect(friendStage({ respondedAt: null, leads: [] })).toBe("invited");
    expect(friendStage({ respondedAt: new Date(), leads: [] })).toBe("responded");
    expect(friendStage({ respondedAt: null, leads: [lead("newsletter")] })).toBe("responded");
    expect(friendStage({ respondedAt: new Date(), leads: [lead("invite"), lead("enroll")] })).toBe("applied");
    expect(friendStage({ respondedAt: new Date(), leads: [lead("invite", "enrolled")] })).toBe("enrolled");
  });
});

describe("the confirmation rule in words", () => {
  it("names the step and the holding period", () => {
    expect(confirmRuleSentence({ confirmWhen: "interest", holdDays: 30, hourlyLimit: 5 })).toBe(
      "Points are confirmed once your friend confirms their interest from their own inbox.",
    );
    expect(confirmRuleSentence({ confirmWhen: "enrolled", holdDays: 0, hourlyLimit: 5 })).toBe("Points are confirmed once your friend enrols in a course.");
    expect(confirmRuleSentence({ confirmWhen: "enrolled", holdDays: 1, hourlyLimit: 5 })).toBe(
      "Points are confirmed 1 day after your friend enrols in a course, if they are still enrolled then.",
    );
  });
});
