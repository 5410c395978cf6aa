/**
 * Consent wording is versioned: each lead stores the version and the exact text it showed.
 * Browser-safe: the forms show the text next to the box.
 */
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
    text: 'Pressing "Yes, I am interested" lets Loomstack Academy email me details of its programs and upcoming cohorts. I can opt out at any time.',
  },
  comment: {
    version: "comment-2026-12",
    text: "Publish my name, website and comment once a moderator approves it, and email me when it is published or answered, as described in the privacy notice. My email address is never published.",
  },
} as const;

export type ConsentKey = keyof typeof CONSENT;
