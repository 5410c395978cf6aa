import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.dirname(fileURLToPath(import.meta.url)) } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "lib/**/*.test.{ts,tsx}"],
    environment: "node",
    globalSetup: ["tests/helpers/global-setup.ts"],
    // The server's phone rules, as lib/forms/registry.ts installs them (lib/forms/phone-rules.ts).
    setupFiles: ["lib/forms/phone-rules-server.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
