import { PROGRAM_SLUG_PATTERN } from "../console/programs";

/**
 * On-demand refresh of the pages built from people, outcomes and stories, through
 * pages/api/revalidate-people (App Router's revalidatePath does not reach Pages Router ISR
 * pages). Same token and origins as the program pages (lib/console/programs.ts).
 */

export const PEOPLE_PAGES = ["/about", "/outcomes", "/stories"] as const;
export const MAX_SLUGS = 20;

/** The pages to refresh after an edit: the three people pages and the named programs' pages. */
export function peoplePagePaths(slugs: readonly string[]): string[] {
  return [...PEOPLE_PAGES, ...[...new Set(slugs)].map((s) => `/programs/${s}`)];
}

/** The slugs of a revalidation request's body, or null if it is not a short list of slugs. */
export function readSlugs(body: unknown): string[] | null {
  const slugs = (body as { slugs?: unknown } | null | undefined)?.slugs;
  if (!Array.isArray(slugs) || slugs.length > MAX_SLUGS) return null;
  return slugs.every((s) => typeof s === "string" && PROGRAM_SLUG_PATTERN.test(s)) ? (slugs as string[]) : null;
}

export type PeopleRevalidation = { ok: boolean; failed: string[]; error?: string };

/** Asks every origin to regenerate the pages now, and waits; ok only if all did. */
export async function requestPeoplePagesRevalidation(opts: {
  slugs: string[];
  origins: string[];
  token: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
}): Promise<PeopleRevalidation> {
  const results = await Promise.all(
    opts.origins.map(async (origin): Promise<PeopleRevalidation> => {
      try {
        const res = await (opts.fetchImpl ?? fetch)(`${origin}/api/revalidate-people`, {
          method: "POST",
          headers: { authorization: `Bearer ${opts.token}`, "content-type": "application/json" },
          body: JSON.stringify({ slugs: opts.slugs }),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
          cache: "no-store",
        });
        const body = (await res.json().catch(() => ({}))) as { failed?: string[] };
        if (!res.ok) return { ok: false, failed: peoplePagePaths(opts.slugs), error: `${origin}: HTTP ${res.status}` };
        return { ok: (body.failed ?? []).length === 0, failed: body.failed ?? [] };
      } catch (error) {
        return { ok: false, failed: peoplePagePaths(opts.slugs), error: `${origin}: ${error instanceof Error ? error.message : String(error)}` };
      }
    }),
  );
  const errors = results.flatMap((r) => (r.error ? [r.error] : []));
  return { ok: results.every((r) => r.ok), failed: [...new Set(results.flatMap((r) => r.failed))], ...(errors.length ? { error: errors.join("; ") } : {}) };
}
