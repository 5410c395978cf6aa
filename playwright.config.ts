import { defineConfig, devices } from "@playwright/test";

/**
 * Browser tests run against the production build (`next build`, then server.ts), driving
 * Debian's Chromium: `npx playwright install` cannot download browsers here.
 * scripts/test-all.sh builds first; see the README.
 */
const port = Number(process.env.E2E_PORT ?? 3200);
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  use: {
    baseURL,
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", dependencies: ["setup"], testIgnore: [/auth\.setup\.ts/, /cta-tracking\.spec\.ts/] },
    // The CTA counters count every visit to a guide page, and other specs open the same pages
    // (with JavaScript off the lazy beacon loads at once), so the exact counts are checked in a
    // run of their own: scripts/test-all.sh runs this project after "chromium".
    { name: "cta-counters", dependencies: ["setup"], testMatch: /cta-tracking\.spec\.ts/ },
  ],
  webServer: {
    command: `node --import tsx server.ts -p ${port} -H 127.0.0.1`,
    url: `${baseURL}/robots.txt`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-test",
      DATABASE_URL: process.env.DATABASE_URL ?? "file:./prisma/e2e.db",
      SITE_URL: process.env.SITE_URL ?? baseURL,
      // Email goes to the local mailbox (tests/e2e/mailbox.spec.ts reads it), whatever .env says.
      RESEND_API_KEY: "",
      EMAIL_POLL_MS: "500",
      // Test-only values: sessions signed with a throwaway secret, form and sign-in limits
      // loose enough for many tests from one address (the browser is always 127.0.0.1).
      BETTER_AUTH_SECRET: "e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz",
      RATE_LIMIT_IP: "1000/600",
      RATE_LIMIT_IDENTITY: "60/600",
      SIGNIN_LIMIT_IP: "1000/600",
      SIGNIN_LIMIT_ACCOUNT: "5000/600",
      // The browser talks to the server directly: no proxy headers to trust.
      TRUSTED_PROXY_HOPS: "0",
    },
  },
});
