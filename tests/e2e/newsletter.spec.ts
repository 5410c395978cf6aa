import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { withDb } from "./db";
import { unique } from "./form-steps";
import { storageState } from "./staff";

// The newsletter's double opt-in and "manage my emails" (issue 17), in Chromium with
// JavaScript on and off. Links are read from the local mailbox (/mailbox, a staff page), as a
// person would read them from their inbox.

const pathOf = (url: string) => new URL(url).pathname;

async function expectNoAxeViolations(page: Page, js: boolean) {
  if (!js) return;
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Opens the newest message to `to` whose subject matches, in the local mailbox, and returns the first link to /confirm/ in its text part. */
async function confirmLinkFromMailbox(page: Page, to: string, subject: RegExp): Promise<string> {
  await expect(async () => {
    await page.goto(`/mailbox?to=${encodeURIComponent(to)}`);
    await expect(page.getByRole("link", { name: subject }).first()).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole("link", { name: subject }).first().click();
  const text = (await page.locator("pre").textContent()) ?? "";
  const url = text.match(/https?:\/\/\S+\/confirm\/[A-Za-z0-9_-]{43}/)?.[0];
  expect(url, `a confirmation link in the email to ${to}`).toBeTruthy();
  return url!;
}

for (const js of [true, false]) {
  test.describe(`newsletter with JavaScript ${js ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled: js });
    test.describe.configure({ timeout: 90_000 });

    test("sign up → confirm by the emailed link → the code, once per person → used at /apply", async ({ page, browser }) => {
      const address = unique(`dbl-${js ? "js" : "nojs"}`);
      await page.goto("/newsletter");
      await page.getByLabel("Email", { exact: true }).fill(address);
      await page.getByRole("checkbox", { name: /Send me the Loomstack/ }).check();
      await page.getByRole("button", { name: "Subscribe and get my code" }).click();
      await expect(page.getByRole("status")).toContainText("Check your inbox to confirm");
      await expect(page.getByRole("status")).not.toContainText("LOOM20-");
      await expectNoAxeViolations(page, js);

      // The inbox (the local mailbox, a staff page) holds the confirmation link, and no code.
      const staff = await browser.newContext({ storageState: storageState("staff"), javaScriptEnabled: js });
      const mailbox = await staff.newPage();
      const url = await confirmLinkFromMailbox(mailbox, address, /Confirm your newsletter subscription/);
      expect(await withDb((db) => db.emailMessage.count({ where: { toAddress: address, template: "newsletter-welcome" } }))).toBe(0);

      // The link opens a page with a button; only the button confirms.
      await page.goto(pathOf(url));
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Confirm your newsletter subscription");
      await expectNoAxeViolations(page, js);
      await page.getByRole("button", { name: "Confirm my subscription" }).click();
      await expect(page.getByRole("status")).toContainText("Your subscription is confirmed");
      const code = (await page.getByTestId("discount-code").textContent())?.trim();
      expect(code).toMatch(/^LOOM20-[A-Z2-9]{8}$/);
      await expectNoAxeViolations(page, js);

      // The same link again (a reload, a second tab) shows the same code and sends nothing more.
      await page.goto(pathOf(url));
      await expect(page.getByTestId("discount-code")).toHaveText(code!);
      await expect(async () => {
        const welcome = await withDb((db) => db.emailMessage.findMany({ where: { toAddress: address, template: "newsletter-welcome" } }));
        expect(welcome.map((m) => (JSON.parse(m.data) as { discountCode?: string }).discountCode)).toEqual([code]);
      }).toPass({ timeout: 10_000 });

      // The journey's end: the code typed at /apply is described (with JavaScript, as it is
      // typed) and stored on the application.
      await page.goto("/apply?program=machine-learning-engineering");
      await page.getByLabel("Full name").fill("Nia Newsletter");
      await page.getByLabel("Email", { exact: true }).fill(address);
      await page.getByLabel("Start date").selectOption({ index: 1 });
      await page.getByLabel("How would you like to pay?").selectOption("upfront");
      await page.getByLabel("I have never programmed").check();
      await page.getByRole("checkbox", { name: /I agree/ }).check();
      await page.getByLabel("Discount or referral code").fill(code!.toLowerCase());
      if (js) await expect(page.locator("#enroll-code-status")).toHaveText(/^20% off the tuition of every program, valid until \d{1,2} \w+ \d{4}$/);
      await page.getByRole("button", { name: "Send my application" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Application received" })).toBeVisible();
      const applied = await withDb((db) =>
        db.lead.findFirstOrThrow({ where: { email: address, discountCodeId: { not: null } }, include: { discountCode: true } }),
      );
      expect(applied.discountCode?.code).toBe(code);
      await staff.close();
    });

    test("manage my emails: a link by email, then topics and unsubscribe from everything", async ({ page, browser }) => {
      const address = unique(`manage-${js ? "js" : "nojs"}`);
      // A confirmed subscriber, set up through the forms.
      await page.goto("/newsletter");
      await page.getByLabel("Email", { exact: true }).fill(address);
      await page.getByRole("checkbox", { name: /Send me the Loomstack/ }).check();
      await page.getByRole("button", { name: "Subscribe and get my code" }).click();
      await expect(page.getByRole("status")).toContainText("Check your inbox to confirm");
      const staff = await browser.newContext({ storageState: storageState("staff"), javaScriptEnabled: js });
      const mailbox = await staff.newPage();
      await page.goto(pathOf(await confirmLinkFromMailbox(mailbox, address, /Confirm your newsletter subscription/)));
      await page.getByRole("button", { name: "Confirm my subscription" }).click();
      await expect(page.getByRole("status")).toContainText("Your subscription is confirmed");

      // The footer leads to the page; an unknown address gets the same answer.
      await page.goto("/");
      await page.getByRole("contentinfo").getByRole("link", { name: "Manage my emails" }).click();
      await expect(page).toHaveURL(/\/emails$/);
      await page.getByLabel("The email address our emails go to").fill(unique("stranger"));
      await page.getByRole("button", { name: "Email me a link" }).click();
      const answer = (await page.getByRole("status").textContent()) ?? "";
      expect(answer).toContain("Check your inbox");
      await expectNoAxeViolations(page, js);
      await page.goto("/emails");
      await page.getByLabel("The email address our emails go to").fill(address);
      await page.getByRole("button", { name: "Email me a link" }).click();
      await expect(page.getByRole("status")).toHaveText(answer);

      await page.goto(pathOf(await confirmLinkFromMailbox(mailbox, address, /Manage your emails/)));
      await page.getByRole("button", { name: "Open my email settings" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your email settings");
      await expectNoAxeViolations(page, js);

      // Every topic is ticked at first; keep only events.
      await expect(page.getByRole("checkbox", { name: /Career guides/ })).toBeChecked();
      await page.getByRole("checkbox", { name: /Career guides/ }).uncheck();
      await page.getByRole("checkbox", { name: /Offers and start dates/ }).uncheck();
      await page.getByRole("button", { name: "Save my topics" }).click();
      await expect(page.getByRole("status")).toContainText("Saved");
      await expect(page.getByRole("checkbox", { name: /Events and webinars/ })).toBeChecked();
      await expect(page.getByRole("checkbox", { name: /Career guides/ })).not.toBeChecked();
      expect(await withDb((db) => db.newsletterSubscription.findFirstOrThrow({ where: { contact: { email: address } } }))).toMatchObject({
        topics: '["events"]',
      });

      await page.getByRole("button", { name: "Unsubscribe from everything" }).click();
      await expect(page.getByRole("status")).toContainText("gets no more newsletters");
      await expect(page.getByText("You are not subscribed to the newsletter.")).toBeVisible();
      expect(await withDb((db) => db.emailSuppression.findUnique({ where: { address } }))).toMatchObject({ scope: "marketing", reason: "unsubscribe" });
      await staff.close();
    });
  });
}
