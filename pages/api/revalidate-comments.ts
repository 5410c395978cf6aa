import type { NextApiRequest, NextApiResponse } from "next";
import { revalidateFresh } from "@/lib/content/revalidate-fresh";
import { authSecret } from "@/lib/auth/auth";
import { commentableArticle } from "@/lib/comments/articles";
import { isRevalidationToken } from "@/lib/console/programs";

/**
 * On-demand ISR for a guide section after a comment on it is approved, replied to or
 * unpublished in the console (the same pattern and token as pages/api/revalidate-programs).
 * The body names an article path, checked against the articles that take comments.
 */
export const config = { api: { bodyParser: { sizeLimit: "1kb" } } };

type Result = { revalidated: string[]; failed: string[] } | { error: string };

export default async function handler(req: NextApiRequest, res: NextApiResponse<Result>) {
  res.setHeader("Cache-Control", "no-store");
  if (req.method !== "POST") {
    res.setHeader("Allow", "POST");
    return res.status(405).json({ error: "Use POST." });
  }
  if (!isRevalidationToken(req.headers.authorization, authSecret())) return res.status(401).json({ error: "Not allowed." });
  const path = (req.body as { path?: unknown } | undefined)?.path;
  const article = typeof path === "string" ? commentableArticle(path) : null;
  if (!article) return res.status(400).json({ error: "Give the path of an article that takes comments." });
  try {
    await revalidateFresh((p) => res.revalidate(p), article.path);
    return res.status(200).json({ revalidated: [article.path], failed: [] });
  } catch (error) {
    console.error(`[comments] could not revalidate ${article.path}`, error);
    return res.status(200).json({ revalidated: [], failed: [article.path] });
  }
}
