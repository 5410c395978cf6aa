/**
 * What the newsletter is about, for the "manage my emails" page. A subscription's `topics`
 * is a JSON list of these keys, or null for every topic (the default on sign-up).
 */
export const NEWSLETTER_TOPICS = [
  { key: "career-guides", label: "Career guides", description: "Salary and job-outlook guides for the careers our programs lead to." },
  { key: "events", label: "Events and webinars", description: "Open days, workshops and live Q&A sessions with instructors." },
  { key: "offers", label: "Offers and start dates", description: "New cohort dates and discounts, before places fill up." },
] as const;

export type NewsletterTopic = (typeof NEWSLETTER_TOPICS)[number]["key"];

const KEYS: readonly string[] = NEWSLETTER_TOPICS.map((t) => t.key);

export const isTopic = (value: unknown): value is NewsletterTopic => typeof value === "string" && KEYS.includes(value);

/** The topics a subscription gets: its stored list (unknown keys dropped), or every topic. */
export function topicsOf(stored: string | null): NewsletterTopic[] {
  if (stored === null) return NEWSLETTER_TOPICS.map((t) => t.key);
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? NEWSLETTER_TOPICS.map((t) => t.key).filter((k) => parsed.includes(k)) : NEWSLETTER_TOPICS.map((t) => t.key);
  } catch {
    return NEWSLETTER_TOPICS.map((t) => t.key);
  }
}

/** What to store for a choice: null when it is every topic (so topics added later are included). */
export function storedTopics(chosen: readonly string[]): string | null {
  const keys = NEWSLETTER_TOPICS.map((t) => t.key).filter((k) => chosen.includes(k));
  return keys.length === NEWSLETTER_TOPICS.length ? null : JSON.stringify(keys);
}
