import { z } from "zod/mini";
import { choice, consentBox, emailField, LIMITS, optionalText } from "../fields";
import { REWARDS } from "./options";

export { REDEMPTION_CONSENT, REWARDS, REWARD_LABELS } from "./options";

/** "Spend your points" (/refer#spend-points). Browser-safe. */
export const redemptionSchema = z.object({
  email: emailField,
  reward: choice(REWARDS, "Choose what you would like to spend points on."),
  points: z.coerce
    .number({ error: "Enter how many points to spend." })
    .check(z.int("Enter a whole number of points."), z.gte(100, "Spend at least 100 points."), z.lte(LIMITS.points, "That is more points than anyone has.")),
  details: optionalText("the details", LIMITS.message, { multiline: true }),
  consent: consentBox("Tick the box so we can contact you about your reward."),
});

export type RedemptionInput = z.infer<typeof redemptionSchema>;
