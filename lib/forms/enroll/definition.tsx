import { formatCohortDate } from "../../content/programs";
import { siteConfig } from "../../site-config";
import { checkCode } from "../../discounts/check";
import { FieldError } from "../../leads/errors";
import { cohortOfPublishedProgram, isPublishedProgram } from "../checks";
import { optionLabel } from "../fields";
import { programName, summaryRows, text } from "../summary";
import type { PostedFormDefinition } from "../types";
import { ENROLL_CONSENT, enrollSchema, EXPERIENCE_LABELS, PAYMENT_LABELS, type EnrollInput } from "./schema";

/** The application (/apply): a program, an open cohort and how to pay. */
export const enrollForm = {
  type: "enroll" as const,
  label: "Enrollment application",
  consent: ENROLL_CONSENT,
  bookCall: { callType: "admissions-call" },
  schema: enrollSchema,
  nextSteps: {
    headline: "Application received",
    receipt: "We have emailed you a copy of your application.",
    steps: [
      "An admissions advisor will call or email you within two working days to talk it through.",
      "Nothing is charged until you confirm your place and payment plan.",
    ],
  },
  summary: (i, names) =>
    summaryRows([
      ["Name", text(i.name)],
      ["Email", text(i.email)],
      ["Phone", text(i.phone)],
      ["Program", programName(names, i.program)],
      ["Start date", names.cohort ?? text(i.cohort)],
      ["Payment", optionLabel(PAYMENT_LABELS, i.paymentOption)],
      ["Experience", optionLabel(EXPERIENCE_LABELS, i.experience)],
      ["Goals", text(i.goals)],
      ["Discount or referral code", text(i.code)],
    ]),
  columns: (i) => ({ programSlug: i.program, cohortId: i.cohort }),
  async check(db, i, now) {
    // One query for the common case (a valid program and cohort); a second only to tell
    // which of the two is wrong.
    const cohort = await cohortOfPublishedProgram(db, i.cohort, i.program);
    if (!cohort) {
      if (!(await isPublishedProgram(db, i.program))) throw new FieldError("program", "Choose a program from the list.");
      throw new FieldError("cohort", "Choose a start date for this program.");
    }
    if (cohort.status !== "open" || cohort.startDate <= now) {
      throw new FieldError("cohort", "That start date is no longer taking applications. Choose another.");
    }
    return { cohort: `${cohort.name}, starting ${formatCohortDate(cohort.startDate)}` };
  },
  // Checked again in the lead's transaction: a code used up or edited since the person
  // typed it is refused next to the field, and nothing is saved.
  async code(tx, i, now) {
    if (!i.code) return {};
    const verdict = await checkCode(tx, i.code, { program: i.program, now });
    if (!verdict.ok) throw new FieldError("code", verdict.message);
    return verdict.kind === "discount" ? { discountCodeId: verdict.discountCodeId } : { referralCode: verdict.code };
  },
  email: {
    template: "enroll-confirmation" as const,
    subject: () => `Your application to ${siteConfig.name}`,
    preview: () => "We have your application. An admissions advisor will be in touch within two working days.",
    title: "Application received",
    intro: `Thank you for applying to ${siteConfig.name}. This email is your copy of your application.`,
    summaryTitle: "Your application",
  },
  example: {
    input: {
      name: "Ada Lovelace",
      email: "ada.lovelace@example.com",
      phone: "+442079460958",
      program: "full-stack-web-development",
      cohort: "cm9x2k7q40002abcd1234efgh",
      paymentOption: "instalments",
      experience: "beginner",
      goals: "Move from analyst work into a developer role.\nBuild my own scheduling app.",
      consent: true,
    },
    names: { programs: new Map([["full-stack-web-development", "Full-Stack Web Development"]]), cohort: "Spring cohort, starting Monday, March 1, 2027" },
  },
} satisfies PostedFormDefinition<EnrollInput>;
