import { z } from "zod/mini";
import { consentBox, emailField, LIMITS, optionalText } from "../fields";

export { REDEMPTION_CONSENT, REWARD_LABELS } from "./options";

const CHOOSE = "Choose a reward from the list.";

/**
 * "Spend your points" (/refer#spend-points). Browser-safe. `reward` is a catalogue reward's
 * id; its price and whether it is on offer are the server's to check (lib/referrals/redemption-link.ts).
 */
export const redemptionSchema = z.object({
  email: emailField,
  reward: z.string({ error: CHOOSE }).check(z.trim(), z.minLength(1, CHOOSE), z.maxLength(LIMITS.id, CHOOSE), z.regex(/^[A-Za-z0-9_-]+$/, CHOOSE)),
  details: optionalText("the details", LIMITS.message, { multiline: true }),
  consent: consentBox("Tick the box so we can contact you about your reward."),
});

export type RedemptionInput = z.infer<typeof redemptionSchema>;

/** What the server adds to a request from the catalogue: the reward's name and its price then. */
export type RedemptionFacts = { rewardName?: string; points?: number };
