import { requestRedemptionLink } from "../../referrals/redemption-link";
import { optionLabel } from "../fields";
import { summaryRows, text } from "../summary";
import type { PostedFormDefinition } from "../types";
import { REDEMPTION_CONSENT, REWARD_LABELS, redemptionSchema, type RedemptionInput } from "./schema";

const summary = (i: RedemptionInput) =>
  summaryRows([
    ["Email", text(i.email)],
    ["Reward", optionLabel(REWARD_LABELS, i.reward)],
    ["Points", typeof i.points === "number" ? i.points.toLocaleString("en-US") : undefined],
    ["Details", text(i.details)],
  ]);

/**
 * "Spend your points" (/refer#spend-points). The form files nothing: it emails the address
 * a one-time link, and the request becomes a lead when the link is used.
 */
export const redemptionForm = {
  type: "redemption" as const,
  label: "Points redemption request",
  consent: REDEMPTION_CONSENT,
  schema: redemptionSchema,
  nextSteps: {
    headline: "Request received",
    steps: ["Our team checks every request and will email you within two working days.", "Points are only deducted once your request is approved."],
  },
  summary,
  accept: {
    answer: {
      headline: "Check your inbox",
      nextSteps: [
        "If this address has referral points, we have emailed it a link to confirm this request. The link works once, for 24 hours.",
        "Nothing is filed until the link is used, and points are only deducted once our team approves the request.",
      ],
    },
    run: ({ deps, input, attribution, ctx, token, now }) =>
      requestRedemptionLink({ deps, input, attribution, ctx, token, now, summary: summary(input).filter((r) => r.label !== "Email") }),
  },
  email: {
    template: "redemption-confirmation" as const,
    subject: () => "Your request to spend your referral points",
    preview: () => "We have your request to spend your points. We will email you within two working days.",
    title: "Points request received",
    intro: "Thank you for your request to spend your referral points.",
    summaryTitle: "Your request",
  },
  example: {
    input: { email: "rita.moreno@example.com", reward: "device", points: 500, details: "A refurbished laptop for my course, if possible.", consent: true },
    name: "Rita Moreno",
  },
} satisfies PostedFormDefinition<RedemptionInput>;
