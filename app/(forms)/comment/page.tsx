import type { Metadata } from "next";
import { cookies } from "next/headers";
import { AsideBox, FormCard, FormPage } from "@/components/forms/form-page";
import { attributionFrom, queryParam } from "@/components/forms/page-data";
import { authSecret } from "@/lib/auth/auth";
import { commentableArticle } from "@/lib/comments/articles";
import { MAX_CHUNKS, openPostedState, POSTED_COOKIE } from "@/lib/comments/posted-state";
import { CommentForm } from "@/lib/forms/comment/form";
import type { FormState } from "@/lib/leads/form-state";
import { initialFormState } from "@/lib/leads/initial-state";
import { pageMetadata } from "../page-metadata";
import { submitComment } from "../actions";
import type { FormPageArgs } from "../form-page";

// Every rendering carries a fresh submission token, and may carry a posted answer.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  ...pageMetadata({
    title: "Leave a reply",
    description: "Comment on a Loomstack Academy career guide. Comments are published once a moderator approves them; your email address is never published.",
    path: "/comment",
  }),
  // One form for every article: the articles themselves are what search engines should find.
  robots: { index: false, follow: true },
};

/** The answer a guide page's plain form got (app/(forms)/comment/send), if it is ours and a comment's. */
async function postedState(): Promise<FormState | null> {
  const jar = await cookies();
  const chunks = Array.from({ length: MAX_CHUNKS }, (_, i) => jar.get(`${POSTED_COOKIE}.${i}`)?.value);
  if (!chunks[0]) return null;
  const state = openPostedState(chunks, authSecret()) as FormState | null;
  return state && typeof state === "object" && state.formType === "comment" && typeof state.submissionToken === "string" ? state : null;
}

const PATH = "/comment";

export default async function CommentPage({ searchParams }: FormPageArgs) {
  const params = await searchParams;
  const article = commentableArticle(queryParam(params, "article") ?? "");
  const posted = await postedState();
  const initialState = posted ?? initialFormState("comment");
  const path = article ? `${PATH}?article=${encodeURIComponent(article.path)}` : PATH;
  // `?article=` names the article commented on: the form's own field, not a second hidden one.
  const { article: _article, ...attributionWithoutArticle } = attributionFrom(params);
  const rules = (
    <AsideBox id="comment-rules" title="Before you post">
      <ul className="mt-3 list-disc space-y-2 pl-5 leading-7 text-ink/85">
        <li>A moderator reads every comment before it is published.</li>
        <li>Your name, website and comment are published; your email address never is.</li>
        <li>Comments with links or HTML take a closer look before they go up.</li>
      </ul>
    </AsideBox>
  );
  return (
    <FormPage
      path={PATH}
      crumb="Leave a reply"
      eyebrow="Career guides"
      title="Leave a reply"
      intro={article ? `Your comment on "${article.title}".` : "Comments are posted from the career guide articles."}
      aside={rules}
    >
      <FormCard id="leave-a-reply" title="Leave a reply">
        {article ? (
          <CommentForm
            article={article.path}
            action={submitComment}
            initialState={initialState}
            attribution={attributionWithoutArticle}
            path={path}
            permalink={`${path}#leave-a-reply`}
          />
        ) : (
          <p className="leading-7">
            Open the article you want to comment on from the{" "}
            <a href="/careers" className="font-medium text-brand underline">
              career guides
            </a>
            , and use the form under it.
          </p>
        )}
      </FormCard>
    </FormPage>
  );
}
