/**
 * Why a comment needs a closer look before anyone approves it. A flag never rejects or
 * drops a comment: every comment waits in the queue, and flags are shown next to it.
 */

export const COMMENT_FLAGS = ["link", "html", "spam-word"] as const;
export type CommentFlag = (typeof COMMENT_FLAGS)[number];

export const FLAG_LABELS: Record<CommentFlag, string> = {
  link: "Contains a link",
  html: "Contains HTML",
  "spam-word": "Contains a known spam word",
};

/**
 * Words and phrases that mostly appear in comment spam. Matched as whole words, case- and
 * accent-insensitively. Short on purpose: a match only asks a moderator to look twice.
 */
export const SPAM_WORDS = [
  "casino",
  "viagra",
  "cialis",
  "crypto giveaway",
  "forex signals",
  "payday loan",
  "buy followers",
  "seo services",
  "backlinks",
  "escort",
  "replica watches",
  "work from home and earn",
] as const;

const LINK = /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|ru|cn|xyz|info|biz|top|co|me|ly)(?:\/\S*)?\b|\[url[=\]]/i;
const HTML = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>|&(?:#\d+|#x[0-9a-f]+|[a-z]+);/i;

const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const SPAM = new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${SPAM_WORDS.map((w) => escape(w).replace(/ /g, "\\s+")).join("|")})(?:$|[^\\p{L}\\p{N}])`, "u");

/** The flags of a comment's text (the body; the name too, where spammers put keywords). */
export function commentFlags(text: { body: string; name?: string }): CommentFlag[] {
  const all = `${text.name ?? ""}\n${text.body}`;
  const flags: CommentFlag[] = [];
  if (LINK.test(text.body)) flags.push("link");
  if (HTML.test(all)) flags.push("html");
  if (SPAM.test(fold(all))) flags.push("spam-word");
  return flags;
}

/** The stored flags (a JSON array) read back; unknown entries are dropped. */
export function parseFlags(stored: string): CommentFlag[] {
  try {
    const v: unknown = JSON.parse(stored);
    return Array.isArray(v) ? v.filter((f): f is CommentFlag => (COMMENT_FLAGS as readonly string[]).includes(f)) : [];
  } catch {
    return [];
  }
}
