// Never runs (the matcher matches no path). It is here so that Turbopack, whose root is the
// repository (next.config.ts), takes this file as the baseline's proxy rather than the site's
// own proxy.ts at the repository root, which does not build here.
export function proxy() {}

export const config = { matcher: ["/__never__"] };
