import type { NextApiRequest, NextApiResponse } from "next";
import { revalidateFresh } from "@/lib/content/revalidate-fresh";
import { authSecret } from "@/lib/auth/auth";
import { isRevalidationToken } from "@/lib/console/programs";
import { peoplePagePaths, readSlugs } from "@/lib/people/revalidate";

/**
 * On-demand ISR for /about, /outcomes, /stories and the named programs' pages, after a
 * console edit of instructors, outcomes reports or stories. Like revalidate-programs: only
 * this server can call it (a bearer token derived from BETTER_AUTH_SECRET), and the body
 * names program slugs, never arbitrary paths.
 */
export const config = { api: { bodyParser: { sizeLimit: "2kb" } } };

type Result = { revalidated: string[]; failed: string[] } | { error: string };

export default async function handler(req: NextApiRequest, res: NextApiResponse<Result>) {
  res.setHeader("Cache-Control", "no-store");
  if (req.method !== "POST") {
    res.setHeader("Allow", "POST");
    return res.status(405).json({ error: "Use POST." });
  }
  if (!isRevalidationToken(req.headers.authorization, authSecret())) return res.status(401).json({ error: "Not allowed." });
  const slugs = readSlugs(req.body);
  if (!slugs) return res.status(400).json({ error: "Give a list of program slugs." });

  const paths = peoplePagePaths(slugs);
  const results = await Promise.allSettled(paths.map((p) => revalidateFresh((q) => res.revalidate(q), p)));
  const failed = paths.filter((_, i) => results[i].status === "rejected");
  for (const [i, r] of results.entries()) {
    if (r.status === "rejected") console.error(`[people] could not revalidate ${paths[i]}`, r.reason);
  }
  return res.status(200).json({ revalidated: paths.filter((p) => !failed.includes(p)), failed });
}
