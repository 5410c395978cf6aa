import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { withDb } from "./db";
import { storageState } from "./staff";

// The console dashboard, in Chromium: leads against the period before, sign-ups apart, the
// table per advisor; axe. (The 390 px check is not here yet: the page still scrolls sideways
// by 122 px on a phone.)

test.use({ storageState: storageState("staff") });

/** Leads created on one past day (UTC), so the counts on the page are the test's own. */
const DAY = "2025-03-12";
const PREVIOUS_DAY = "2025-03-11";

test.beforeAll(async () => {
  await withDb(async (db) => {
    const contact = await db.contact.upsert({
      where: { referralCode: "DASHE2E" },
      create: { email: "dash-e2e@example.com", referralCode: "DASHE2E" },
      update: {},
    });
    await db.lead.deleteMany({ where: { contactId: contact.id } });
    const lead = (formType: string, createdAt: string, status = "new") => ({
      contactId: contact.id,
      formType,
      status,
      fields: "{}",
      createdAt: new Date(createdAt),
    });
    await db.lead.createMany({
      data: [
        lead("enroll", `${DAY}T09:00:00.000Z`, "enrolled"),
        lead("quote", `${DAY}T10:00:00.000Z`),
        lead("callback", `${DAY}T11:00:00.000Z`),
        lead("newsletter", `${DAY}T12:00:00.000Z`),
        lead("enroll", `${PREVIOUS_DAY}T12:00:00.000Z`),
      ],
    });
  });
});

test("shows intent leads against the day before, sign-ups apart, and a row for unassigned leads", async ({ page }) => {
  await page.goto(`/console?from=${DAY}&to=${DAY}`);
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  // 3 leads (the newsletter sign-up is not one) against 1 the day before.
  const leads = page.locator("dl > div").filter({ hasText: "Created on this day" });
  await expect(leads.locator("dd").first()).toHaveText("3");
  await expect(leads.getByText("+2 (+200%)")).toBeVisible();
  await expect(leads.getByText("up 2, 200 percent, from 1 in the previous period")).toBeAttached();

  const byForm = page.getByRole("region", { name: "Leads by form: table" });
  await expect(byForm.getByRole("row", { name: /Enrollment application/ })).toContainText("1");
  await expect(page.getByRole("list", { name: "Not counted as leads" })).toContainText("Newsletter");

  const advisors = page.getByRole("region", { name: "By advisor: table" });
  await expect(advisors.getByRole("row", { name: /Unassigned/ })).toContainText("3");
});

test("the dashboard passes axe", async ({ page }) => {
  await page.goto(`/console?from=${PREVIOUS_DAY}&to=${DAY}`);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});
