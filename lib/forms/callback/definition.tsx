import { siteConfig } from "../../site-config";
import { FieldError } from "../../leads/errors";
import { isPublishedProgram } from "../checks";
import { CALL_TIME_LABELS, optionLabel, PLATFORM_LABELS } from "../fields";
import { programName, summaryRows, text } from "../summary";
import type { PostedFormDefinition } from "../types";
import { CALLBACK_CONSENT, callbackSchema, type CallbackInput } from "./schema";

/** A call-back request (/call-back): found by phone, so it may have no email at all. */
export const callbackForm = {
  type: "callback" as const,
  label: "Call-back request",
  consent: CALLBACK_CONSENT,
  bookCall: { callType: "admissions-call" },
  schema: callbackSchema,
  nextSteps: {
    headline: "We will call you",
    steps: ["An advisor will call you at the time you chose, on the number you gave.", "Calls usually happen within one working day."],
  },
  summary: (i, names) =>
    summaryRows([
      ["Name", text(i.name)],
      ["Phone", text(i.phone)],
      ["Course", i.course === "not-sure" ? "Not sure yet" : programName(names, i.course)],
      ["Device", optionLabel(PLATFORM_LABELS, i.platform)],
      ["Best time to call", [optionLabel(CALL_TIME_LABELS, i.bestTime), text(i.timeZone)].filter(Boolean).join(", ")],
    ]),
  columns: (i) => ({ programSlug: i.course === "not-sure" ? null : i.course }),
  async check(db, i) {
    if (i.course !== "not-sure" && !(await isPublishedProgram(db, i.course))) {
      throw new FieldError("course", "Choose a course from the list.");
    }
    return {};
  },
  email: {
    template: "callback-confirmation" as const,
    subject: () => `Your call-back request to ${siteConfig.name}`,
    preview: () => "An advisor will call you at the time you chose, usually within one working day.",
    title: "We will call you",
    intro: "Thank you for asking us to call you back.",
    summaryTitle: "Your request",
  },
  example: {
    input: {
      name: "Omar Haddad",
      phone: "+12025550143",
      course: "machine-learning-engineering",
      platform: "windows",
      bestTime: "evening",
      timeZone: "America/New_York",
      consent: true,
    },
    names: { programs: new Map([["machine-learning-engineering", "Machine Learning Engineering"]]) },
  },
} satisfies PostedFormDefinition<CallbackInput>;
