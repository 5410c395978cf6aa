/**
 * The forms a visitor posts (each has a schema in schemas.ts and a Server Action).
 * `redemption` is the referral programme's "spend my points" request, filed once its
 * ownership link is used.
 */
export const FORM_TYPES = ["enroll", "quote", "referral", "newsletter", "callback", "redemption"] as const;
export type FormType = (typeof FORM_TYPES)[number];

/**
 * Every kind of lead: the forms, and `invite`, a referred friend who pressed "Yes, I am
 * interested" in their invitation.
 */
export const LEAD_TYPES = [...FORM_TYPES, "invite"] as const;
export type LeadType = (typeof LEAD_TYPES)[number];

export const FORM_LABELS: Record<LeadType, string> = {
  enroll: "Enrollment application",
  quote: "Pricing quote request",
  referral: "Referral",
  newsletter: "Newsletter sign-up",
  callback: "Call-back request",
  redemption: "Points redemption request",
  invite: "Referred friend: interested",
};

/** Consent wording is versioned: each lead stores the version and the exact text it showed. */
export const CONSENT = {
  contact: {
    version: "contact-2026-11",
    text: "I agree that Loomstack Academy may contact me by email or phone about this request, as described in the privacy notice.",
  },
  referral: {
    version: "referral-2026-11",
    text: "My friends agreed that Loomstack Academy may email them an invitation, and I agree to the referral terms and privacy notice.",
  },
  newsletter: {
    version: "newsletter-2026-11",
    text: "Send me the Loomstack Academy newsletter. I can unsubscribe at any time with the link in every email.",
  },
  invite: {
    version: "invite-2026-12",
    text: "Pressing \"Yes, I am interested\" lets Loomstack Academy email me details of its programs and upcoming cohorts. I can opt out at any time.",
  },
} as const;

export const CONSENT_FOR_FORM: Record<LeadType, keyof typeof CONSENT> = {
  enroll: "contact",
  quote: "contact",
  referral: "referral",
  newsletter: "newsletter",
  callback: "contact",
  redemption: "contact",
  invite: "invite",
};
