import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { expect, test, type Browser } from "@playwright/test";
import { withDb } from "./db";
import { expectNoAxeViolations, expectNoSidewaysScroll } from "./page-checks";

// Local time in the console (issue 19, item 7): times follow the browser's zone until the
// staff member picks one on their profile; the inbox's date filters count that zone's days.
// Each run has an account of its own, as the profile's zone is the account's.

const PASSWORD = "zone-e2e-password-123";
/** 13:05 UTC on 15 June 2026: 18:35 in Kolkata (UTC+05:30), 06:05 in Los Angeles (PDT), 03:05 on 16 June in Kiritimati (UTC+14). */
const RECEIVED = new Date("2026-06-15T13:05:00Z");

async function signedIn(browser: Browser, js: boolean, timezoneId: string) {
  const email = `zone-${js ? "js" : "nojs"}-${randomUUID().slice(0, 8)}@loomstack.example`;
  execFileSync("npx", ["tsx", "scripts/staff.ts", "create", "--email", email, "--name", "Zoe Zone", "--role", "staff"], {
    env: { ...process.env, STAFF_PASSWORD: PASSWORD },
    stdio: "pipe",
  });
  const context = await browser.newContext({ javaScriptEnabled: js, timezoneId });
  const page = await context.newPage();
  await page.goto("/console/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/console$/);
  return { context, page, email };
}

async function seedLead(tag: string) {
  return withDb(async (db) => {
    const contact = await db.contact.create({ data: { email: `${tag}@example.com`, referralCode: `TZ${randomUUID().slice(0, 8).toUpperCase()}` } });
    const lead = await db.lead.create({
      data: { contactId: contact.id, formType: "enroll", fields: "{}", name: `Zone ${tag}`, email: contact.email, createdAt: RECEIVED },
    });
    return lead.id;
  });
}

for (const js of [true, false]) {
  test(`times follow the browser's zone, then the profile's; date filters count its days (JavaScript ${js ? "on" : "off"})`, async ({ browser }) => {
    test.setTimeout(60_000);
    const tag = `zone-${js ? "js" : "nojs"}-${randomUUID().slice(0, 8)}`;
    const leadId = await seedLead(tag);
    const { context, page, email } = await signedIn(browser, js, "Asia/Kolkata");

    await page.goto(`/console/leads/${leadId}`);
    if (js) {
      // The browser told the server its zone (a cookie), and the page was drawn in it.
      await expect(page.getByText(/^Times in India Standard Time \((Kolkata|Calcutta)\), UTC\+05:30\./)).toBeVisible();
      await expect(page.getByText("received 15 Jun 2026, 18:35")).toBeVisible();
    } else {
      // Without JavaScript the console cannot know the browser's zone: UTC, and it says so.
      await expect(page.getByText(/^Times in UTC\+00:00\./)).toBeVisible();
      await expect(page.getByText("received 15 Jun 2026, 13:05")).toBeVisible();
    }

    await page.getByRole("link", { name: "Change time zone" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your profile");
    await expectNoAxeViolations(page, js);
    await expectNoSidewaysScroll(page);
    await page.getByRole("combobox", { name: "Time zone" }).selectOption("America/Los_Angeles");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toContainText(/Saved\. Times are now shown in Pacific Time \(Los Angeles\), UTC−0[78]:00\./);
    expect(await page.getByRole("combobox", { name: "Time zone" }).inputValue()).toBe("America/Los_Angeles");

    await page.goto(`/console/leads/${leadId}`);
    await expect(page.getByText("received 15 Jun 2026, 06:05")).toBeVisible();

    // The inbox's dates are Los Angeles days now: the lead is on the 15th there, as in UTC;
    // in Kiritimati (UTC+14) it came in on the 16th.
    const inbox = (from: string) => page.goto(`/console/leads?q=${encodeURIComponent(`${tag}@example.com`)}&from=${from}&to=${from}`);
    await inbox("2026-06-15");
    await expect(page.getByRole("link", { name: `Zone ${tag}` })).toBeVisible();
    await page.goto("/console/profile");
    await page.getByRole("combobox", { name: "Time zone" }).selectOption("Pacific/Kiritimati");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toContainText("Saved.");
    await inbox("2026-06-15");
    await expect(page.getByText("No leads match these filters")).toBeVisible();
    await inbox("2026-06-16");
    await expect(page.getByRole("link", { name: `Zone ${tag}` })).toBeVisible();

    // A zone that is not on the list is refused next to the field, and nothing changes.
    await page.goto("/console/profile");
    await page.getByRole("combobox", { name: "Time zone" }).evaluate((s: HTMLSelectElement) => {
      s.options[1].value = "Mars/Olympus";
      s.selectedIndex = 1;
    });
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Choose a time zone from the list.")).toBeVisible();
    expect(await withDb((db) => db.user.findUniqueOrThrow({ where: { email }, select: { timeZone: true } }))).toEqual({ timeZone: "Pacific/Kiritimati" });
    await context.close();
  });
}
