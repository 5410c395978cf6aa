import type { Metadata } from "next";
import { When } from "@/components/console/when";
import { Badge, Notice, TextLink, type BadgeTone } from "@/components/console/page-parts";
import { requireStaffPage } from "@/app/(console)/auth";
import { FLAG_LABELS } from "@/lib/comments/flags";
import { COMMENT_STATUSES, countByStatus, listCommentQueue, REPLY_LIMIT, type CommentStatus, type QueueItem } from "@/lib/comments/moderation";
import { db } from "@/lib/db";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { moderateCommentAction, replyCommentAction } from "./actions";

export const metadata: Metadata = { title: "Comments" };

const STATUS_LABELS: Record<CommentStatus, string> = { pending: "Waiting", approved: "Published", rejected: "Rejected", spam: "Spam" };
const STATUS_TONE: Record<CommentStatus, BadgeTone> = { pending: "amber", approved: "emerald", rejected: "stone", spam: "red" };

const DONE: Record<string, string> = {
  approve: "Comment approved: it is published on the article.",
  reject: "Comment rejected: it is not shown on the article.",
  spam: "Comment marked as spam: it is not shown on the article.",
  reply: "Reply published under the comment.",
};
const ERRORS: Record<string, string> = {
  forbidden: "Your role does not allow moderating comments.",
  "not-found": "That comment no longer exists.",
  "not-allowed": "That comment has changed since you opened the queue, or must be approved first. Reload and try again.",
  invalid: `Write a reply of up to ${REPLY_LIMIT} characters, or choose approve, reject or spam. Nothing changed.`,
};

const button = "rounded-full px-4 py-2 text-sm font-semibold ring-1 ring-ink/30 hover:bg-ink/5";

function Decisions({ item, view }: { item: QueueItem; view: CommentStatus }) {
  const choices = (
    [
      ["approve", "Approve"],
      ["reject", "Reject"],
      ["spam", "Spam"],
    ] as const
  ).filter(([d]) => ({ approve: "approved", reject: "rejected", spam: "spam" })[d] !== item.status);
  return (
    <form action={moderateCommentAction} className="flex flex-wrap gap-2">
      <input type="hidden" name="commentId" value={item.id} />
      <input type="hidden" name="view" value={view} />
      {choices.map(([value, label]) => (
        <button key={value} type="submit" name="decision" value={value} className={button} aria-label={`${label}: comment by ${item.authorName}`}>
          {label}
        </button>
      ))}
    </form>
  );
}

function ReplyForm({ item, view }: { item: QueueItem; view: CommentStatus }) {
  if (item.status === "rejected" || item.status === "spam") return null;
  const id = `reply-${item.id}`;
  return (
    <form action={replyCommentAction} className="mt-4 space-y-2">
      <input type="hidden" name="commentId" value={item.id} />
      <input type="hidden" name="view" value={view} />
      <label htmlFor={id} className="block text-sm font-medium">
        Reply to {item.authorName} {item.status === "pending" ? "(publishes the comment too)" : ""}
      </label>
      <textarea id={id} name="reply" rows={3} maxLength={REPLY_LIMIT} required className="block w-full rounded-lg border border-ink/60 px-3 py-2" />
      <button type="submit" className={button}>
        Publish reply
      </button>
    </form>
  );
}

export default async function CommentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaffPage("comments:moderate", "/console/comments");
  const params = await searchParams;
  const view = COMMENT_STATUSES.find((s) => s === queryParam(params, "status")) ?? "pending";
  const [items, counts] = await Promise.all([listCommentQueue(db(), view), countByStatus(db())]);
  const done = queryParam(params, "done");
  const error = queryParam(params, "error");
  const stale = queryParam(params, "pages") === "stale";

  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Comments</h1>
      <p className="mt-2 max-w-3xl text-ink/80">
        Every comment on the career guides waits here until someone approves it. Flags say why a comment deserves a closer look (a link, HTML, a known spam
        word); nothing is dropped automatically. Approving or replying publishes on the article at once and emails the commenter.
      </p>
      {done || error ? (
        <Notice id="queue-result" tone={error ? "error" : "ok"} className="mt-4">
          {error ? (ERRORS[error] ?? "That did not work. Nothing changed.") : (DONE[done ?? ""] ?? "Done.")}
          {stale ? " The article page could not be refreshed right now; it catches up within the hour." : ""}
        </Notice>
      ) : null}

      <nav aria-label="Comment status" className="mt-6 flex flex-wrap gap-3 text-sm">
        {COMMENT_STATUSES.map((s) => (
          <a
            key={s}
            href={`/console/comments?status=${s}`}
            aria-current={s === view ? "page" : undefined}
            className={`rounded-full px-3 py-1 ring-1 ring-ink/20 ${s === view ? "bg-brand text-white" : "hover:bg-ink/5"}`}
          >
            {STATUS_LABELS[s]} ({counts[s]})
          </a>
        ))}
      </nav>

      {items.length === 0 ? (
        <p className="mt-6">{view === "pending" ? "No comments wait for moderation." : "No comments here."}</p>
      ) : (
        <ol className="mt-6 space-y-5" aria-label={`${STATUS_LABELS[view]} comments`}>
          {items.map((item) => (
            <li key={item.id} className="rounded-xl border border-ink/10 bg-white p-5" aria-label={`Comment by ${item.authorName}`}>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <Badge tone={STATUS_TONE[item.status]}>{STATUS_LABELS[item.status]}</Badge>
                {item.flags.map((f) => (
                  <Badge key={f} tone="red">
                    {FLAG_LABELS[f]}
                  </Badge>
                ))}
                {item.advisorContact ? <Badge tone="sky">Advisor may contact</Badge> : null}
                <span className="text-ink/75">
                  <When at={item.createdAt} />
                </span>
              </div>
              <p className="mt-3 text-sm">
                <span className="font-semibold">{item.authorName}</span> · {item.email ?? "—"}
                {item.website ? <> · {item.website}</> : null} · on <TextLink href={`${item.articlePath}#comments`}>{item.articleTitle}</TextLink>
                {item.leadId ? (
                  <>
                    {" "}
                    · <TextLink href={`/console/leads/${item.leadId}`}>lead</TextLink>
                  </>
                ) : null}
              </p>
              <p className="mt-3 whitespace-pre-wrap break-words rounded-lg bg-paper p-3 leading-7">{item.body}</p>
              {item.replies.length ? (
                <ul className="mt-3 space-y-2 border-l-4 border-brand/30 pl-3 text-sm">
                  {item.replies.map((r) => (
                    <li key={r.id}>
                      <span className="font-semibold">{r.authorName}</span> replied <When at={r.publishedAt} />:{" "}
                      <span className="whitespace-pre-wrap">{r.body}</span>
                    </li>
                  ))}
                </ul>
              ) : null}
              <div className="mt-4">
                <Decisions item={item} view={view} />
              </div>
              <ReplyForm item={item} view={view} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
