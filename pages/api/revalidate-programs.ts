import type { NextApiRequest, NextApiResponse } from "next";
import { revalidateFresh } from "@/lib/content/revalidate-fresh";
import { authSecret } from "@/lib/auth/auth";
import { isRevalidationToken, PROGRAM_SLUG_PATTERN, programPagePaths } from "@/lib/console/programs";

/**
 * On-demand ISR for the pages built from program data (/, /programs, /programs/<slug>).
 *
 * These are Pages Router pages; App Router's revalidatePath() does not reach them (their
 * cache entries carry no tags), so the console's Server Actions call this route, server
 * to server, after an edit. `res.revalidate` runs getStaticProps and replaces the cached
 * page before it returns. Only this server can call it: the bearer token is derived from
 * BETTER_AUTH_SECRET, and the body names a program slug, never an arbitrary path.
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
  const slug = (req.body as { slug?: unknown } | undefined)?.slug;
  if (typeof slug !== "string" || !PROGRAM_SLUG_PATTERN.test(slug)) return res.status(400).json({ error: "Give a program slug." });

  const paths = programPagePaths(slug);
  const results = await Promise.allSettled(paths.map((p) => revalidateFresh((q) => res.revalidate(q), p)));
  const failed = paths.filter((_, i) => results[i].status === "rejected");
  for (const [i, r] of results.entries()) {
    if (r.status === "rejected") console.error(`[programs] could not revalidate ${paths[i]}`, r.reason);
  }
  return res.status(200).json({ revalidated: paths.filter((p) => !failed.includes(p)), failed });
}
