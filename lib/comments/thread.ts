/**
 * Published comments as threads: each visitor's comment, oldest first, with the staff
 * replies to it under it, oldest first. Browser-safe and pure (the page and the JSON-LD
 * both read it).
 */

export type PublishedComment = {
  id: string;
  parentId: string | null;
  authorName: string;
  /** Only http(s) addresses are ever stored. */
  website: string | null;
  body: string;
  byStaff: boolean;
  /** ISO time it was published (approved, or the reply posted). */
  publishedAt: string;
};

export type CommentThread = PublishedComment & { replies: PublishedComment[] };

const byTime = (a: PublishedComment, b: PublishedComment) => a.publishedAt.localeCompare(b.publishedAt) || a.id.localeCompare(b.id);

export function threadComments(comments: readonly PublishedComment[]): CommentThread[] {
  const tops = comments.filter((c) => c.parentId === null).sort(byTime);
  const ids = new Set(tops.map((c) => c.id));
  const replies = new Map<string, PublishedComment[]>();
  for (const c of comments) {
    // A reply whose comment is not published (rejected later, or erased) is not shown alone.
    if (c.parentId === null || !ids.has(c.parentId)) continue;
    replies.set(c.parentId, [...(replies.get(c.parentId) ?? []), c]);
  }
  return tops.map((c) => ({ ...c, replies: (replies.get(c.id) ?? []).sort(byTime) }));
}

/** How many comments a thread list shows, replies included. */
export const commentCount = (threads: readonly CommentThread[]) => threads.reduce((n, t) => n + 1 + t.replies.length, 0);
