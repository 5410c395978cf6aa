import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { nameSearchKeys } from "../../lib/leads/search-keys";
import { withDb } from "./db";
import { storageState } from "./staff";

// The inbox's bulk work (issue 19 items 1 and 6): rows chosen by checkbox and by `x`, a bulk
// assign with its timeline rows and a 10-second undo (JavaScript on); a bulk status change
// through the plain form, with its field error, and its undo (JavaScript off); read state.
test.describe.configure({ mode: "serial", timeout: 90_000 });

async function consolePage(browser: Browser, js: boolean): Promise<Page> {
  const context = await browser.newContext({ storageState: storageState("staff"), javaScriptEnabled: js });
  return context.newPage();
}

/** New, unassigned leads named "<first> <surname>", all found by searching the surname. */
async function leads(surname: string, firsts: string[]): Promise<string[]> {
  return withDb(async (db) => {
    const ids: string[] = [];
    for (const first of firsts) {
      const name = `${first} ${surname}`;
      const contact = await db.contact.create({
        data: { email: `${randomUUID().slice(0, 8)}@example.com`, referralCode: `BK${randomUUID().slice(0, 8).toUpperCase()}` },
      });
      const lead = await db.lead.create({
        data: { contactId: contact.id, formType: "enroll", fields: "{}", name, email: contact.email, ...nameSearchKeys(name) },
      });
      ids.push(lead.id);
    }
    return ids;
  });
}

const row = (page: Page, name: string) => page.getByRole("row").filter({ hasText: name });

test("JavaScript on: select two rows (one with x), assign them in bulk, see the timeline, undo", async ({ browser }) => {
  const surname = `Zqjs${randomUUID().slice(0, 6)}`;
  const [annId] = await leads(surname, ["Ann", "Bob", "Cy"]);
  const page = await consolePage(browser, true);
  await page.goto(`/console/leads?q=${surname.toLowerCase()}`);
  await expect(page.getByRole("row").filter({ hasText: surname })).toHaveCount(3);
  // Unread for me: in words, not colour only.
  await expect(row(page, `Ann ${surname}`)).toContainText("Unread");

  const bar = page.getByRole("form", { name: "Change the selected leads" });
  await expect(bar.getByText("0 selected")).toBeVisible();
  await expect(bar.getByRole("button", { name: "Assign" })).toBeDisabled();
  await page.getByRole("checkbox", { name: `Select Ann ${surname}` }).check();
  await expect(bar.getByText("1 selected")).toBeVisible();
  // `x` on the focused row selects it; typed into a field it does nothing.
  await page.getByRole("link", { name: `Bob ${surname}` }).focus();
  await page.keyboard.press("x");
  await expect(page.getByRole("checkbox", { name: `Select Bob ${surname}` })).toBeChecked();
  await expect(bar.getByText("2 selected")).toBeVisible();
  await bar.getByLabel("Reason (for Lost)").press("x");
  await expect(bar.getByLabel("Reason (for Lost)")).toHaveValue("x");
  await expect(bar.getByText("2 selected")).toBeVisible();
  await bar.getByLabel("Reason (for Lost)").fill("");
  // `?` lists x.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toContainText("Select the lead that has focus");
  await page.keyboard.press("Escape");

  await bar.getByLabel("Owner").selectOption({ label: "Ada Admin" });
  await bar.getByRole("button", { name: "Assign" }).click();
  const notice = page.getByRole("status").filter({ hasText: "Changed 2 leads." });
  await expect(notice).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`q=${surname.toLowerCase()}`));
  await expect(row(page, `Ann ${surname}`)).toContainText("Ada Admin");
  await expect(row(page, `Bob ${surname}`)).toContainText("Ada Admin");
  await expect(row(page, `Cy ${surname}`)).not.toContainText("Ada Admin");

  await notice.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Undid the change on 2 leads." })).toBeVisible();
  await expect(row(page, `Ann ${surname}`)).not.toContainText("Ada Admin");
  await expect(row(page, `Bob ${surname}`)).not.toContainText("Ada Admin");
  // Once: no second Undo.
  await expect(page.getByRole("button", { name: "Undo" })).toHaveCount(0);

  // The export of the selection holds exactly the selected rows.
  await page.getByRole("checkbox", { name: `Select Ann ${surname}` }).check();
  await page.getByRole("checkbox", { name: `Select Bob ${surname}` }).uncheck();
  const download = page.waitForEvent("download");
  await bar.getByRole("button", { name: "Export selected (CSV)" }).click();
  const csv = readFileSync((await (await download).path())!, "utf8");
  expect(csv).toContain(`Ann ${surname}`);
  expect(csv).not.toContain(`Bob ${surname}`);

  // Ann's timeline: the bulk change and its undo.
  await page.goto(`/console/leads/${annId}`);
  await expect(page.getByText("assigned it to Ada Admin (bulk change)")).toBeVisible();
  await expect(page.getByText("assigned it to Unassigned (undo of a bulk change)")).toBeVisible();
  // Opened: read for me now.
  await page.goto(`/console/leads?q=${surname.toLowerCase()}`);
  await expect(row(page, `Ann ${surname}`)).not.toContainText("Unread");
  await expect(row(page, `Bob ${surname}`)).toContainText("Unread");
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
});

test("JavaScript off: bulk status through the plain form (lost needs a reason), undo, select all and mark read", async ({ browser }) => {
  const surname = `Zqnojs${randomUUID().slice(0, 6)}`;
  await leads(surname, ["Dee", "Eli"]);
  const page = await consolePage(browser, false);
  await page.goto(`/console/leads?q=${surname.toLowerCase()}`);
  const bar = page.getByRole("form", { name: "Change the selected leads" });
  await page.getByRole("checkbox", { name: `Select Dee ${surname}` }).check();
  await page.getByRole("checkbox", { name: `Select Eli ${surname}` }).check();
  await bar.getByLabel("Status").selectOption("lost");
  await bar.getByRole("button", { name: "Change status" }).click();
  // The error sits by its field, and what was chosen is kept.
  await expect(bar.getByText("Say why the leads were lost.")).toBeVisible();
  await expect(bar.getByLabel("Reason (for Lost)")).toHaveAttribute("aria-invalid", "true");
  await expect(bar.getByLabel("Status")).toHaveValue("lost");
  await expect(page.getByRole("checkbox", { name: `Select Dee ${surname}` })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: `Select Eli ${surname}` })).toBeChecked();

  await bar.getByLabel("Reason (for Lost)").fill("Chose another school");
  await bar.getByRole("button", { name: "Change status" }).click();
  const notice = page.getByRole("status").filter({ hasText: "Changed 2 leads." });
  await expect(notice).toBeVisible();
  await expect(row(page, `Dee ${surname}`)).toContainText("Lost");
  await expect(row(page, `Eli ${surname}`)).toContainText("Lost");
  await notice.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Undid the change on 2 leads." })).toBeVisible();
  await expect(row(page, `Dee ${surname}`)).toContainText("New");
  await expect(row(page, `Dee ${surname}`)).not.toContainText("Lost");

  // Select all on this page is a link without JavaScript; then mark them read.
  await page.getByRole("link", { name: "Select all on this page" }).click();
  await expect(page.getByRole("checkbox", { name: `Select Dee ${surname}` })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: `Select Eli ${surname}` })).toBeChecked();
  await bar.getByRole("button", { name: "Mark read" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Marked 2 leads as read." })).toBeVisible();
  await expect(row(page, `Dee ${surname}`)).not.toContainText("Unread");
  await expect(row(page, `Eli ${surname}`)).not.toContainText("Unread");
});
