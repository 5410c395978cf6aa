import AxeBuilder from "@axe-core/playwright";
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { withDb } from "./db";
import { callTimes, startReferral, unique } from "./form-steps";

// Every form, filled and sent in Chromium, with JavaScript on and with it off (the form posts
// natively to its Server Action and the page re-renders from the result).

const consent = (page: Page) => page.getByRole("checkbox", { name: /I agree|agreed|Send me the Loomstack/ });
const success = (page: Page) => page.getByRole("status");

/** Opens the quote form at `url` and fills in who it is for, the person, one course (by its label) and the device. */
async function startQuote(page: Page, url: string, q: { audience: string; name: string; email: string; course: string; device: string }) {
  await page.goto(url);
  await page.getByLabel(q.audience).check();
  await page.getByLabel("Full name").fill(q.name);
  await page.getByLabel("Email", { exact: true }).fill(q.email);
  await page.getByLabel(q.course).check();
  await page.getByLabel("Which device will you learn on?").selectOption(q.device);
}

for (const js of [true, false]) {
  test.describe(`forms with JavaScript ${js ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled: js });

    test("enroll: errors next to fields, then a saved lead with its attribution", async ({ page }) => {
      const article = "/careers/machine-learning-engineer";
      await page.goto(`/apply?program=machine-learning-engineering&article=${encodeURIComponent(article)}&cta=overview-apply`);
      await page.getByRole("button", { name: "Send my application" }).click();
      const email = page.getByLabel("Email", { exact: true });
      await expect(email).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByText("Enter your email address.").first()).toBeVisible();
      await expect(consent(page)).not.toBeChecked();

      const cohortId = await withDb(async (db) => {
        const c = await db.cohort.findFirstOrThrow({
          where: { program: { slug: "machine-learning-engineering" }, status: "open", startDate: { gt: new Date() } },
          orderBy: { startDate: "asc" },
        });
        return c.id;
      });
      const address = unique(`enroll-${js ? "js" : "nojs"}`);
      await page.getByLabel("Program", { exact: true }).selectOption("machine-learning-engineering");
      await page.getByLabel("Start date").selectOption(cohortId);
      await page.getByLabel("How would you like to pay?").selectOption("instalments");
      await page.getByLabel("Full name").fill("Ada Lovelace");
      await email.fill(address);
      await page.getByLabel("I have done tutorials or a short course").check();
      await consent(page).check();
      await page.getByRole("button", { name: "Send my application" }).click();
      await expect(success(page)).toContainText("Application received");
      await expect(success(page)).toContainText("two working days");

      const lead = await withDb((db) => db.lead.findFirstOrThrow({ where: { email: address }, include: { emails: true } }));
      expect(lead).toMatchObject({ formType: "enroll", status: "new", cohortId, article, cta: "overview-apply" });
      expect(lead.emails.map((e) => e.template).sort()).toEqual(["enroll-confirmation", "staff-new-lead"]);
    });

    test("newsletter: the page asks to confirm and shows no code; one confirmation link an hour", async ({ page }) => {
      const address = unique(`news-${js ? "js" : "nojs"}`);
      await page.goto("/newsletter");
      await page.getByRole("button", { name: "Subscribe and get my code" }).click();
      await expect(page.getByText("Tick the box to subscribe.").first()).toBeVisible();
      await page.getByLabel("Email", { exact: true }).fill(address);
      await consent(page).check();
      await page.getByRole("button", { name: "Subscribe and get my code" }).click();
      await expect(success(page)).toContainText("Check your inbox to confirm");
      await expect(success(page)).not.toContainText("LOOM20-");
      const templates = () => withDb(async (db) => (await db.emailMessage.findMany({ where: { toAddress: address } })).map((m) => m.template));
      expect(await templates()).toEqual(["ownership-link"]);

      await page.goto("/newsletter");
      await page.getByLabel("Email", { exact: true }).fill(address.toUpperCase());
      await consent(page).check();
      await page.getByRole("button", { name: "Subscribe and get my code" }).click();
      await expect(success(page)).toContainText("Check your inbox to confirm");
      // A second sign-up within the hour sends nothing more, and no code before the link is used
      // (tests/e2e/newsletter.spec.ts follows the link).
      expect(await templates()).toEqual(["ownership-link"]);
    });

    test("referral: invitations sent, the link and points emailed, nothing personal on the page", async ({ page }) => {
      const referrer = unique("rita");
      const form = await startReferral(page, { name: "Rita Referrer", email: referrer }, { name: "Fay Friend", email: unique("fay") });
      await form.getByLabel("Their email").nth(1).fill("not-an-email");
      await form.getByRole("button", { name: "Send the invitations" }).click();
      await expect(page.getByText(/email address like name@example.com/).first()).toBeVisible();
      await form.getByLabel("Their email").nth(1).fill(unique("gus"));
      await form.getByLabel("Their name").nth(1).fill("Gus Friend");
      await consent(page).first().check();
      await form.getByRole("button", { name: "Send the invitations" }).click();
      await expect(success(page).first()).toContainText("We have emailed you your personal referral link");
      await expect(page.getByRole("textbox", { name: /referral link/i })).toHaveCount(0);
      await expect(success(page).first().getByRole("link", { name: "get your referral link and points" })).toBeVisible();
      const mail = await withDb((db) => db.emailMessage.findFirstOrThrow({ where: { toAddress: referrer, template: "referral-confirmation" } }));
      expect(JSON.parse(mail.data).points).toMatchObject({
        earnedNow: 200,
        pending: 200,
        confirmed: 0,
        referralLink: expect.stringMatching(/\/r\/[A-Z2-9]{8}$/),
      });
    });

    test("quote: a team needs company and seats, a call needs a phone, and staff get the number", async ({ page }) => {
      const address = unique(`quote-${js ? "js" : "nojs"}`);
      await startQuote(page, "/quote?cta=programs-quote", {
        audience: "My team or company",
        name: "Quinn Team",
        email: address,
        course: "Machine Learning Engineering",
        device: "macos",
      });
      await page.getByLabel("By email and a phone call").check();
      await callTimes(page).first().check();
      await consent(page).check();
      await page.getByRole("button", { name: "Get my quote" }).click();
      await expect(page.getByText("Enter your company's name.").first()).toBeVisible();
      await expect(page.getByText("Enter a phone number we can call.").first()).toBeVisible();
      await expect(page.getByLabel(/^Phone number/)).toHaveAttribute("aria-invalid", "true");
      await page.getByLabel(/^Company/).fill("Acme Learning");
      await page.getByLabel(/^Number of seats/).fill("12");
      await page.getByLabel(/^Phone number/).fill("+44 7700 900123");
      await page.getByRole("button", { name: "Get my quote" }).click();
      await expect(success(page)).toContainText("Quote request received");

      const lead = await withDb((db) => db.lead.findFirstOrThrow({ where: { email: address }, include: { emails: true } }));
      expect(lead).toMatchObject({ formType: "quote", phone: "+447700900123" });
      expect(JSON.parse(lead.fields)).toMatchObject({ contactBy: "call", phone: "+447700900123", bestTime: "morning" });
      const staff = lead.emails.find((e) => e.template === "staff-new-lead");
      const data = JSON.parse(staff?.data ?? "{}") as { phone?: string; summary?: { label: string; value: string }[] };
      expect(data.phone).toBe("+447700900123");
      expect(data.summary).toEqual(
        expect.arrayContaining([
          { label: "Phone", value: "+447700900123" },
          { label: "Reach by", value: "By email and a phone call" },
        ]),
      );
    });

    test("quote: by email only, no phone or call time is needed", async ({ page }) => {
      const address = unique(`quote-email-${js ? "js" : "nojs"}`);
      await startQuote(page, "/quote", { audience: "Just me", name: "Emma Email", email: address, course: "Data Analytics", device: "linux" });
      await page.locator('input[name="contactBy"][value="email"]').check(); // its label is also in "By email and a phone call"
      // With JavaScript the call details are hidden; without it they show, marked as optional.
      if (js) await expect(page.getByLabel(/^Phone number/)).toHaveCount(0);
      else await expect(page.getByLabel("Phone number (only for a call)")).toBeVisible();
      await consent(page).check();
      await page.getByRole("button", { name: "Get my quote" }).click();
      await expect(success(page)).toContainText("Quote request received");

      const lead = await withDb((db) => db.lead.findFirstOrThrow({ where: { email: address } }));
      expect(lead.phone).toBeNull();
      const fields = JSON.parse(lead.fields);
      expect(fields).toMatchObject({ contactBy: "email" });
      expect(fields).not.toHaveProperty("bestTime");
      expect(fields).not.toHaveProperty("phone");
    });

    test("call back: a phone number with its country code", async ({ page }) => {
      await page.goto("/call-back");
      await page.getByLabel("Full name").fill("Pat Phone");
      await page.getByLabel("Phone number").fill("12");
      await page.getByLabel("Which course are you interested in?").selectOption("data-analytics");
      await page.getByLabel("Which device would you learn on?").selectOption("windows");
      await callTimes(page).last().check();
      await consent(page).check();
      await page.getByRole("button", { name: "Request a call" }).click();
      await expect(page.getByText(/country code/).first()).toBeVisible();
      const phone = `+44 20 7946 ${String(Math.floor(Math.random() * 9000) + 1000)}`;
      await page.getByLabel("Phone number").fill(phone);
      await page.getByRole("button", { name: "Request a call" }).click();
      await expect(success(page)).toContainText("We will call you");
    });
  });
}

// The time zone options are HTML that React does not hydrate (lib/forms/options-html.ts);
// with JavaScript the field still moves to the browser's zone, also one the list lacks.
for (const timezoneId of ["Asia/Tokyo", "Etc/GMT+5"]) {
  test.describe(`call back from a browser in ${timezoneId}`, () => {
    test.use({ timezoneId });

    test("the time zone starts on the browser's zone and is what gets saved", async ({ page }) => {
      await page.goto("/call-back");
      const zone = page.getByLabel("Your time zone");
      await expect(zone).toHaveValue(timezoneId);
      await expect(page.getByText("We matched this to your device.")).toBeVisible();
      const name = `Zoe Zone ${randomUUID().slice(0, 8)}`;
      await page.getByLabel("Full name").fill(name);
      await page.getByLabel("Phone number").fill(`+44 20 7946 ${String(Math.floor(Math.random() * 9000) + 1000)}`);
      await page.getByLabel("Which course are you interested in?").selectOption("data-analytics");
      await page.getByLabel("Which device would you learn on?").selectOption("windows");
      await callTimes(page).first().check();
      await consent(page).check();
      await page.getByRole("button", { name: "Request a call" }).click();
      await expect(success(page)).toContainText("We will call you");
      const lead = await withDb((db) => db.lead.findFirstOrThrow({ where: { name } }));
      expect(JSON.parse(lead.fields)).toMatchObject({ timeZone: timezoneId });
    });
  });
}

test("a double click sends one submission", async ({ page }) => {
  const address = unique("double");
  await page.goto("/newsletter");
  await page.getByLabel("Email", { exact: true }).fill(address);
  await consent(page).check();
  await page.getByRole("button", { name: "Subscribe and get my code" }).dblclick();
  await expect(success(page)).toContainText("Check your inbox to confirm");
  expect(await withDb((db) => db.lead.count({ where: { email: address } }))).toBe(1);
});

test("a bot that fills the honeypot sees a success and nothing is stored", async ({ page }) => {
  const address = unique("bot");
  await page.goto("/newsletter");
  await page.getByLabel("Email", { exact: true }).fill(address);
  await consent(page).check();
  await page.locator('input[name="website"]').fill("https://spam.example", { force: true });
  await page.getByRole("button", { name: "Subscribe and get my code" }).click();
  await expect(success(page)).toBeVisible();
  expect(await withDb((db) => db.lead.count({ where: { email: address } }))).toBe(0);
});

test("form pages with errors showing have no axe violations", async ({ page }) => {
  test.setTimeout(90_000);
  for (const path of ["/apply", "/quote", "/refer", "/newsletter", "/call-back"]) {
    await page.goto(path);
    await page
      .getByRole("button", { name: /Send|Subscribe|Get my quote|Request a call/ })
      .first()
      .click();
    await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    expect(summary, `${path}\n${summary.join("\n")}`).toEqual([]);
  }
});
