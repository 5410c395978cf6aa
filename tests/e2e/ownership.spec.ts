import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { withDb } from "./db";
import { startReferral, unique } from "./form-steps";
import { storageState } from "./staff";

// What belongs to an email address is shown or filed only through a link sent to that inbox
// (issue 13), in Chromium with JavaScript on and off. The links are read from the outbox rows
// the dispatcher delivers to the local mailbox (tests/e2e/mailbox.spec.ts covers that page).

const pathOf = (url: unknown) => new URL(String(url)).pathname;

/** The newest email of a template to an address, parsed (polls briefly: the form's transaction has committed, but be patient). */
async function emailTo(address: string, template: string): Promise<Record<string, unknown>> {
  let data: Record<string, unknown> | undefined;
  await expect(async () => {
    const m = await withDb((db) => db.emailMessage.findFirst({ where: { toAddress: address, template }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }));
    expect(m, `${template} to ${address}`).toBeTruthy();
    data = JSON.parse(m!.data) as Record<string, unknown>;
  }).toPass({ timeout: 10_000 });
  return data!;
}

/** axe runs in the page, so only where JavaScript is on (the same pages are checked with it on). */
async function expectNoAxeViolations(page: Page, js = true) {
  if (!js) return;
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** A referrer with one friend who said yes; staff approve the held points (same machine, same IP). */
async function referrerWithConfirmedPoints(page: Page, browser: Browser, js: boolean) {
  const referrer = unique(`own-ref-${js ? "js" : "nojs"}`);
  const friend = unique("own-friend");
  const form = await startReferral(page, { name: "Rory Referrer", email: referrer }, { name: "Fern Friend", email: friend });
  await form.getByRole("checkbox").check();
  await form.getByRole("button", { name: "Send the invitations" }).click();
  await expect(page.getByRole("status")).toContainText("Thanks for spreading the word");
  // The page never shows the referral link or the points: they go to the inbox.
  await expect(page.getByRole("status")).not.toContainText("/r/");
  const confirmation = await emailTo(referrer, "referral-confirmation");
  expect(confirmation.points).toMatchObject({ earnedNow: 100, pending: 100, confirmed: 0 });

  // The friend says yes in the invitation.
  const invitation = await emailTo(friend, "referral-invitation");
  await page.goto(pathOf(invitation.confirmUrl));
  await expectNoAxeViolations(page, js);
  await page.getByRole("button", { name: "Yes, I am interested" }).click();
  await expect(page.getByRole("status")).toContainText("We have noted your interest");
  const inviteLead = await withDb((db) => db.lead.findFirstOrThrow({ where: { email: friend, formType: "invite" } }));
  expect(inviteLead.cta).toBe("referral-invitation");

  // The same machine said yes as referred: the points wait for staff, who approve them.
  const staff = await browser.newContext({ storageState: storageState("staff"), javaScriptEnabled: js });
  const console = await staff.newPage();
  await console.goto("/console/referrals/reviews");
  const row = console.getByRole("row", { name: /Fern Friend/ });
  await expect(row).toContainText("IP address");
  await row.getByRole("button", { name: /Approve/ }).click();
  await expect(console.getByRole("status")).toContainText("Referral approved");
  await staff.close();
  return referrer;
}

for (const js of [true, false]) {
  test.describe(`ownership links with JavaScript ${js ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled: js });
    // Whole journeys across several pages, two browsers and axe: more than one page's budget.
    test.describe.configure({ timeout: 90_000 });

    test("refer → friend says yes → held and approved → redeem through the emailed link", async ({ page, browser }) => {
      const referrer = await referrerWithConfirmedPoints(page, browser, js);

      // Asking to spend points files nothing: the answer is the same for any address.
      await page.goto("/refer#spend-points");
      const spend = page.getByRole("form", { name: "Spend your points" });
      await spend.getByLabel("Your email").fill(referrer);
      await spend.getByLabel(/\$100 off tuition: 100 points/).check();
      await spend.getByRole("checkbox").check();
      await spend.getByRole("button", { name: "Request my reward" }).click();
      await expect(page.getByRole("status")).toContainText("Check your inbox");
      expect(await withDb((db) => db.lead.count({ where: { email: referrer, formType: "redemption" } }))).toBe(0);

      const link = await emailTo(referrer, "ownership-link");
      await page.goto(pathOf(link.url));
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Confirm your points request");
      await expectNoAxeViolations(page, js);
      await page.getByRole("button", { name: "Confirm my request" }).click();
      await expect(page.getByRole("status")).toContainText("Request received");
      expect(await withDb((db) => db.lead.count({ where: { email: referrer, formType: "redemption" } }))).toBe(1);

      // The link works once.
      await page.goto(pathOf(link.url));
      await expect(page.getByRole("heading", { level: 1 })).toContainText("already been used");
    });

    test("the referrer's link and points, through a link emailed to them", async ({ page }) => {
      const referrer = unique(`own-status-${js ? "js" : "nojs"}`);
      const form = await startReferral(page, { name: "Sasha Status", email: referrer }, { name: "Tom Thumb", email: unique("own-tom") });
      await form.getByRole("checkbox").check();
      await form.getByRole("button", { name: "Send the invitations" }).click();
      await expect(page.getByRole("status")).toContainText("Thanks for spreading the word");

      await page.goto("/refer/status");
      await expectNoAxeViolations(page, js);
      await page.getByRole("button", { name: "Email me a link" }).click();
      await expect(page.getByLabel(/The email address you referred friends from/)).toHaveAttribute("aria-invalid", "true");
      await page.getByLabel(/The email address you referred friends from/).fill(referrer);
      await page.getByRole("button", { name: "Email me a link" }).click();
      await expect(page.getByRole("status")).toContainText("Check your inbox");

      const link = await emailTo(referrer, "ownership-link");
      expect(link.purpose).toBe("referral-status");
      await page.goto(pathOf(link.url));
      await page.getByRole("button", { name: "Show my link and points" }).click();
      await expect(page).toHaveURL(/\/refer\/status$/);
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Your referral points");
      await expect(page.getByRole("textbox", { name: /Share it anywhere/ })).toHaveValue(/\/r\/[A-Z2-9]{8}$/);
      await expect(page.getByText("T*** T.")).toBeVisible();
      await expect(page.getByText("100 points").first()).toBeVisible();
      await expectNoAxeViolations(page, js);
      // Nothing cut off on a small phone (measured in the page, so with JavaScript on).
      if (js) {
        await page.setViewportSize({ width: 320, height: 700 });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      }

      await page.getByRole("button", { name: "Hide my details on this device" }).click();
      await expect(page.getByRole("button", { name: "Email me a link" })).toBeVisible();
    });
  });
}

test("a link that does not work says so, with a way forward", async ({ page }) => {
  await page.goto(`/confirm/${"A".repeat(43)}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("This link does not work");
  await expect(page.getByRole("link", { name: "see your referral link and points" })).toBeVisible();
  await expectNoAxeViolations(page);
});
