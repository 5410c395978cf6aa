import { describe, expect, it } from "vitest";
import { expectEmailCarriesNextSteps, fieldErrors } from "@/tests/helpers/forms";
import { successDetails } from "../types";
import { enrollForm } from "./definition";
import { enrollSchema } from "./schema";

const valid = {
  name: " Ada Lovelace ",
  email: "Ada@Example.com",
  phone: "",
  program: "machine-learning-engineering",
  cohort: "cm9x2k7q40001abcd1234efgh",
  paymentOption: "instalments",
  experience: "beginner",
  goals: "Line one\nline two",
  consent: "on",
};

describe("enroll", () => {
  it("cleans what was typed: trimmed, lower-cased email, no phone, multi-line goals kept", () => {
    expect(enrollSchema.parse(valid)).toEqual({ ...valid, name: "Ada Lovelace", email: "ada@example.com", phone: undefined, consent: true });
  });

  it("says what is missing, next to each field", () => {
    expect(fieldErrors(enrollSchema.safeParse({ consent: "" }))).toEqual({
      name: "Enter your name.",
      email: "Enter your email address.",
      program: "Choose an option.",
      cohort: "Choose a start date.",
      paymentOption: "Choose how you would like to pay.",
      experience: "Tell us your experience so far.",
      consent: "Tick the box so we can contact you about your application.",
    });
  });

  it("files the program and cohort as columns, and summarises them by name", () => {
    const input = enrollSchema.parse(valid);
    expect(enrollForm.columns(input)).toEqual({ programSlug: "machine-learning-engineering", cohortId: "cm9x2k7q40001abcd1234efgh" });
    expect(enrollForm.summary(input, { programs: new Map([["machine-learning-engineering", "ML Engineering"]]), cohort: "Spring, starting May 4" })).toEqual([
      { label: "Name", value: "Ada Lovelace" },
      { label: "Email", value: "ada@example.com" },
      { label: "Program", value: "ML Engineering" },
      { label: "Start date", value: "Spring, starting May 4" },
      { label: "Payment", value: "Monthly instalments" },
      { label: "Experience", value: "I have done tutorials or a short course" },
      { label: "Goals", value: "Line one\nline two" },
    ]);
  });

  it("tells the same next steps on the page and in the email", async () => {
    expect(successDetails(enrollForm).nextSteps[0]).toBe("We have emailed you a copy of your application.");
    expect(await expectEmailCarriesNextSteps(enrollForm)).toContain("Nothing is charged until you confirm your place");
  });
});
