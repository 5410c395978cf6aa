import { describe, expect, it } from "vitest";
import { expectEmailCarriesNextSteps, fieldErrors } from "@/tests/helpers/forms";
import { callbackForm } from "./definition";
import { callbackSchema } from "./schema";

/** The form's example, as typed: a US number without its country code, and no course in mind. */
const valid = { ...callbackForm.example.input, phone: "(512) 555-0175", course: "not-sure", consent: "on" };

describe("call back", () => {
  it("needs a phone it can call, stored in E.164", () => {
    expect(callbackSchema.parse(valid).phone).toBe("+15125550175");
    expect(fieldErrors(callbackSchema.safeParse({ ...valid, phone: "" }))).toEqual({ phone: "Enter a phone number we can call." });
  });

  it("files a chosen course as the program, and 'not sure' as none", () => {
    expect(callbackForm.columns(callbackSchema.parse(valid))).toEqual({ programSlug: null });
    expect(callbackForm.columns(callbackSchema.parse({ ...valid, course: "data-analytics" }))).toEqual({ programSlug: "data-analytics" });
  });

  it("summarises the call in the person's own time zone", () => {
    expect(callbackForm.summary(callbackSchema.parse(valid), {})).toContainEqual({
      label: "Best time to call",
      value: "Evening (17:00–20:00), America/New_York",
    });
    expect(callbackForm.summary(callbackSchema.parse(valid), {})).toContainEqual({ label: "Course", value: "Not sure yet" });
  });

  it("tells the same next steps on the page and in the email", async () => {
    await expectEmailCarriesNextSteps(callbackForm);
  });
});
