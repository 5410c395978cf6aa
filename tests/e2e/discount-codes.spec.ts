import AxeBuilder from "@axe-core/playwright";
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { withDb } from "./db";
import { unique } from "./form-steps";
import { storageState } from "./staff";

// The "Discount or referral code" on /apply, with JavaScript on (checked as you type) and off
// (checked when the form is sent), and staff finding the code in the console.

const VALID_UNTIL = new Date("2030-03-05T23:59:59.999Z");
const EXPIRED_AT = new Date("2020-01-01T23:59:59.999Z");

/** A code owned by a fresh contact; returns the code. */
async function makeCode(over: { expiresAt?: Date; programSlugs?: string[] } = {}): Promise<string> {
  const suffix = randomUUID().replace(/-/g, "").slice(0, 8).toUpperCase();
  const code = `LOOM20-E${suffix}`;
  const email = unique("code-owner");
  await withDb(async (db) => {
    const owner = await db.contact.create({ data: { email, name: "Olga Owner", referralCode: `O${suffix}` } });
    await db.discountCode.create({
      data: {
        code,
        contactId: owner.id,
        normalizedEmail: email,
        percent: 20,
        programSlugs: JSON.stringify(over.programSlugs ?? []),
        expiresAt: over.expiresAt ?? VALID_UNTIL,
      },
    });
  });
  return code;
}

async function expectNoAxeViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `${where}\n${summary.join("\n")}`).toEqual([]);
}

/** Fills in everything but the code (Machine Learning Engineering, its first start date). */
async function fillApplication(page: Page, email: string) {
  await page.getByLabel("Full name").fill("Cody Coder");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Start date").selectOption({ index: 1 });
  await page.getByLabel("How would you like to pay?").selectOption("upfront");
  await page.getByLabel("I have never programmed").check();
  await page.getByRole("checkbox", { name: /I agree/ }).check();
}

const codeField = (page: Page) => page.getByLabel("Discount or referral code");
const send = (page: Page) => page.getByRole("button", { name: "Send my application" }).click();

test.describe("with JavaScript on", () => {
  test("the code is described as it is typed, a bad one refused, and the good one stored", async ({ page }) => {
    const code = await makeCode();
    const expired = await makeCode({ expiresAt: EXPIRED_AT });
    const otherProgram = await makeCode({ programSlugs: ["data-analytics"] });
    await page.goto("/apply?program=machine-learning-engineering");
    const status = page.locator("#enroll-code-status");
    await expect(status).toHaveAttribute("aria-live", "polite");

    await codeField(page).fill(expired.toLowerCase());
    await expect(status).toHaveText("This code expired on 1 January 2020.");
    await codeField(page).fill("LOOM20-NOSUCHCODE");
    await expect(status).toHaveText("We do not recognise this code. Check it against the email it came in, or leave the field empty.");
    await codeField(page).fill(otherProgram);
    await expect(status).toHaveText("This code is not valid for Machine Learning Engineering. It is valid for Data Analytics.");
    await codeField(page).fill(` ${code.toLowerCase()} `);
    await expect(status).toHaveText("20% off the tuition of every program, valid until 5 March 2030");
    await expectNoAxeViolations(page, "/apply with a code described");

    // Sent with a refused code: the server's refusal is the field's error.
    const email = unique("code-js");
    await fillApplication(page, email);
    await codeField(page).fill(expired);
    await send(page);
    await expect(codeField(page)).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#enroll-code-error")).toContainText("This code expired on 1 January 2020.");
    await expectNoAxeViolations(page, "/apply with a refused code");

    await codeField(page).fill(code);
    await send(page);
    await expect(page.getByRole("status").filter({ hasText: "Application received" })).toBeVisible();
    const lead = await withDb((db) => db.lead.findFirstOrThrow({ where: { email }, include: { discountCode: true } }));
    expect(lead.discountCode?.code).toBe(code);
  });
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("a bad code is refused next to the field when sent; the good one is stored", async ({ page }) => {
    const code = await makeCode();
    await page.goto("/apply?program=machine-learning-engineering");
    const email = unique("code-nojs");
    await fillApplication(page, email);
    await codeField(page).fill("loom20-nosuchcode");
    await send(page);
    await expect(codeField(page)).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#enroll-code-error")).toContainText("We do not recognise this code.");
    // What was typed is kept.
    await expect(page.getByLabel("Full name")).toHaveValue("Cody Coder");
    // axe runs as a script in the page, so it cannot run here; the same error state is
    // axe-checked with JavaScript on above. The error is tied to the field:
    await expect(codeField(page)).toHaveAttribute("aria-describedby", /enroll-code-error/);
    expect(await withDb((db) => db.lead.count({ where: { email } }))).toBe(0);

    await codeField(page).fill(code.toLowerCase());
    await page.getByRole("checkbox", { name: /I agree/ }).check();
    await send(page);
    await expect(page.getByRole("status").filter({ hasText: "Application received" })).toBeVisible();
    const lead = await withDb((db) => db.lead.findFirstOrThrow({ where: { email }, include: { discountCode: true } }));
    expect(lead.discountCode?.code).toBe(code);
  });
});

test.describe("staff", () => {
  test.use({ storageState: storageState("staff") });

  test("look a code up by part of it and change its rules", async ({ page }) => {
    const code = await makeCode();
    const part = code.slice(-6).toLowerCase();
    await page.goto("/console/codes");
    await page.getByLabel("Code contains").fill(part);
    await page.getByRole("button", { name: "Search" }).click();
    const table = page.getByRole("region", { name: "Discount codes" });
    await expect(table.getByRole("rowheader")).toHaveText([code]);
    await expect(table).toContainText("Olga Owner");
    await expect(table).toContainText("Every program");
    await expect(table).toContainText("Not used");
    await expectNoAxeViolations(page, "/console/codes");

    await table.getByRole("link", { name: code }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(code);
    await page.getByLabel("Percentage off the tuition").fill("150");
    await page.getByRole("button", { name: "Save rules" }).click();
    await expect(page.getByLabel("Percentage off the tuition")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Enter the percentage off from 1 to 100.")).toBeVisible();
    await expectNoAxeViolations(page, "/console/codes/<id> with an error");
    await page.getByLabel("Percentage off the tuition").fill("25");
    await page.getByRole("button", { name: "Save rules" }).click();
    await expect(page.getByText("Saved.")).toBeVisible();
    expect(await withDb((db) => db.discountCode.findUniqueOrThrow({ where: { code } }))).toMatchObject({ percent: 25 });
  });
});
