/** What the form component shows before its schema loads (./schema.ts): zod-free. */
/** Which consent text the form shows and the lead stores. */
export const SYLLABUS_CONSENT = "contact" as const;
