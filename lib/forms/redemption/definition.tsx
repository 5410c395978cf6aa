import { requestRedemptionLink } from "../../referrals/redemption-link";
import { summaryRows, text } from "../summary";
import type { PostedFormDefinition } from "../types";
import { REDEMPTION_CONSENT, redemptionSchema, type RedemptionFacts, type RedemptionInput } from "./schema";

/** `rewardName` and `points` are the catalogue's, added by the server (lib/referrals/redemption-link.ts). */
const summary = (i: RedemptionInput & RedemptionFacts) =>
  summaryRows([
    ["Email", text(i.email)],
    ["Reward", text(i.rewardName)],
    ["Points", typeof i.points === "number" ? i.points.toLocaleString("en-US") : undefined],
    ["Details", text(i.details)],
  ]);

/** The sample email's request, with the facts the server adds from the catalogue. */
const SAMPLE_REQUEST: RedemptionInput & RedemptionFacts = {
  email: "rita.moreno@example.com",
  reward: "reward-laptop",
  details: "The 14-inch one, if you have it.",
  consent: true,
  rewardName: "Refurbished laptop",
  points: 2000,
};

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
      requestRedemptionLink({
        deps,
        input,
        attribution,
        ctx,
        token,
        now,
        summary: (facts) => summary({ ...input, ...facts }).filter((r) => r.label !== "Email"),
      }),
  },
  /** The lead keeps which catalogue reward it asked for (the console's approval takes its stock). */
  async afterSave({ tx, leadId, input }) {
    await tx.lead.update({ where: { id: leadId }, data: { rewardId: input.reward } });
    return {};
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
    input: SAMPLE_REQUEST,
    name: "Rita Moreno",
  },
} satisfies PostedFormDefinition<RedemptionInput>;
