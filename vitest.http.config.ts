import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * HTTP tests against the real production server (server.ts on a `next build`): what a client
 * can send over the wire (tests/http). They need a build (NEXT_DIST_DIR, default .next-test)
 * and run after it in scripts/test-all.sh:
 *
 *   NEXT_DIST_DIR=.next-test npx vitest run --config vitest.http.config.ts
 *
 * The default `npx vitest run` (vitest.config.ts) does not include this folder.
 */
export default defineConfig({
  resolve: { alias: { "@": path.dirname(fileURLToPath(import.meta.url)) } },
  test: {
    include: ["tests/http/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/helpers/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
