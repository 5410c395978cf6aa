import { describe, expect, it } from "vitest";
import { checkCode, formatCodeDate, listNames, normalizeCode, type CodeReader } from "@/lib/discounts/check";
import { codeRulesSchema, discountDefaultsSchema } from "@/lib/discounts/rules";
import { enrollSchema } from "@/lib/forms/enroll/schema";
import { normalizeCodeSearch } from "@/lib/console/codes";

type CodeRow = { id: string; code: string; percent: number; programSlugs: string; singleUse: boolean; expiresAt: Date; usedOnLeadId: string | null };

const PROGRAMS = [
  { slug: "data-analytics", name: "Data Analytics" },
  { slug: "full-stack-development", name: "Full-Stack Web Development" },
  { slug: "machine-learning-engineering", name: "Machine Learning Engineering" },
];

/** An in-memory stand-in for the three tables the check reads; lookups are exact, as the unique indexes are. */
function reader(codes: CodeRow[], referralCodes: string[] = []): CodeReader {
  return {
    discountCode: { findUnique: async ({ where }: { where: { code: string } }) => codes.find((c) => c.code === where.code) ?? null },
    contact: { findUnique: async ({ where }: { where: { referralCode: string } }) => (referralCodes.includes(where.referralCode) ? { id: "c1" } : null) },
    program: { findMany: async ({ where }: { where: { slug: { in: string[] } } }) => PROGRAMS.filter((p) => where.slug.in.includes(p.slug)) },
  } as unknown as CodeReader;
}

const NOW = new Date("2026-12-07T12:00:00Z");
const base: CodeRow = {
  id: "d1",
  code: "LOOM20-9XK4TQ2M",
  percent: 20,
  programSlugs: '["data-analytics"]',
  singleUse: true,
  expiresAt: new Date("2027-03-05T23:59:59.999Z"),
  usedOnLeadId: null,
};

describe("what a code gives", () => {
  it("says it in one sentence: percentage, program names, last day", async () => {
    const v = await checkCode(reader([base]), "LOOM20-9XK4TQ2M", { now: NOW });
    expect(v).toEqual({
      ok: true,
      kind: "discount",
      code: "LOOM20-9XK4TQ2M",
      discountCodeId: "d1",
      percent: 20,
      message: "20% off the tuition of Data Analytics, valid until 5 March 2027",
    });
  });

  it("matches whatever the case and the spaces around it", async () => {
    for (const typed of ["loom20-9xk4tq2m", "  Loom20-9Xk4tQ2m ", "\tLOOM20-9XK4TQ2M\n"]) {
      const v = await checkCode(reader([base]), typed, { now: NOW });
      expect(v.ok && v.kind === "discount" && v.discountCodeId).toBe("d1");
    }
    expect(normalizeCode(" ab-c1 ")).toBe("AB-C1");
  });

  it("names every program, or says every program for an empty list", async () => {
    const all = await checkCode(reader([{ ...base, programSlugs: "[]", percent: 15 }]), base.code, { now: NOW });
    expect(all.message).toBe("15% off the tuition of every program, valid until 5 March 2027");
    const three = await checkCode(
      reader([{ ...base, programSlugs: '["data-analytics","full-stack-development","machine-learning-engineering"]' }]),
      base.code,
      { now: NOW, program: "full-stack-development" },
    );
    expect(three.message).toBe("20% off the tuition of Data Analytics, Full-Stack Web Development and Machine Learning Engineering, valid until 5 March 2027");
  });

  it("counts the program chosen on the form", async () => {
    const ok = await checkCode(reader([base]), base.code, { now: NOW, program: "data-analytics" });
    expect(ok.ok).toBe(true);
    const other = await checkCode(reader([base]), base.code, { now: NOW, program: "full-stack-development" });
    expect(other).toEqual({
      ok: false,
      reason: "program",
      message: "This code is not valid for Full-Stack Web Development. It is valid for Data Analytics.",
    });
  });

  it("describes a friend's referral code without saying whose it is", async () => {
    const v = await checkCode(reader([], ["K7QW3MZP"]), "k7qw3mzp", { now: NOW });
    expect(v).toEqual({
      ok: true,
      kind: "referral",
      code: "K7QW3MZP",
      message: "Referral from a friend: your application will count as their referral, and nothing changes in what you pay.",
    });
  });
});

describe("codes it refuses", () => {
  it("an unknown code, or one that cannot be a code", async () => {
    for (const typed of ["LOOM20-NOPE", "", "   ", "LOOM20 9XK4", "x".repeat(41), "LOOM%"]) {
      const v = await checkCode(reader([base], ["K7QW3MZP"]), typed, { now: NOW });
      expect(v).toEqual({
        ok: false,
        reason: "unknown",
        message: "We do not recognise this code. Check it against the email it came in, or leave the field empty.",
      });
    }
  });

  it("an expired code, saying when it expired", async () => {
    const expired = { ...base, expiresAt: new Date("2026-11-30T23:59:59.999Z") };
    expect(await checkCode(reader([expired]), base.code, { now: NOW })).toEqual({
      ok: false,
      reason: "expired",
      message: "This code expired on 30 November 2026.",
    });
    // The very moment it expires it no longer works.
    const v = await checkCode(reader([base]), base.code, { now: base.expiresAt });
    expect(v.ok).toBe(false);
    expect((await checkCode(reader([base]), base.code, { now: new Date(base.expiresAt.getTime() - 1) })).ok).toBe(true);
  });

  it("a single-use code already used; a reusable one still works", async () => {
    const used = { ...base, usedOnLeadId: "lead-1" };
    expect(await checkCode(reader([used]), base.code, { now: NOW })).toEqual({
      ok: false,
      reason: "used",
      message: "This code has already been used for an enrolment, so it cannot be used again.",
    });
    expect((await checkCode(reader([{ ...used, singleUse: false }]), base.code, { now: NOW })).ok).toBe(true);
  });
});

describe("wording helpers", () => {
  it("dates are day, month and year in UTC", () => {
    expect(formatCodeDate(new Date("2027-03-05T23:59:59.999Z"))).toBe("5 March 2027");
    expect(formatCodeDate(new Date("2027-03-05T00:00:00Z"))).toBe("5 March 2027");
  });
  it("lists names with commas and a final and", () => {
    expect(listNames([])).toBe("");
    expect(listNames(["A"])).toBe("A");
    expect(listNames(["A", "B"])).toBe("A and B");
    expect(listNames(["A", "B", "C"])).toBe("A, B and C");
  });
  it("the console search keeps only what a code can hold, upper-cased", () => {
    expect(normalizeCodeSearch(" 9xk4 ")).toBe("9XK4");
    expect(normalizeCodeSearch("loom_%")).toBe("LOOM");
    expect(normalizeCodeSearch("  ")).toBeUndefined();
  });
});

describe("the /apply field", () => {
  const form = {
    name: "Ada",
    email: "ada@example.com",
    program: "data-analytics",
    cohort: "c1",
    paymentOption: "upfront",
    experience: "beginner",
    consent: "on",
  };
  it("is optional, trimmed and upper-cased", () => {
    expect(enrollSchema.parse({ ...form }).code).toBeUndefined();
    expect(enrollSchema.parse({ ...form, code: "   " }).code).toBeUndefined();
    expect(enrollSchema.parse({ ...form, code: " loom20-9xk4tq2m " }).code).toBe("LOOM20-9XK4TQ2M");
  });
  it("refuses what cannot be a code, with a message for the field", () => {
    const r = enrollSchema.safeParse({ ...form, code: "LOOM 20" });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ["code"], message: "Codes have only letters, digits and dashes. Check it against the email it came in." });
    expect(enrollSchema.safeParse({ ...form, code: "A".repeat(41) }).success).toBe(false);
  });
});

describe("the rules staff edit", () => {
  it("takes a percentage from 1 to 100, a real date, a tick and programs", () => {
    const ok = codeRulesSchema.parse({ percent: " 25 ", expiresOn: "2027-03-05", singleUse: "on", programs: ["data-analytics", "data-analytics"] });
    expect(ok).toEqual({ percent: 25, expiresOn: new Date("2027-03-05T23:59:59.999Z"), singleUse: true, programs: ["data-analytics"] });
    expect(codeRulesSchema.parse({ percent: "100", expiresOn: "2027-03-05" }).singleUse).toBe(false);
  });
  it("names what is wrong, per field", () => {
    const r = codeRulesSchema.safeParse({ percent: "0", expiresOn: "2027-02-30", programs: ["Data Analytics"] });
    const errors = Object.fromEntries(r.error!.issues.map((i) => [i.path[0], i.message]));
    expect(errors).toEqual({
      percent: "Enter the percentage off from 1 to 100.",
      expiresOn: "That date does not exist. Enter it as YYYY-MM-DD.",
      programs: "Choose programs from the list.",
    });
    expect(codeRulesSchema.safeParse({ percent: "20%", expiresOn: "5 March 2027" }).error!.issues.map((i) => i.message)).toEqual([
      "Enter the percentage off as a whole number.",
      "Enter the date as YYYY-MM-DD, for example 2027-03-05.",
    ]);
  });
  it("the defaults take a number of days", () => {
    expect(discountDefaultsSchema.parse({ percent: "20", expiryDays: "90", singleUse: "on" })).toEqual({
      percent: 20,
      expiryDays: 90,
      singleUse: true,
      programs: [],
    });
    expect(discountDefaultsSchema.safeParse({ percent: "20", expiryDays: "0" }).error!.issues[0].message).toBe(
      "Enter the number of days a new code works from 1 to 3650 days.",
    );
  });
});
