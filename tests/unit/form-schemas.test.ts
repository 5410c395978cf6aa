/**
 * Examples for the form schemas: phone numbers (real formats of several countries, and
 * junk) and single-line fields, in the public forms and the console's (lib/console/*.ts).
 * Each form's own examples are in its folder (lib/forms/<form>/<form>.test.ts). The properties over random
 * posts are in form-schemas.property.test.ts.
 */
import { describe, expect, it } from "vitest";
import { cohortSchema, paymentOptionSchema, programSchema } from "@/lib/console/programs";
import { statusChangeSchema } from "@/lib/console/pipeline";
import { createStaffSchema } from "@/lib/console/staff-accounts";
import { callbackForm } from "@/lib/forms/callback/definition";
import { enrollForm } from "@/lib/forms/enroll/definition";
import { quoteForm } from "@/lib/forms/quote/definition";
import { attributionSchema, callbackSchema, enrollSchema, newsletterSchema, quoteSchema, referralSchema } from "@/lib/leads/schemas";
import { cohortPost, paymentOptionPost, programPost } from "@/tests/helpers/console-forms";

const SINGLE_LINE = "Use a single line, without line breaks or tabs.";
const PHONE = "Enter a phone number with its country code, like +44 20 7946 0958.";

/** The first message per field, as the form shows them. */
function errors(r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of r.error?.issues ?? []) out[i.path.map(String).join(".")] ??= i.message;
  return out;
}

// Each form's own example post (lib/forms/<form>/definition.tsx), with the field a test is about.
const callback = (phone: string) => callbackSchema.safeParse({ ...callbackForm.example.input, phone });

describe("phone numbers", () => {
  // As people type them, with the E.164 form each must be stored as.
  const REAL: [string, string][] = [
    ["+44 7700 900123", "+447700900123"], // UK, Ofcom's drama range: absent from libphonenumber's metadata
    ["+44 7700 900000", "+447700900000"],
    ["+44 (0)7700 900999", "+447700900999"],
    ["+44 7911 123456", "+447911123456"],
    ["+44 20 7946 0958", "+442079460958"],
    ["+1 415 555 0132", "+14155550132"],
    ["(415) 555-0132", "+14155550132"], // no country code: read as a US number
    ["+1-212-555-0100", "+12125550100"],
    ["+49 30 901820", "+4930901820"],
    ["+33 6 12 34 56 78", "+33612345678"],
    ["+61 4 1234 5678", "+61412345678"],
    ["+91 98765 43210", "+919876543210"],
    ["+81 90-1234-5678", "+819012345678"],
    ["+353 85 123 4567", "+353851234567"],
    ["+34 612 34 56 78", "+34612345678"],
    ["+55 11 91234-5678", "+5511912345678"],
    ["+27 21 123 4567", "+27211234567"],
  ];
  it.each(REAL)("accepts %s as %s, in every form with a phone", (typed, e164) => {
    expect(callback(typed)).toMatchObject({ success: true, data: { phone: e164 } });
    expect(enrollSchema.safeParse({ ...enrollForm.example.input, phone: typed })).toMatchObject({ success: true, data: { phone: e164 } });
    expect(quoteSchema.safeParse({ ...quoteForm.example.input, contactBy: "call", phone: typed })).toMatchObject({ success: true, data: { phone: e164 } });
  });

  const JUNK = [
    "12",
    "+44 1234",
    "+44 7700 9001234", // one digit too many
    "+999 123456", // no such country code
    "+44 0000 000000",
    "+44 1111 111111",
    "+1 123 456 7890", // a North American area code never starts with 1
    "+1 000 000 0000",
    "+1 555 555 5555",
    "555 555 5555",
    "07700 900123", // a UK number without its country code
    "+447700900123x",
    "tel:+447700900123",
    "+44 7700 900123 ext 5",
    "call me on +44 7700 900123",
    "+44 7700 +900123",
    "++44 7700 900123",
    "0x1F",
    "一二三四五六七",
  ];
  it.each(JUNK)("refuses %j with a message next to the field", (typed) => {
    expect(errors(callback(typed))).toEqual({ phone: PHONE });
  });

  it("refuses a line break inside a number with the single-line message", () => {
    expect(errors(callback("+44 7700\n900123"))).toEqual({ phone: SINGLE_LINE });
    expect(callback("\n+44 7700 900123\n")).toMatchObject({ success: true, data: { phone: "+447700900123" } });
  });
});

describe("single-line fields", () => {
  const BREAKS = ["\n", "\r", "\r\n", "\t", "\v", "\f", "\u0085", "\u2028", "\u2029"];

  it.each(BREAKS.map((b) => [JSON.stringify(b), b]))("refuses %s inside names, emails and company names, next to the field", (_shown, br) => {
    expect(errors(newsletterSchema.safeParse({ email: `ada${br}x@example.com`, name: `Ada${br}Lovelace`, consent: "on" }))).toEqual({
      email: SINGLE_LINE,
      name: SINGLE_LINE,
    });
    const referral = referralSchema.safeParse({
      name: `Rita${br}Referrer`,
      email: "rita@example.com",
      friends: [{ name: `Fay${br}Friend`, email: "fay@example.com", note: "Hi Fay,\nsee you soon" }],
      consent: "on",
    });
    expect(errors(referral)).toEqual({ name: SINGLE_LINE, "friends.0.name": SINGLE_LINE });
    const quote = quoteSchema.safeParse({ ...quoteForm.example.input, audience: "team", company: `Acme${br}Ltd` });
    expect(errors(quote)).toEqual({ company: SINGLE_LINE });
  });

  it("still trims line breaks around a value, and keeps them in multi-line fields", () => {
    const r = enrollSchema.safeParse({
      ...enrollForm.example.input,
      name: "\r\nAda Lovelace\n",
      email: "ada@example.com\n",
      goals: "First line\nSecond line\tindented",
    });
    expect(r.data).toMatchObject({ name: "Ada Lovelace", email: "ada@example.com", goals: "First line\nSecond line\tindented" });
  });

  it("turns line breaks in hidden attribution values into spaces (they are never the person's fault)", () => {
    expect(attributionSchema.parse({ utm_source: "news\r\nletter", cta: "a\u2028b", article: "/x\ty" })).toMatchObject({
      utm_source: "news  letter",
      cta: "a b",
      article: "/x y",
    });
  });

  describe("console forms", () => {
    const program = programPost({ summary: "Line one\nLine two" });

    it.each(BREAKS.map((b) => [JSON.stringify(b), b]))("refuses %s in program, cohort, option and staff names, and in a lost reason", (_shown, br) => {
      expect(errors(programSchema.safeParse({ ...program, name: `Data${br}Science`, tagline: `Learn${br}fast` }))).toEqual({
        name: SINGLE_LINE,
        tagline: SINGLE_LINE,
      });
      expect(errors(cohortSchema.safeParse(cohortPost({ name: `Spring${br}2030` })))).toEqual({ name: SINGLE_LINE });
      expect(errors(paymentOptionSchema.safeParse(paymentOptionPost({ label: `Pay${br}now` })))).toEqual({ label: SINGLE_LINE });
      expect(errors(createStaffSchema.safeParse({ name: `Sam${br}Staff`, email: `sam${br}@loomstack.example`, role: "staff", password: "" }))).toEqual({
        name: SINGLE_LINE,
        email: SINGLE_LINE,
      });
      expect(errors(statusChangeSchema.safeParse({ leadId: "l1", status: "lost", lostReason: `Too${br}expensive` }))).toEqual({ lostReason: SINGLE_LINE });
    });

    it("keeps line breaks in multi-line fields (a program's summary, an option's description)", () => {
      expect(programSchema.safeParse(program).data).toMatchObject({ summary: "Line one\nLine two" });
      expect(paymentOptionSchema.safeParse(paymentOptionPost({ description: "One\nTwo" })).data).toMatchObject({
        description: "One\nTwo",
      });
    });
  });
});
