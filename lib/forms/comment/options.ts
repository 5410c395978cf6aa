/** What the form component shows before its schema loads (./schema.ts): zod-free. */
/** Which consent text the form shows and the comment (and its lead, if any) stores. */
export const COMMENT_CONSENT = "comment" as const;

export const COMMENT_LIMITS = { body: 3000, website: 200, storedWebsite: 400 } as const;
