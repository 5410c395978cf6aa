import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { withDb } from "./db";
import { startReferral, unique } from "./form-steps";
import { storageState } from "./staff";

// The referrer's status page (issue 17), in Chromium with JavaScript on and off: refer a
// friend, the friend says yes from the invitation in the local mailbox, the referrer asks
// for the status link and sees the friend masked with where the points stand, pending then
// confirmed, and the personal link with Copy and Share (or the plain share links).
// Every request here comes from one machine, so the friend's "yes" is held for review (same
// IP address as the referrer): staff approve it, as in the console's review queue.

const pathOf = (url: unknown) => new URL(String(url)).pathname;

async function expectNoAxeViolations(page: Page, js: boolean) {
  if (!js) return;
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** The "Yes, I am interested" link of the friend's invitation, read from the local mailbox (a staff page). */
async function invitationLink(browser: Browser, to: string): Promise<string> {
  const staff = await browser.newContext({ storageState: storageState("staff") });
  const mailbox = await staff.newPage();
  await expect(async () => {
    await mailbox.goto(`/mailbox?to=${encodeURIComponent(to)}`);
    await expect(mailbox.getByRole("link", { name: /invited you to/ })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await mailbox.getByRole("link", { name: /invited you to/ }).click();
  const href = await mailbox.frameLocator("iframe").getByRole("link", { name: "Yes, I am interested" }).first().getAttribute("href");
  await staff.close();
  expect(href).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);
  return pathOf(href);
}

/** The newest email of a template to an address, parsed (polls briefly). */
async function emailTo(address: string, template: string): Promise<Record<string, unknown>> {
  let data: Record<string, unknown> | undefined;
  await expect(async () => {
    const m = await withDb((db) => db.emailMessage.findFirst({ where: { toAddress: address, template }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }));
    expect(m, `${template} to ${address}`).toBeTruthy();
    data = JSON.parse(m!.data) as Record<string, unknown>;
  }).toPass({ timeout: 10_000 });
  return data!;
}

for (const js of [true, false]) {
  test.describe(`the referrer's status page with JavaScript ${js ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled: js });
    test.describe.configure({ timeout: 120_000 });

    test("refer → friend says yes → status link → masked friend, pending then confirmed points, Copy and Share", async ({ page, browser }) => {
      const referrer = unique(`status-ref-${js ? "js" : "nojs"}`);
      const friend = `tara-${referrer.split("@")[0].slice(-8)}@example.org`;
      const form = await startReferral(page, { name: "Rory Referrer", email: referrer }, { name: "Tara Adams", email: friend });
      await form.getByRole("checkbox").check();
      await form.getByRole("button", { name: "Send the invitations" }).click();
      await expect(page.getByRole("status")).toContainText("Those points start as pending");

      // The friend opens the invitation from the mailbox and says yes.
      await page.goto(await invitationLink(browser, friend));
      await page.getByRole("button", { name: "Yes, I am interested" }).click();
      await expect(page.getByRole("status")).toContainText("We have noted your interest");

      // The referrer asks for the status link and uses it.
      await page.goto("/refer/status");
      await page.getByLabel(/The email address you referred friends from/).fill(referrer);
      await page.getByRole("button", { name: "Email me a link" }).click();
      await expect(page.getByRole("status")).toContainText("Check your inbox");
      const link = await emailTo(referrer, "ownership-link");
      await page.goto(pathOf(link.url));
      await page.getByRole("button", { name: "Show my link and points" }).click();
      await expect(page).toHaveURL(/\/refer\/status$/);

      const row = page.getByTestId("referred-friend");
      await expect(row).toHaveCount(1);
      await expect(row).toContainText("T*** A.");
      await expect(row).toContainText("t***@example.org");
      await expect(row).not.toContainText("Tara");
      await expect(row).toContainText("Responded");
      await expect(row).toContainText("100 points in review by our team");
      await expect(page.getByText("Pending: not confirmed yet, cannot be spent")).toBeVisible();
      await expect(page.getByText("Points are confirmed once your friend confirms their interest from their own inbox.")).toBeVisible();

      // The link, and ways to share it.
      await expect(page.getByRole("textbox", { name: /Share it anywhere/ })).toHaveValue(/\/r\/[A-Z2-9]{8}$/);
      const whatsapp = page.getByRole("link", { name: /Share on WhatsApp/ });
      if (js) {
        await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
        await page.getByRole("button", { name: "Copy your referral link" }).click();
        await expect(page.getByRole("status")).toContainText("Copied");
        const copied = await page.evaluate(() => navigator.clipboard.readText());
        expect(copied).toMatch(/\/r\/[A-Z2-9]{8}$/);
      } else {
        await expect(page.getByRole("button", { name: "Copy your referral link" })).toHaveCount(0);
      }
      // Chromium on Linux has no Web Share API: the plain links are the way to share.
      await expect(whatsapp).toHaveAttribute("href", /^https:\/\/wa\.me\/\?text=.*%2Fr%2F[A-Z2-9]{8}$/);
      await expect(page.getByRole("link", { name: /Share by email/ })).toHaveAttribute("href", /^mailto:\?subject=/);
      await expect(page.getByRole("link", { name: /Share on LinkedIn/ })).toHaveAttribute(
        "href",
        /^https:\/\/www\.linkedin\.com\/sharing\/share-offsite\/\?url=http.*%2Fr%2F[A-Z2-9]{8}$/,
      );
      await expectNoAxeViolations(page, js);

      // Staff approve the held referral; the points are confirmed on the page.
      const staff = await browser.newContext({ storageState: storageState("staff"), javaScriptEnabled: js });
      const console = await staff.newPage();
      await console.goto("/console/referrals/reviews");
      // The JS-on and JS-off runs both refer a "Tara Adams": the friend's own address picks this one.
      const review = console.getByRole("row").filter({ hasText: friend });
      await expect(review).toContainText("IP address");
      await review.getByRole("button", { name: /Approve/ }).click();
      await expect(console.getByRole("status")).toContainText("Referral approved");
      await staff.close();

      await page.reload();
      await expect(page.getByTestId("referred-friend")).toContainText("100 points confirmed");
      await expect(page.getByText("Confirmed: ready to spend").locator("..")).toContainText("100 points");
      expect(await withDb((db) => db.pointsEntry.count({ where: { contact: { email: referrer }, bucket: "confirmed" } }))).toBe(1);
    });

    test("the Share button uses the Web Share API where the browser has one", async ({ page }) => {
      test.skip(!js, "the Web Share API needs JavaScript");
      await page.addInitScript(() => {
        (window as unknown as { __shared: unknown[] }).__shared = [];
        Object.defineProperty(navigator, "share", {
          value: async (data: unknown) => {
            (window as unknown as { __shared: unknown[] }).__shared.push(data);
          },
        });
      });
      const referrer = unique("status-share");
      const form = await startReferral(page, { name: "Sasha Share", email: referrer }, { name: "Uma Bell", email: unique("status-uma") });
      await form.getByRole("checkbox").check();
      await form.getByRole("button", { name: "Send the invitations" }).click();
      await expect(page.getByRole("status")).toContainText("Thanks for spreading the word");
      await page.goto("/refer/status");
      await page.getByLabel(/The email address you referred friends from/).fill(referrer);
      await page.getByRole("button", { name: "Email me a link" }).click();
      await expect(page.getByRole("status")).toContainText("Check your inbox");
      await page.goto(pathOf((await emailTo(referrer, "ownership-link")).url));
      await page.getByRole("button", { name: "Show my link and points" }).click();

      await expect(page.getByTestId("referred-friend")).toContainText("Invited");
      await expect(page.getByTestId("referred-friend")).toContainText("100 points pending");
      await page.getByRole("button", { name: "Share your referral link" }).click();
      const shared = await page.evaluate(() => (window as unknown as { __shared: { url: string }[] }).__shared);
      expect(shared).toHaveLength(1);
      expect(shared[0].url).toMatch(/\/r\/[A-Z2-9]{8}$/);
      // With a share sheet, the plain links give way to it.
      await expect(page.getByRole("link", { name: /Share on WhatsApp/ })).toHaveCount(0);
      await expectNoAxeViolations(page, js);
    });
  });
}
