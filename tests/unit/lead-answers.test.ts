import { describe, expect, it } from "vitest";
import { readableAnswers } from "@/lib/console/lead-answers";

// "What they sent" on the lead page (issue 19, item 2): the form's own words, never raw keys and ids.

const programs = new Map([
  ["data-analytics", "Data Analytics"],
  ["ml-engineering", "Machine Learning Engineering"],
]);

describe("a lead's answers in words", () => {
  it("names a quote's courses and words its options; the person's details are left to the page", () => {
    const stored = {
      audience: "team",
      name: "Quinn",
      email: "q@example.com",
      company: "Acme",
      seats: 12,
      courses: ["data-analytics", "ml-engineering"],
      platform: "macos",
      contactBy: "email",
    };
    expect(readableAnswers("quote", stored, { programs })).toEqual([
      ["For", "My team"],
      ["Company", "Acme"],
      ["Seats", "12"],
      ["Courses", "Data Analytics, Machine Learning Engineering"],
      ["Device", "macOS"],
      ["Reach by", "By email"],
    ]);
  });

  it("gives an application's cohort as its name and start, not its id", () => {
    const stored = { name: "Ada", email: "a@example.com", program: "ml-engineering", cohort: "cmxai1ppn0001", paymentOption: "upfront" };
    const answers = readableAnswers("enroll", stored, { programs, cohort: "March 2027, starting 1 March 2027" });
    expect(answers).toContainEqual(["Program", "Machine Learning Engineering"]);
    expect(answers).toContainEqual(["Start date", "March 2027, starting 1 March 2027"]);
    expect(answers.flat().join(" ")).not.toContain("cmxai1ppn0001");
  });

  it("shows the raw answers of a form it does not know, without the person's details or consent", () => {
    expect(readableAnswers("retired-form", { name: "Ada", consent: true, colour: "blue", tags: ["a", "b"], empty: "" }, { programs })).toEqual([
      ["colour", "blue"],
      ["tags", '["a","b"]'],
    ]);
  });
});
