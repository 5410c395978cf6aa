import { describe, expect, it } from "vitest";
import { renderEmail } from "@/lib/email/render";
import { expectEmailCarriesNextSteps, fieldErrors } from "@/tests/helpers/forms";
import { emailSample, successDetails } from "../types";
import { linkExpiry, syllabusForm } from "./definition";
import { syllabusSchema } from "./schema";

describe("syllabus", () => {
  it("needs a program, an email and consent", () => {
    expect(syllabusSchema.parse({ program: " data-analytics ", email: "A@B.example", consent: "on" })).toEqual({
      program: "data-analytics",
      email: "a@b.example",
      consent: true,
    });
    expect(fieldErrors(syllabusSchema.safeParse({ program: "../etc", email: "nope" }))).toEqual({
      program: "Choose an option from the list.",
      email: "Enter an email address like name@example.com.",
      consent: "Tick the box so we can email you the syllabus.",
    });
  });

  it("files the lead under its program and summarises it by the program's name", () => {
    const { input, names } = syllabusForm.example;
    expect(syllabusForm.columns(input)).toEqual({ programSlug: "machine-learning-engineering" });
    expect(syllabusForm.summary(input, names!)).toEqual([
      { label: "Program", value: "Machine Learning Engineering" },
      { label: "Email", value: "amara.okafor@example.com" },
    ]);
  });

  it("never puts the download link on the page; the confirmation email carries it with its expiry", async () => {
    expect(JSON.stringify(successDetails(syllabusForm))).not.toMatch(/syllabus\/download|http/);
    const flat = await expectEmailCarriesNextSteps(syllabusForm);
    const { data, ctx } = emailSample(syllabusForm);
    const { subject, html, text } = await renderEmail("syllabus-confirmation", data, ctx);
    const url = "http://localhost:3000/syllabus/download/q1Jx8mR3vT0aLw5zKp9cYb2nHf7gDe4sUi6oPq_Xk-A";
    expect(subject).toBe("Your Machine Learning Engineering syllabus");
    expect(html).toContain(`href="${url}"`);
    expect(text).toContain(url);
    expect(flat).toContain("for 7 days, until Sunday, December 13, 2026 at 08:37 PM UTC");
  });

  it("shows no download button when the link is missing or not http(s)", async () => {
    const { data, ctx } = emailSample(syllabusForm);
    const bad = await renderEmail("syllabus-confirmation", { ...data, syllabus: { ...data.syllabus!, url: "javascript:alert(1)" } }, ctx);
    expect(bad.html).not.toContain("javascript:");
    const none = await renderEmail("syllabus-confirmation", { ...data, syllabus: undefined }, ctx);
    expect(none.text).not.toContain("Download the syllabus");
    expect(none.subject).toBe("Your Loomstack Academy syllabus");
  });

  it("reads an expiry date, and nothing from a bad one", () => {
    expect(linkExpiry("2026-01-02T03:04:00.000Z")).toBe("Friday, January 2, 2026 at 03:04 AM UTC");
    expect(linkExpiry("not a date")).toBeNull();
    expect(linkExpiry(undefined)).toBeNull();
  });
});
