/**
 * Asks every app server to regenerate an article page now (pages/api/revalidate-comments),
 * server to server, with the same bearer token as the program pages. Returns whether all
 * of them did; the page catches up on its own within the hour otherwise.
 */
export async function requestArticleRevalidation(opts: {
  path: string;
  origins: string[];
  token: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
}): Promise<boolean> {
  const results = await Promise.all(
    opts.origins.map(async (origin) => {
      try {
        const res = await (opts.fetchImpl ?? fetch)(`${origin}/api/revalidate-comments`, {
          method: "POST",
          headers: { authorization: `Bearer ${opts.token}`, "content-type": "application/json" },
          body: JSON.stringify({ path: opts.path }),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
          cache: "no-store",
        });
        const body = (await res.json().catch(() => ({}))) as { failed?: string[] };
        return res.ok && (body.failed ?? []).length === 0;
      } catch (error) {
        console.error(`[comments] ${origin}: could not revalidate ${opts.path}`, error);
        return false;
      }
    }),
  );
  return results.every(Boolean);
}
