import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * The multi-server test (tests/multi-server): three app servers (server.ts) on one
 * PostgreSQL database. It needs a production build (NEXT_DIST_DIR, default .next-test) and
 * is run on its own, after the build in scripts/test-all.sh:
 *
 *   NEXT_DIST_DIR=.next-test npx vitest run --config vitest.multi-server.config.ts
 *
 * The default `npx vitest run` (vitest.config.ts) does not include this folder.
 */
export default defineConfig({
  resolve: { alias: { "@": path.dirname(fileURLToPath(import.meta.url)) } },
  test: {
    include: ["tests/multi-server/**/*.test.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
