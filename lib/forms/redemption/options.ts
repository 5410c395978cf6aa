/** What the form component shows before its schema loads (./schema.ts): zod-free. */
export const REWARDS = ["course", "device", "accessory"] as const;

export const REWARD_LABELS = { course: "Toward a course", device: "A device (laptop or tablet)", accessory: "An accessory (headphones, keyboard…)" } as const;

/** Which consent text the form shows and the lead stores. */
export const REDEMPTION_CONSENT = "contact" as const;
