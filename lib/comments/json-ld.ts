import type { CommentThread, PublishedComment } from "./thread";

/**
 * The published comments as schema.org `Comment`s, to merge into the article's `Article`
 * node: each visitor comment with its author's name, date and text, and the staff replies
 * as comments nested under it (schema.org's `comment` on a Comment). Nothing unpublished,
 * and never an email address.
 */
export function commentsJsonLd(threads: readonly CommentThread[], organizationName: string) {
  if (threads.length === 0) return {};
  const one = (c: PublishedComment) => ({
    "@type": "Comment",
    author: c.byStaff
      ? { "@type": "Organization", name: organizationName }
      : { "@type": "Person", name: c.authorName, ...(c.website ? { url: c.website } : {}) },
    dateCreated: c.publishedAt,
    text: c.body,
  });
  return {
    commentCount: threads.reduce((n, t) => n + 1 + t.replies.length, 0),
    comment: threads.map((t) => ({ ...one(t), ...(t.replies.length ? { comment: t.replies.map(one) } : {}) })),
  };
}
