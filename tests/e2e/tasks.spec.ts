import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { queueTaskDigests } from "../../lib/console/task-digest";
import { staffTimeZone } from "../../lib/console/staff-time-zone";
import { baseURL } from "../../playwright.config";
import { withDb } from "./db";
import { STAFF_ACCOUNTS, storageState } from "./staff";

// Tasks and reminders (issue 19 item 3), with JavaScript on and off: staff add a task on a
// lead (a field error first), see it under Overdue in My tasks, mark it done there, and the
// lead's timeline and "no next task" flag follow. Then the daily digest of a staff member of
// the test's own reaches the local mailbox once, however often it is queued.
test.describe.configure({ mode: "serial", timeout: 90_000 });

async function consolePage(browser: Browser, role: "staff" | "admin", js: boolean): Promise<Page> {
  const context = await browser.newContext({ storageState: storageState(role), javaScriptEnabled: js });
  return context.newPage();
}

/** A contacted lead owned by `ownerEmail`, with no task: flagged "no next task". */
async function contactedLead(name: string, ownerEmail: string): Promise<string> {
  return withDb(async (db) => {
    const owner = await db.user.findUniqueOrThrow({ where: { email: ownerEmail } });
    const contact = await db.contact.create({
      data: { email: `${randomUUID().slice(0, 8)}@example.com`, referralCode: `TK${randomUUID().slice(0, 8).toUpperCase()}` },
    });
    const lead = await db.lead.create({
      data: { contactId: contact.id, formType: "enroll", fields: "{}", name, email: contact.email, status: "contacted", ownerId: owner.id },
    });
    return lead.id;
  });
}

/** "2026-12-07T09:00": yesterday at 09:00 on the UTC clock (the staff accounts have no zone of their own). */
const yesterdayAtNine = () => `${new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)}T09:00`;

for (const js of [true, false]) {
  test.describe(`tasks with JavaScript ${js ? "on" : "off"}`, () => {
    const tag = `${js ? "js" : "nojs"}-${randomUUID().slice(0, 6)}`;
    const leadName = `Task Lead ${tag}`;
    const note = `Ask about funding ${tag}`;
    let leadId = "";

    test.beforeAll(async () => {
      leadId = await contactedLead(leadName, STAFF_ACCOUNTS.staff.email);
    });

    test("staff add a task on a lead, with a field error first", async ({ browser }) => {
      const page = await consolePage(browser, "staff", js);
      await page.goto(`/console/leads/${leadId}`);
      const panel = page.getByRole("region", { name: "Tasks", exact: true });
      await expect(panel.getByText("No next task.")).toBeVisible();
      await panel.getByLabel("Kind", { exact: true }).selectOption("call");
      await panel.getByLabel("Due", { exact: true }).fill("");
      await panel.getByLabel("Note (optional)", { exact: true }).fill(note);
      await panel.getByRole("button", { name: "Add task" }).click();
      await expect(panel.getByText("Choose a due date and time.")).toBeVisible();
      // What was typed is still there.
      await expect(panel.getByLabel("Note (optional)", { exact: true })).toHaveValue(note);

      await panel.getByLabel("Due", { exact: true }).fill(yesterdayAtNine());
      await panel.getByRole("button", { name: "Add task" }).click();
      await expect(panel.getByRole("status").filter({ hasText: "Task added." })).toBeVisible();
      const open = panel.getByRole("list", { name: "Open tasks" });
      await expect(open).toContainText(`Call: ${note}`);
      await expect(open).toContainText("Overdue");
      await expect(panel.getByText("No next task.")).toHaveCount(0);
      await expect(page.getByRole("region", { name: "Timeline of this person" })).toContainText(`added a call task for`);
      await page.context().close();
    });

    test("the task is overdue in My tasks, and marking it done there clears it and flags the lead again", async ({ browser }) => {
      const page = await consolePage(browser, "staff", js);
      await page.goto("/console");
      await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "My tasks" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("My tasks");
      const overdue = page.getByRole("region", { name: /^Overdue/ });
      await expect(overdue.getByRole("link", { name: leadName })).toBeVisible();
      await overdue.getByRole("button", { name: new RegExp(`^Mark done\\W+Call, ${leadName}$`) }).click();
      await expect(page.getByRole("status").filter({ hasText: "Task done." })).toBeVisible();
      await expect(page.getByRole("link", { name: leadName })).toHaveCount(1); // now only under "Leads without a next task"
      await expect(page.getByRole("region", { name: /^Leads without a next task/ }).getByRole("link", { name: leadName })).toBeVisible();

      await page.goto(`/console/leads/${leadId}`);
      await expect(page.getByRole("region", { name: "Tasks", exact: true }).getByText("No next task.")).toBeVisible();
      await expect(page.getByRole("region", { name: "Timeline of this person" })).toContainText("completed the call task for");
      await page.context().close();
    });

    if (js) {
      test("My tasks passes axe and has no sideways scroll at 390 px; admins open someone else's list", async ({ browser }) => {
        const page = await consolePage(browser, "admin", js);
        await page.goto("/console/tasks");
        const results = await new AxeBuilder({ page }).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
        await page.setViewportSize({ width: 390, height: 800 });
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
        await page.setViewportSize({ width: 1280, height: 800 });

        const staffId = await withDb((db) => db.user.findUniqueOrThrow({ where: { email: STAFF_ACCOUNTS.staff.email } }).then((u) => u.id));
        await page.getByLabel("Staff member").selectOption(staffId);
        await page.getByRole("button", { name: "Show" }).click();
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Tasks of /);
        await expect(page.getByRole("region", { name: /^Leads without a next task/ }).getByRole("link", { name: leadName })).toBeVisible();
        await page.context().close();
      });
    }
  });
}

test("the daily digest reaches the local mailbox once, with the overdue task", async ({ browser }) => {
  const tag = randomUUID().slice(0, 6);
  const email = `digest-${tag}@loomstack.example`;
  const name = `Digest Advisor ${tag}`;
  const userId = await withDb((db) => db.user.create({ data: { id: `digest-${tag}`, name, email, role: "staff" } }).then((u) => u.id));
  const leadName = `Digest Lead ${tag}`;
  const leadId = await contactedLead(leadName, STAFF_ACCOUNTS.staff.email);

  const page = await consolePage(browser, "staff", true);
  await page.goto(`/console/leads/${leadId}`);
  const panel = page.getByRole("region", { name: "Tasks", exact: true });
  await panel.getByLabel("Kind", { exact: true }).selectOption("follow-up");
  await panel.getByLabel("Due", { exact: true }).fill(yesterdayAtNine());
  await panel.getByLabel("For", { exact: true }).selectOption(userId);
  await panel.getByLabel("Note (optional)", { exact: true }).fill(`Digest note ${tag}`);
  await panel.getByRole("button", { name: "Add task" }).click();
  await expect(panel.getByRole("status").filter({ hasText: "Task added." })).toBeVisible();

  // Two runs at once, as two app servers' loops would: one email.
  const run = () => withDb((db) => queueTaskDigests(db, { now: new Date(), siteUrl: baseURL, timeZoneOf: staffTimeZone, hour: 0 }));
  await Promise.all([run(), run()]);
  expect(await withDb((db) => db.emailMessage.count({ where: { toAddress: email, template: "task-digest" } }))).toBe(1);

  await expect(async () => {
    await page.goto(`/mailbox?to=${encodeURIComponent(email)}`);
    await expect(page.getByRole("link", { name: /Your tasks: 1 overdue/ })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole("link", { name: /Your tasks/ })).toHaveCount(1);
  await page.getByRole("link", { name: /Your tasks: 1 overdue/ }).click();
  await expect(page.getByText("delivered", { exact: true })).toBeVisible();
  await expect(page.locator("pre")).toContainText(leadName);
  await expect(page.locator("pre")).toContainText(`Digest note ${tag}`);
  await page.context().close();
});
