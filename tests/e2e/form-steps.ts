import { randomUUID } from "node:crypto";
import { expect, type Locator, type Page } from "@playwright/test";

// Steps several specs take through the public forms, as a visitor would.

/** A fresh address for one test: `<prefix>-<8 hex>@example.com`. */
export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}@example.com`;

/**
 * Sends the application form for Machine Learning Engineering (first start date), with the
 * payment and experience given, and waits for its success message. `query` is appended to
 * the page's URL (attribution: `&utm_source=…&cta=…`).
 */
export async function applyAs(
  page: Page,
  person: { name: string; email: string },
  options: { query?: string; payment?: "upfront" | "instalments"; experience?: string } = {},
) {
  await page.goto(`/apply?program=machine-learning-engineering${options.query ?? ""}`);
  await page.getByLabel("Full name").fill(person.name);
  await page.getByLabel("Email", { exact: true }).fill(person.email);
  await page.getByLabel("Start date").selectOption({ index: 1 });
  await page.getByLabel("How would you like to pay?").selectOption(options.payment ?? "upfront");
  await page.getByLabel(options.experience ?? "I have never programmed").check();
  await page.getByRole("checkbox", { name: /I agree/ }).check();
  await page.getByRole("button", { name: "Send my application" }).click();
  await expect(page.getByRole("status")).toContainText("Application received");
}

/** Opens the referral form and fills in the referrer and the first friend; returns the form. */
export async function startReferral(page: Page, referrer: { name: string; email: string }, friend: { name: string; email: string }): Promise<Locator> {
  await page.goto("/refer");
  const form = page.getByRole("form", { name: /referral/i });
  await form.getByLabel("Your name").fill(referrer.name);
  await form.getByLabel("Your email").fill(referrer.email);
  await form.getByLabel("Their name").first().fill(friend.name);
  await form.getByLabel("Their email").first().fill(friend.email);
  return form;
}

/** The radio buttons of a form's "Best time to call" group. */
export const callTimes = (page: Page) => page.getByRole("radiogroup", { name: /Best time/ }).getByRole("radio");
