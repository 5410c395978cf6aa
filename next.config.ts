import type { NextConfig } from "next";
import createMDX from "@next/mdx";
import { MAX_BODY_BYTES } from "./lib/http/body-limit";
import { securityHeaderRules } from "./lib/security/headers";

const isDev = process.env.NODE_ENV === "development";
// Browsers ignore HSTS on plain-http origins, so sending it from `next start` on localhost is harmless.
const isProd = process.env.NODE_ENV === "production";

const nextConfig: NextConfig = {
  // The test suite builds into its own folder so it never clobbers a developer's build.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  pageExtensions: ["ts", "tsx", "mdx"],
  // Database and cache clients stay Node modules, loaded at run time (Prisma, pg and
  // better-sqlite3 are on Next's built-in list already; ioredis is not). pdfkit reads its
  // standard fonts' metrics from its own folder at run time, so it must not be bundled.
  // (disposable-email-domains is bundled: its entry is a JSON file, which Node 20 will not
  // import() without an import attribute, so an external copy fails at run time.)
  serverExternalPackages: ["ioredis", "pdfkit"],
  experimental: {
    // forbidden() / unauthorized() in the staff console (real 403 and 401 responses).
    authInterrupts: true,
    // The same limit server.ts enforces (413) before a body reaches Next.
    serverActions: { bodySizeLimit: MAX_BODY_BYTES },
  },
  async headers() {
    return securityHeaderRules({ isDev, isProd });
  },
};

// Turbopack needs remark plugins by name (see ../shared/ENVIRONMENT.md).
const withMDX = createMDX({
  options: {
    remarkPlugins: [["remark-gfm"]],
  },
});

export default withMDX(nextConfig);
