/** What the form component shows before its schema loads (./schema.ts): zod-free. */
export const PAYMENT_OPTIONS = ["upfront", "instalments", "financing", "employer"] as const;

export const PAYMENT_LABELS = { upfront: "Pay upfront", instalments: "Monthly instalments", financing: "Financing", employer: "Employer sponsored" } as const;

export const EXPERIENCE_LEVELS = ["none", "beginner", "intermediate", "advanced"] as const;

export const EXPERIENCE_LABELS = {
  none: "I have never programmed",
  beginner: "I have done tutorials or a short course",
  intermediate: "I write code in my job or projects",
  advanced: "I am an experienced developer",
} as const;

/** Which consent text the form shows and the lead stores. */
export const ENROLL_CONSENT = "contact" as const;
