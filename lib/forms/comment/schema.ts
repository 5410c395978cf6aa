import { z } from "zod/mini";
import { COMMENTABLE_ARTICLES } from "../../comments/articles";
import { consentBox, emailField, emptyToUndefined, nameField, preprocess } from "../fields";
import { isCleanText, isSingleLine, INVISIBLE_CHARS_MESSAGE, SINGLE_LINE_MESSAGE } from "../../text-checks";
import { COMMENT_LIMITS } from "./options";

export { COMMENT_CONSENT, COMMENT_LIMITS } from "./options";

/** `new URL`, or null: URL.parse is too new for some browsers this schema runs in. */
function parseUrl(s: string): URL | null {
  try {
    return new URL(s);
  } catch {
    return null;
  }
}

const WEBSITE_MESSAGE = "Enter a website address like https://example.com, or leave it empty.";

/** A guide section's path: the only pages that take comments. */
export const ARTICLE_PATH_PATTERN = /^\/careers\/[a-z0-9-]{1,80}(\/[a-z0-9-]{1,80})?$/;

/**
 * The commenter's own site, shown as their name's link. Named `homepage` because `website`
 * is every form's honeypot. Only http(s) addresses: anything else could run script.
 */
export const homepageField = preprocess(
  emptyToUndefined,
  z.optional(
    z.pipe(
      z.pipe(
        z.string().check(
          z.trim(),
          z.maxLength(COMMENT_LIMITS.website, `Keep the website under ${COMMENT_LIMITS.website} characters.`),
          // URL parsing drops line breaks and tabs silently; refuse them first.
          z.refine(isSingleLine, SINGLE_LINE_MESSAGE),
          z.refine(isCleanText, INVISIBLE_CHARS_MESSAGE),
        ),
        z.transform((typed: string, ctx) => {
          // Stored as the browser would read it: scheme and host in lower case, IDNs in punycode.
          const url = parseUrl(/^[a-z][a-z0-9+.-]*:/i.test(typed) ? typed : `https://${typed}`);
          if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || !url.hostname.includes(".") || url.username || url.password) {
            ctx.issues.push({ code: "custom", message: WEBSITE_MESSAGE, input: typed });
            return z.NEVER;
          }
          return url.href;
        }),
      ),
      // Punycode can lengthen a host: the stored form is bounded too.
      z.string().check(z.maxLength(COMMENT_LIMITS.storedWebsite, `Keep the website under ${COMMENT_LIMITS.website} characters.`)),
    ),
  ),
);

/** "Leave a reply" under a guide section. Browser-safe. */
export const commentSchema = z.object({
  article: z.string({ error: "This comment form has lost its article. Open the article and try again." }).check(
    z.trim(),
    z.regex(ARTICLE_PATH_PATTERN, "This comment form has lost its article. Open the article and try again."),
    z.refine((path) => COMMENTABLE_ARTICLES.has(path), "This comment form has lost its article. Open the article and try again."),
  ),
  name: nameField,
  email: emailField,
  homepage: homepageField,
  comment: z
    .string({ error: "Write your comment." })
    .check(
      z.trim(),
      z.minLength(1, "Write your comment."),
      z.maxLength(COMMENT_LIMITS.body, `Keep your comment under ${COMMENT_LIMITS.body} characters.`),
      z.refine(isCleanText, INVISIBLE_CHARS_MESSAGE),
    ),
  advisor: preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
  consent: consentBox("Tick the box so we can publish your comment."),
});

export type CommentInput = z.infer<typeof commentSchema>;
