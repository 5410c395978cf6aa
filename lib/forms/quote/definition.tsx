import { siteConfig } from "../../site-config";
import { FieldError } from "../../leads/errors";
import { countPublishedPrograms } from "../checks";
import { CALL_TIME_LABELS, optionLabel, PLATFORM_LABELS } from "../fields";
import { programName, summaryRows, text } from "../summary";
import type { PostedFormDefinition } from "../types";
import { CONTACT_BY_LABELS, QUOTE_CONSENT, quoteSchema, type QuoteInput } from "./schema";

/** A pricing quote (/quote), for one person or a team, by email or with a call. */
export const quoteForm = {
  type: "quote" as const,
  label: "Pricing quote request",
  consent: QUOTE_CONSENT,
  bookCall: { callType: "quote-call" },
  schema: quoteSchema,
  nextSteps: {
    headline: "Quote request received",
    receipt: "We have emailed you a summary of your request.",
    steps: [
      "An advisor will send your written quote within two working days.",
      "If you asked for a call, they will call you at the time you chose; otherwise any questions come by email.",
    ],
  },
  summary: (i, names) =>
    summaryRows([
      ["For", i.audience === "team" ? "My team" : "Myself"],
      ["Name", text(i.name)],
      ["Email", text(i.email)],
      ["Company", text(i.company)],
      ["Seats", i.seats === undefined ? undefined : String(i.seats)],
      ["Courses", Array.isArray(i.courses) ? i.courses.map((c) => programName(names, c)).join(", ") : undefined],
      ["Device", optionLabel(PLATFORM_LABELS, i.platform)],
      ["Reach by", optionLabel(CONTACT_BY_LABELS, i.contactBy)],
      ["Phone", text(i.phone)],
      ["Best time to call", [optionLabel(CALL_TIME_LABELS, i.bestTime), text(i.timeZone)].filter(Boolean).join(", ")],
      ["Message", text(i.message)],
    ]),
  // Every course ticked is one of the lead's programs (the inbox's program filter finds it).
  programs: (i) => [...new Set(i.courses)],
  async check(db, i) {
    const found = await countPublishedPrograms(db, i.courses);
    if (found !== new Set(i.courses).size) throw new FieldError("courses", "Choose courses from the list.");
    return {};
  },
  email: {
    template: "quote-confirmation" as const,
    subject: () => `Your quote request to ${siteConfig.name}`,
    preview: () => "We have your quote request. Your written quote follows within two working days.",
    title: "Quote request received",
    intro: "Thank you for asking about pricing. Here is a summary of your request for your records.",
    summaryTitle: "Your request",
  },
  example: {
    input: {
      audience: "team",
      name: "Grace Hopper",
      email: "grace.hopper@example.com",
      company: "Harbor Analytics",
      seats: 12,
      courses: ["data-analytics", "machine-learning-engineering"],
      platform: "macos",
      contactBy: "call",
      phone: "+13125550147",
      bestTime: "afternoon",
      timeZone: "America/Chicago",
      consent: true,
    },
    names: {
      programs: new Map([
        ["data-analytics", "Data Analytics"],
        ["machine-learning-engineering", "Machine Learning Engineering"],
      ]),
    },
  },
} satisfies PostedFormDefinition<QuoteInput>;
