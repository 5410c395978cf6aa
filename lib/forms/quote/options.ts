/** What the form component shows before its schema loads (./schema.ts): zod-free. */
/** How a quote request wants to hear back: an email only, or an email and a phone call. */
export const CONTACT_METHODS = ["email", "call"] as const;

export const CONTACT_BY_LABELS = { email: "By email", call: "By email and a phone call" } as const;

/** Which consent text the form shows and the lead stores. */
export const QUOTE_CONSENT = "contact" as const;
