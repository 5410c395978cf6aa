import { describe, expect, it } from "vitest";
import { expectEmailCarriesNextSteps, fieldErrors as errors } from "@/tests/helpers/forms";
import { successDetails } from "../types";
import { quoteForm } from "./definition";
import { quoteSchema } from "./schema";

const PHONE = "Enter a phone number with its country code, like +44 20 7946 0958.";

/** A post from one person, without the question of how to reach them. */
const base = { audience: "individual", name: "Quinn", email: "quinn@example.com", courses: ["data-analytics"], platform: "macos", consent: "on" };

describe("quote: how should we reach you", () => {
  it("asks the question", () => {
    expect(errors(quoteSchema.safeParse({ ...base, bestTime: "morning", timeZone: "UTC" }))).toEqual({
      contactBy: "Tell us how you would like to hear from us.",
    });
  });

  it("needs a phone, a best time and a time zone for a call, all shown at once", () => {
    expect(errors(quoteSchema.safeParse({ ...base, contactBy: "call" }))).toEqual({
      phone: "Enter a phone number we can call.",
      bestTime: "Choose the best time to call.",
      timeZone: "Choose your time zone.",
    });
    expect(errors(quoteSchema.safeParse({ ...base, name: "", contactBy: "call", phone: "12", bestTime: "morning", timeZone: "UTC" }))).toEqual({
      name: "Enter your name.",
      phone: PHONE,
    });
  });

  it("keeps the call details for a call", () => {
    const r = quoteSchema.safeParse({ ...base, contactBy: "call", phone: "+44 7700 900123", bestTime: "afternoon", timeZone: "Europe/London" });
    expect(r.data).toEqual({ ...base, consent: true, contactBy: "call", phone: "+447700900123", bestTime: "afternoon", timeZone: "Europe/London" });
  });

  it("needs no phone or best time by email, and ignores and drops any that were posted", () => {
    expect(quoteSchema.safeParse({ ...base, contactBy: "email" }).data).toEqual({ ...base, consent: true, contactBy: "email" });
    // A page without JavaScript shows every field; a half-typed number there is not an error.
    const r = quoteSchema.safeParse({ ...base, contactBy: "email", phone: "12", bestTime: "midnight", timeZone: "Mars/Olympus" });
    expect(r.data).toEqual({ ...base, consent: true, contactBy: "email" });
  });

  it("refuses any other answer", () => {
    expect(errors(quoteSchema.safeParse({ ...base, contactBy: "pigeon" }))).toEqual({ contactBy: "Tell us how you would like to hear from us." });
  });

  it("needs a company and seats for a team only", () => {
    expect(errors(quoteSchema.safeParse({ ...base, audience: "team", contactBy: "email" }))).toEqual({
      company: "Enter your company's name.",
      seats: "Enter how many people need training.",
    });
    expect(quoteSchema.safeParse({ ...base, company: "Ignored Ltd", seats: "4", contactBy: "email" }).data).toMatchObject({
      company: undefined,
      seats: undefined,
    });
  });
});

describe("quote: definition", () => {
  it("summarises with readable labels and program names", () => {
    const team = { ...base, audience: "team", company: "Acme", seats: "12" };
    const input = quoteSchema.parse({ ...team, contactBy: "call", phone: "+44 7700 900123", bestTime: "morning", timeZone: "Europe/London" });
    expect(quoteForm.summary(input, { programs: new Map([["data-analytics", "Data Analytics"]]) })).toEqual([
      { label: "For", value: "My team" },
      { label: "Name", value: "Quinn" },
      { label: "Email", value: "quinn@example.com" },
      { label: "Company", value: "Acme" },
      { label: "Seats", value: "12" },
      { label: "Courses", value: "Data Analytics" },
      { label: "Device", value: "macOS" },
      { label: "Reach by", value: "By email and a phone call" },
      { label: "Phone", value: "+447700900123" },
      { label: "Best time to call", value: "Morning (9:00–12:00), Europe/London" },
    ]);
  });

  it("promises the written quote in the same words on the page and in the email", async () => {
    expect(successDetails(quoteForm).nextSteps).toContain("An advisor will send your written quote within two working days.");
    const text = await expectEmailCarriesNextSteps(quoteForm);
    expect(text).toContain("written quote within two working days");
  });
});
