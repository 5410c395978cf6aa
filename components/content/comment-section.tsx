import type { CommentThread, PublishedComment } from "@/lib/comments/thread";
import { COMMENT_CONSENT, COMMENT_LIMITS } from "@/lib/forms/comment/schema";
import { LIMITS } from "@/lib/forms/fields";
import { CONSENT } from "@/lib/leads/consent";
import { consentTextParts } from "@/lib/legal/consent";
import { HIDDEN_FIELDS } from "@/lib/leads/form-state";

/**
 * The comments under a guide section and its "Leave a reply" form, as plain HTML: the guide
 * pages ship no JavaScript. The form posts to app/(forms)/comment/send, which answers on the
 * /comment page (the full form, with the errors next to the fields if something needs fixing).
 * The field names are the comment schema's (lib/forms/comment/schema.ts).
 */

const dateFmt = new Intl.DateTimeFormat("en-US", { month: "long", day: "numeric", year: "numeric", timeZone: "UTC" });

const input =
  "mt-2 block w-full min-h-12 rounded-lg border border-ink/60 bg-white px-3.5 py-2 text-base text-ink hover:border-ink focus:border-brand focus:ring-2 focus:ring-brand/35";
const tile = "mt-2 flex min-h-12 cursor-pointer items-start gap-3 rounded-lg border border-ink/40 bg-paper px-3.5 py-3 leading-6 hover:border-ink";
const box = "mt-0.5 h-5 w-5 shrink-0 cursor-pointer accent-brand";

function CommentBody({ c }: { c: PublishedComment }) {
  return (
    <>
      <p className="text-sm text-ink/75">
        <span className="font-semibold text-ink">
          {c.website ? (
            <a href={c.website} rel="nofollow ugc noopener" className="underline underline-offset-2">
              {c.authorName}
            </a>
          ) : (
            c.authorName
          )}
        </span>
        {c.byStaff ? <span className="ml-2 rounded-full bg-brand-soft px-2 py-0.5 text-xs font-semibold text-brand-strong">Loomstack team</span> : null}
        {" · "}
        <time dateTime={c.publishedAt}>{dateFmt.format(new Date(c.publishedAt))}</time>
      </p>
      <p className="mt-2 whitespace-pre-line leading-7 text-ink">{c.body}</p>
    </>
  );
}

export function CommentSection({ article, threads }: { article: string; threads: CommentThread[] }) {
  const consent = consentTextParts(CONSENT[COMMENT_CONSENT].text);
  return (
    <section id="comments" aria-labelledby="comments-heading" className="scroll-mt-24">
      <h2 id="comments-heading" className="text-2xl font-bold tracking-tight">
        Comments{threads.length ? ` (${threads.reduce((n, t) => n + 1 + t.replies.length, 0)})` : ""}
      </h2>
      {threads.length ? (
        <ol className="mt-6 space-y-6">
          {threads.map((t) => (
            <li key={t.id} id={`comment-${t.id}`} className="rounded-xl border border-ink/10 bg-white p-5">
              <article aria-label={`Comment by ${t.authorName}`}>
                <CommentBody c={t} />
              </article>
              {t.replies.length ? (
                <ol aria-label={`Replies to ${t.authorName}`} className="mt-4 space-y-4 border-l-4 border-brand/30 pl-4">
                  {t.replies.map((r) => (
                    <li key={r.id} id={`comment-${r.id}`}>
                      <article aria-label={`Reply by ${r.authorName}`}>
                        <CommentBody c={r} />
                      </article>
                    </li>
                  ))}
                </ol>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="mt-4 leading-7 text-ink/80">No comments yet. Questions and experiences from people changing careers are welcome.</p>
      )}

      <h3 id="leave-a-reply" className="mt-10 text-xl font-bold tracking-tight">
        Leave a reply
      </h3>
      <p className="mt-2 leading-7 text-ink/80">Your email address will not be published. A moderator reads every comment before it appears.</p>
      <form method="post" action="/comment/send" noValidate aria-labelledby="leave-a-reply" className="mt-6 space-y-6">
        <input type="hidden" name="article" value={article} />
        <div aria-hidden="true" className="absolute -left-[10000px] top-auto h-px w-px overflow-hidden">
          <label htmlFor="comment-hp">Leave this field empty</label>
          <input id="comment-hp" type="text" name={HIDDEN_FIELDS.honeypot} tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <div className="grid gap-5 sm:grid-cols-2">
          <div>
            <label htmlFor="comment-name" className="block font-medium leading-6">
              Name
            </label>
            <p id="comment-name-hint" className="mt-1 text-sm text-ink/75">
              Published with your comment.
            </p>
            <input
              id="comment-name"
              name="name"
              type="text"
              autoComplete="name"
              aria-required="true"
              maxLength={LIMITS.name}
              aria-describedby="comment-name-hint"
              className={input}
            />
          </div>
          <div>
            <label htmlFor="comment-email" className="block font-medium leading-6">
              Email
            </label>
            <p id="comment-email-hint" className="mt-1 text-sm text-ink/75">
              Never published.
            </p>
            <input
              id="comment-email"
              name="email"
              type="email"
              autoComplete="email"
              aria-required="true"
              maxLength={LIMITS.email}
              spellCheck={false}
              autoCapitalize="none"
              aria-describedby="comment-email-hint"
              className={input}
            />
          </div>
        </div>
        <div>
          <label htmlFor="comment-homepage" className="block font-medium leading-6">
            Website <span className="font-normal text-ink/75">(optional)</span>
          </label>
          <input id="comment-homepage" name="homepage" type="url" autoComplete="url" maxLength={COMMENT_LIMITS.website} className={input} />
        </div>
        <div>
          <label htmlFor="comment-body" className="block font-medium leading-6">
            Comment
          </label>
          <textarea id="comment-body" name="comment" rows={6} aria-required="true" maxLength={COMMENT_LIMITS.body} className={`${input} leading-7`} />
        </div>
        <label htmlFor="comment-advisor" className={tile}>
          <input id="comment-advisor" name="advisor" type="checkbox" className={box} />
          <span className="text-[0.95rem]">An advisor may contact me about the programs (optional).</span>
        </label>
        <label htmlFor="comment-consent" className={tile}>
          <input id="comment-consent" name="consent" type="checkbox" aria-required="true" className={box} />
          <span className="text-[0.95rem]">
            {consent.map((part, i) =>
              part.href ? (
                <a key={i} href={part.href} className="font-medium text-brand underline underline-offset-2">
                  {part.text}
                </a>
              ) : (
                <span key={i}>{part.text}</span>
              ),
            )}
          </span>
        </label>
        <button
          type="submit"
          className="inline-flex min-h-12 items-center justify-center rounded-full bg-brand px-8 text-base font-semibold text-white shadow-sm hover:bg-brand-strong"
        >
          Post comment
        </button>
      </form>
    </section>
  );
}
