/**
 * Next's request context, simulated, for tests that call Server Actions outside Next: the
 * request's headers (each test sets them), a cookie jar, and the navigation signals thrown as
 * errors that carry the digests Next gives them (the action client lets those through).
 *
 * In a test file (vi.mock is hoisted, so the factories import this module themselves):
 *
 *   vi.mock("next/headers", async () => (await import("../helpers/next-request")).nextHeaders);
 *   vi.mock("next/navigation", async () => (await import("../helpers/next-request")).nextNavigation);
 *   vi.mock("next/cache", async () => (await import("../helpers/next-request")).nextCache);
 *
 * and set `nextRequest.headers` before each call.
 */

/** What next/headers answers: `headers` is replaced by the test before a call. */
export const nextRequest = { headers: new Headers(), cookies: new Map<string, string>() };

const HTTP_FALLBACK_STATUS: Record<string, number> = { notFound: 404, forbidden: 403, unauthorized: 401 };

/** A Next navigation signal: `kind` is redirect, notFound, forbidden or unauthorized. */
export class Interrupt extends Error {
  readonly digest: string;
  constructor(
    readonly kind: string,
    readonly to?: string,
  ) {
    super(`${kind} ${to ?? ""}`);
    this.digest = kind === "redirect" ? `NEXT_REDIRECT;replace;${to};307;` : `NEXT_HTTP_ERROR_FALLBACK;${HTTP_FALLBACK_STATUS[kind]}`;
  }
}

export const nextHeaders = {
  headers: async () => nextRequest.headers,
  cookies: async () => {
    const jar = nextRequest.cookies;
    return {
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      has: (name: string) => jar.has(name),
      set: (name: string, value: string) => void jar.set(name, value),
      delete: (name: string) => void jar.delete(name),
    };
  },
};

export const nextNavigation = {
  redirect: (to: string): never => {
    throw new Interrupt("redirect", to);
  },
  permanentRedirect: (to: string): never => {
    throw new Interrupt("redirect", to);
  },
  notFound: (): never => {
    throw new Interrupt("notFound");
  },
  forbidden: (): never => {
    throw new Interrupt("forbidden");
  },
  unauthorized: (): never => {
    throw new Interrupt("unauthorized");
  },
};

export const nextCache = { revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} };
