import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { withDb } from "./db";
import { storageState } from "./staff";

// The reward catalogue (issue 17), in Chromium with JavaScript on and off: staff add a reward,
// a referrer with confirmed points opens their status page from the emailed link and redeems
// it, and staff approve, which takes the points and the last unit of stock.

const pathOf = (url: unknown) => new URL(String(url)).pathname;

async function emailTo(address: string, template: string): Promise<Record<string, unknown>> {
  let data: Record<string, unknown> | undefined;
  await expect(async () => {
    const m = await withDb((db) => db.emailMessage.findFirst({ where: { toAddress: address, template }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }));
    expect(m, `${template} to ${address}`).toBeTruthy();
    data = JSON.parse(m!.data) as Record<string, unknown>;
  }).toPass({ timeout: 10_000 });
  return data!;
}

async function expectNoAxeViolations(page: Page, js: boolean) {
  if (!js) return;
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

for (const js of [true, false]) {
  test.describe(`reward catalogue with JavaScript ${js ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled: js });
    test.describe.configure({ timeout: 90_000 });

    test("staff add a reward; a referrer redeems it from the status page; staff approve", async ({ page, browser }) => {
      const tag = randomUUID().slice(0, 6);
      const rewardName = `E2E mug ${tag} ${js ? "js" : "nojs"}`;

      // Staff add a reward, with a field error first.
      const staff = await browser.newContext({ storageState: storageState("staff"), javaScriptEnabled: js });
      const consolePage = await staff.newPage();
      await consolePage.goto("/console/referrals");
      await consolePage.getByRole("link", { name: "Reward catalogue" }).click();
      await expect(consolePage.getByRole("heading", { level: 1 })).toHaveText("Reward catalogue");
      await expect(consolePage.getByRole("row", { name: /Refurbished laptop/ })).toContainText("2,000 points");
      await expectNoAxeViolations(consolePage, js);
      await consolePage.getByRole("link", { name: "Add a reward" }).click();
      await consolePage.getByLabel("Name").fill(rewardName);
      await consolePage.getByLabel("Category").selectOption("accessory");
      await consolePage.getByLabel("Price in points").fill("0");
      await consolePage.getByLabel(/Stock/).fill("1");
      await consolePage.getByLabel("On offer").check();
      await consolePage.getByRole("button", { name: "Add reward" }).click();
      await expect(consolePage.getByText("Enter the price in points of at least 1.")).toBeVisible();
      await expectNoAxeViolations(consolePage, js);
      await consolePage.getByLabel("Price in points").fill("100");
      await consolePage.getByRole("button", { name: "Add reward" }).click();
      await expect(consolePage.getByRole("status")).toContainText("Reward added.");
      const row = consolePage.getByRole("row", { name: new RegExp(rewardName) });
      await expect(row).toContainText("100 points");
      await row.getByRole("button", { name: `Move ${rewardName} up` }).click();
      await expect(consolePage.getByRole("status")).toContainText("Reward moved up.");
      const reward = await withDb((db) => db.reward.findFirstOrThrow({ where: { name: rewardName } }));
      expect(reward).toMatchObject({ points: 100, stock: 1, active: true, category: "accessory" });

      // A referrer with 150 confirmed points.
      const email = `rewards-${tag}-${js ? "js" : "nojs"}@example.com`;
      await withDb(async (db) => {
        const c = await db.contact.create({ data: { email, name: `Remy Rewards ${tag}`, referralCode: `RW${tag.toUpperCase()}${js ? "J" : "N"}` } });
        await db.pointsEntry.create({
          data: { contactId: c.id, amount: 150, bucket: "confirmed", reason: "referral_confirmed", key: `e2e-rewards:${tag}:${js}` },
        });
      });

      // The public page shows the catalogue and what a point is worth.
      await page.goto("/refer");
      await expect(page.getByRole("region", { name: "What points buy" })).toContainText("1 point = $1 off tuition");
      await expect(page.getByRole("region", { name: "What points buy" })).toContainText(rewardName);

      // Their status page, through the emailed link.
      await page.goto("/refer/status");
      await page.getByLabel(/The email address you referred friends from/).fill(email);
      await page.getByRole("button", { name: "Email me a link" }).click();
      await expect(page.getByRole("status")).toContainText("Check your inbox");
      const statusLink = await emailTo(email, "ownership-link");
      await page.goto(pathOf(statusLink.url));
      await page.getByRole("button", { name: "Show my link and points" }).click();
      await expect(page).toHaveURL(/\/refer\/status$/);
      await expect(page.getByText("Redeemed: spent on rewards")).toBeVisible();
      await expect(page.getByText("Reversed: taken back for referrals that did not count")).toBeVisible();
      // 150 points buy the mug, not the laptop.
      await expect(page.getByRole("link", { name: "Redeem Refurbished laptop" })).toHaveCount(0);
      await expectNoAxeViolations(page, js);
      await page.getByRole("link", { name: `Redeem ${rewardName}` }).click();

      // The form opens with the reward chosen; the request is confirmed from the inbox.
      const spend = page.getByRole("form", { name: "Spend your points" });
      await expect(spend.getByLabel(new RegExp(rewardName))).toBeChecked();
      await spend.getByLabel("Your email").fill(email);
      await spend.getByRole("checkbox").check();
      await spend.getByRole("button", { name: "Request my reward" }).click();
      await expect(page.getByRole("status")).toContainText("Check your inbox");
      const requestLink = await emailTo(email, "ownership-link");
      expect(requestLink.purpose).toBe("redemption");
      await page.goto(pathOf(requestLink.url));
      await expect(page.getByText(rewardName)).toBeVisible();
      await expectNoAxeViolations(page, js);
      await page.getByRole("button", { name: "Confirm my request" }).click();
      await expect(page.getByRole("status")).toContainText("Request received");
      const lead = await withDb((db) => db.lead.findFirstOrThrow({ where: { email, formType: "redemption" } }));
      expect(lead.rewardId).toBe(reward.id);

      // Staff approve: the points and the last unit go, and the requester is told.
      await consolePage.goto("/console/referrals/redemptions?status=pending");
      await consolePage.getByRole("button", { name: new RegExp(`Approve 100 points from .*Remy Rewards ${tag}`) }).click();
      await expect(consolePage.locator("#decision-result")).toBeVisible();
      await expect.poll(() => withDb((db) => db.reward.findUniqueOrThrow({ where: { id: reward.id } }).then((r) => r.stock))).toBe(0);
      const ledger = await withDb((db) => db.pointsEntry.findMany({ where: { contact: { email } }, orderBy: { createdAt: "asc" } }));
      expect(ledger.map((e) => [e.amount, e.reason])).toEqual([
        [150, "referral_confirmed"],
        [-100, "redemption"],
      ]);
      const decision = await emailTo(email, "redemption-decision");
      expect(decision).toMatchObject({ decision: "approved", reward: rewardName, points: 100, confirmedBalance: 50 });
      await staff.close();
    });
  });
}
