import path from "node:path";
import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

// The repository root: its node_modules holds the next and react the site uses, and the raw
// saver (bench/baselines/raw-submit.ts) the action calls.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

// Next's defaults otherwise (response compression included), as `next start` serves an app.
const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  turbopack: { root },
  outputFileTracingRoot: root,
};

export default nextConfig;
