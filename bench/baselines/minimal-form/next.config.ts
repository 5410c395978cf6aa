import path from "node:path";
import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

// The repository root: its node_modules holds the same next, react, react-hook-form and zod the site uses.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  turbopack: { root },
  outputFileTracingRoot: root,
};

export default nextConfig;
