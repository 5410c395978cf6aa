/** What the form component shows before its schema loads (./schema.ts): zod-free. */

/** Labels of the categories requests named before the catalogue (stored leads still carry them). */
export const REWARD_LABELS = { course: "Toward a course", device: "A device (laptop or tablet)", accessory: "An accessory (headphones, keyboard…)" } as const;

/** A catalogue reward as the form offers it (lib/referrals/catalogue.ts). */
export type RewardChoice = { id: string; name: string; points: number; description: string | null; stockLabel: string | null };

/** Which consent text the form shows and the lead stores. */
export const REDEMPTION_CONSENT = "contact" as const;
