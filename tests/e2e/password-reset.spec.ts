import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { storageState } from "./staff";

// "Forgot password?" for staff (issue 19, item 8), in Chromium with JavaScript on and off:
// ask for a link, read it in the local mailbox (the dispatcher delivers the outbox there),
// choose a new password, sign in with it; the used link then says it no longer works. Each
// run has an account of its own: a reset signs its account out everywhere.

const OLD_PASSWORD = "reset-e2e-old-password-1";

function createAccount(email: string) {
  execFileSync("npx", ["tsx", "scripts/staff.ts", "create", "--email", email, "--name", "Rhea Reset", "--role", "staff"], {
    env: { ...process.env, STAFF_PASSWORD: OLD_PASSWORD },
    stdio: "pipe",
  });
}

async function expectNoAxeViolations(page: Page, js: boolean) {
  if (!js) return; // axe runs in the page; the same pages are checked with JavaScript on
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function expectNoSidewaysScroll(page: Page) {
  await page.setViewportSize({ width: 390, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${page.url()} at 390 px`).toBeLessThanOrEqual(
    0,
  );
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** The reset link in the newest reset email to `to`, read from the local mailbox as staff see it. */
async function linkFromMailbox(browser: Browser, to: string): Promise<string> {
  const context = await browser.newContext({ storageState: storageState("staff") });
  try {
    const page = await context.newPage();
    const subject = /Choose a new password for the staff console/;
    await expect(async () => {
      await page.goto(`/mailbox?to=${encodeURIComponent(to)}`);
      await expect(page.getByRole("link", { name: subject })).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 20_000 });
    await page.getByRole("link", { name: subject }).first().click();
    const url = ((await page.locator("pre").textContent()) ?? "").match(/https?:\/\/\S+\/console\/reset-password\/[A-Za-z0-9]+/)?.[0];
    expect(url, "reset link in the text part").toBeTruthy();
    return url!;
  } finally {
    await context.close();
  }
}

for (const js of [true, false]) {
  test(`forgot password → emailed link → new password → sign in (JavaScript ${js ? "on" : "off"})`, async ({ browser }) => {
    test.setTimeout(90_000);
    const email = `reset-${js ? "js" : "nojs"}-${randomUUID().slice(0, 8)}@loomstack.example`;
    createAccount(email);
    const context = await browser.newContext({ javaScriptEnabled: js });
    const page = await context.newPage();

    await page.goto("/console/sign-in");
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expect(page).toHaveURL(/\/console\/forgot-password$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Forgot your password?");
    await expectNoAxeViolations(page, js);
    await expectNoSidewaysScroll(page);

    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Email me a link" }).click();
    await expect(page.getByRole("status")).toContainText("If that address has a staff account, we have emailed a link");
    await expectNoAxeViolations(page, js);

    const link = await linkFromMailbox(browser, email);
    expect(new URL(link).origin).toBe(new URL(page.url()).origin);
    await page.goto(new URL(link).pathname);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Choose a new password");
    await expectNoAxeViolations(page, js);
    await expectNoSidewaysScroll(page);

    const newPassword = `reset-e2e-new-${randomUUID().slice(0, 8)}`;
    // Two different passwords are refused, and nothing is used up.
    await page.getByLabel("New password (at least 12 characters)").fill(newPassword);
    await page.getByLabel("New password again").fill(`${newPassword}x`);
    await page.getByRole("button", { name: "Save my new password" }).click();
    await expect(page.getByText("The two passwords are not the same.")).toBeVisible();
    await page.getByLabel("New password (at least 12 characters)").fill(newPassword);
    await page.getByLabel("New password again").fill(newPassword);
    await page.getByRole("button", { name: "Save my new password" }).click();

    await expect(page).toHaveURL(/\/console\/sign-in\?reset=done$/);
    await expect(page.getByRole("status")).toContainText("Your password is changed");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(newPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/console$/);

    // The link worked once.
    await page.goto(new URL(link).pathname);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("This reset link no longer works");
    await expectNoAxeViolations(page, js);
    await expectNoSidewaysScroll(page);
    await page.getByRole("link", { name: "Ask for a new link" }).click();
    await expect(page).toHaveURL(/\/console\/forgot-password$/);
    await context.close();
  });
}

test("a made-up reset link gets the clean 'no longer works' page", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const res = await page.goto(`/console/reset-password/${"Q".repeat(24)}`);
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This reset link no longer works");
  await expectNoAxeViolations(page, true);
  await expectNoSidewaysScroll(page);
  await context.close();
});
