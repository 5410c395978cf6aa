import { authSecret } from "@/lib/auth/auth";
import { POSTED_COOKIE, POSTED_MAX_AGE_SECONDS, MAX_CHUNKS, sealPostedState } from "@/lib/comments/posted-state";
import { ARTICLE_PATH_PATTERN } from "@/lib/forms/comment/schema";
import { runFormAction, unreadableFormState } from "@/lib/leads/run-form-action";
import type { FormState } from "@/lib/leads/form-state";
import { formRequest } from "../../form-request";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** More than a comment form can hold with every field at its limit. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * Where the plain-HTML "Leave a reply" form of a guide page posts (the page is static and
 * ships no JavaScript, so it cannot call a Server Action). It runs the same pipeline as the
 * /comment form's Server Action, then answers with a redirect to /comment, which renders
 * the result (lib/comments/posted-state.ts): the success panel, or the errors next to the
 * fields with the answers kept. See docs/content.md, "Comments".
 */
export async function POST(request: Request) {
  const length = Number(request.headers.get("content-length") ?? "0");
  let state: FormState;
  let article = "";
  if (length > MAX_BODY_BYTES) {
    state = unreadableFormState("comment");
  } else {
    const formData = await request.formData().catch(() => null);
    if (!formData) {
      state = unreadableFormState("comment");
    } else {
      const a = formData.get("article");
      article = typeof a === "string" && ARTICLE_PATH_PATTERN.test(a) ? a : "";
      state = await runFormAction("comment", null, formData, await formRequest());
    }
  }
  const target = new URL(`/comment${article ? `?article=${encodeURIComponent(article)}` : ""}#leave-a-reply`, request.url);
  const headers = new Headers({ Location: `${target.pathname}${target.search}${target.hash}`, "Cache-Control": "no-store" });
  const chunks = sealPostedState(state, authSecret()) ?? sealPostedState({ ...state, values: undefined }, authSecret()) ?? [];
  const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
  for (let i = 0; i < MAX_CHUNKS; i++) {
    const value = chunks[i];
    headers.append(
      "Set-Cookie",
      value
        ? `${POSTED_COOKIE}.${i}=${value}; Path=/comment; Max-Age=${POSTED_MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure}`
        : `${POSTED_COOKIE}.${i}=; Path=/comment; Max-Age=0; HttpOnly; SameSite=Lax${secure}`,
    );
  }
  return new Response(null, { status: 303, headers });
}
