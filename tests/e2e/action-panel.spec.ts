import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { withDb } from "./db";
import { STAFF_ACCOUNTS, storageState } from "./staff";

// The lead page's action panel (issue 19 item 2), with JavaScript on and off: a save that is
// refused (Lost without a reason) shows the error next to the field, moves focus there and
// keeps every other choice, the note included; the full save then makes four timeline
// entries at once. Then the lost reasons page: add, rename, reorder, retire.
test.describe.configure({ mode: "serial", timeout: 90_000 });

async function consolePage(browser: Browser, js: boolean): Promise<Page> {
  const context = await browser.newContext({ storageState: storageState("staff"), javaScriptEnabled: js });
  return context.newPage();
}

async function newLead(name: string): Promise<string> {
  return withDb(async (db) => {
    const contact = await db.contact.create({
      data: { email: `${randomUUID().slice(0, 8)}@example.com`, referralCode: `AP${randomUUID().slice(0, 8).toUpperCase()}` },
    });
    const lead = await db.lead.create({ data: { contactId: contact.id, formType: "enroll", fields: "{}", name, email: contact.email } });
    return lead.id;
  });
}

/** Tomorrow at 10:00 on the UTC clock (the staff accounts have no zone of their own). */
const tomorrowAtTen = () => `${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}T10:00`;

for (const js of [true, false]) {
  test(`one save makes status, owner, task and note; a refused save keeps every choice (JavaScript ${js ? "on" : "off"})`, async ({ browser }) => {
    const tag = `${js ? "js" : "nojs"}-${randomUUID().slice(0, 6)}`;
    const leadId = await newLead(`Panel Lead ${tag}`);
    const note = `Called ${tag}: wants the evening cohort.\nSecond line.`;
    const page = await consolePage(browser, js);
    await page.goto(`/console/leads/${leadId}`);
    const work = page.getByRole("region", { name: "Actions", exact: true });
    const field = (label: string) => work.getByLabel(label, { exact: true });
    const me = `${STAFF_ACCOUNTS.staff.name} (me)`;

    await field("Status").selectOption("lost");
    await field("Owner").selectOption({ label: me });
    await field("Task").selectOption("call");
    await field("Task due").fill(tomorrowAtTen());
    await field("Task note (optional)").fill(`Ask about funding ${tag}`);
    await field("Note").fill(note);
    await work.getByRole("button", { name: "Save", exact: true }).click();

    // The error sits next to its field, which has focus; every other choice is still there.
    await expect(work.getByText("Choose why the lead was lost.")).toBeVisible();
    await expect(field("Lost reason")).toHaveAttribute("aria-invalid", "true");
    await expect(field("Lost reason")).toHaveAttribute("aria-describedby", "panel-lostReasonCode-error");
    await expect(field("Lost reason")).toBeFocused();
    await expect(field("Status")).toHaveValue("lost");
    await expect(field("Owner")).toHaveValue(
      await withDb(async (db) => (await db.user.findUniqueOrThrow({ where: { email: STAFF_ACCOUNTS.staff.email } })).id),
    );
    await expect(field("Task")).toHaveValue("call");
    await expect(field("Task due")).toHaveValue(tomorrowAtTen());
    await expect(field("Task note (optional)")).toHaveValue(`Ask about funding ${tag}`);
    await expect(field("Note")).toHaveValue(note);
    expect(await withDb((db) => db.leadActivity.count({ where: { leadId } }))).toBe(0);

    // Choose the reason and save again: four entries on the timeline.
    await field("Lost reason").selectOption({ label: "Price" });
    await field("Reason note (optional)").fill("Wants a payment plan");
    await work.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.locator("#work").getByRole("status")).toHaveText("Saved.");
    const timeline = page.getByRole("region", { name: "Timeline of this person" });
    await expect(timeline.getByText(`${STAFF_ACCOUNTS.staff.name} moved it from new to lost: Price: Wants a payment plan`)).toBeVisible();
    await expect(timeline.getByText(`${STAFF_ACCOUNTS.staff.name} assigned it to ${STAFF_ACCOUNTS.staff.name}`)).toBeVisible();
    await expect(timeline.getByText(`added a call task for ${STAFF_ACCOUNTS.staff.name}: Ask about funding ${tag}`)).toBeVisible();
    await expect(timeline.getByText(`Called ${tag}: wants the evening cohort.`)).toBeVisible();
    const lead = await withDb((db) => db.lead.findUniqueOrThrow({ where: { id: leadId }, include: { activities: true, tasks: true, owner: true } }));
    expect(lead.activities.map((a) => a.type).sort()).toEqual(["assign", "note", "status", "task"]);
    expect(lead).toMatchObject({ status: "lost", lostReasonCode: "price", lostReason: "Price: Wants a payment plan" });
    expect(lead.owner?.email).toBe(STAFF_ACCOUNTS.staff.email);
    expect(lead.tasks).toHaveLength(1);
    // The form starts from the lead as it now is: the note is empty, no new task.
    await expect(field("Note")).toHaveValue("");
    await expect(field("Task")).toHaveValue("");
    await page.context().close();
  });
}

test("staff add, rename, reorder and retire a lost reason; a retired reason is no longer offered", async ({ browser }) => {
  const tag = randomUUID().slice(0, 6);
  const page = await consolePage(browser, false);
  await page.goto("/console/leads/lost-reasons");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lost reasons");
  await page.getByLabel("New reason").fill(`Visa refused ${tag}`);
  await page.getByRole("button", { name: "Add reason" }).click();
  await expect(page.getByRole("status")).toHaveText("Reason added.");
  const list = page.getByRole("list", { name: "Lost reasons" });
  const item = list.getByRole("listitem").filter({ hasText: `visa-refused-${tag}` });
  await expect(item).toBeVisible();

  // An empty name is refused next to the field.
  await item.getByLabel(`Name of Visa refused ${tag}`).fill("");
  await item.getByRole("button", { name: `Rename Visa refused ${tag}` }).click();
  await expect(item.getByText("Enter the reason.")).toBeVisible();
  await item.getByLabel(`Name of Visa refused ${tag}`).fill(`Visa not granted ${tag}`);
  await item.getByRole("button", { name: `Rename Visa refused ${tag}` }).click();
  await expect(page.getByRole("status")).toContainText("Reason renamed.");
  await expect(item.locator("strong")).toHaveText(`Visa not granted ${tag}`);

  const labels = () => list.getByRole("listitem").locator("strong").allTextContents();
  const before = await labels();
  // The visible "Move up" plus a hidden ": <name>" (Chromium names it "Move up : <name>").
  await item.getByRole("button", { name: new RegExp(`^Move up\\s*: Visa not granted ${tag}$`) }).click();
  await expect(page.getByRole("status")).toHaveText("Reason moved.");
  const after = await labels();
  expect(after.indexOf(`Visa not granted ${tag}`)).toBe(before.indexOf(`Visa not granted ${tag}`) - 1);

  await item.getByRole("button", { name: new RegExp(`^Retire\\s*: Visa not granted ${tag}$`) }).click();
  await expect(page.getByRole("status")).toContainText("Reason retired");
  await expect(item.getByText("Retired", { exact: true })).toBeVisible();

  const leadId = await newLead(`Reason Lead ${tag}`);
  await page.goto(`/console/leads/${leadId}`);
  const reason = page.getByRole("region", { name: "Actions", exact: true }).getByLabel("Lost reason", { exact: true });
  await expect(reason.locator("option")).toContainText(["Price", "Timing"]);
  await expect(reason.locator("option", { hasText: `Visa not granted ${tag}` })).toHaveCount(0);
  await page.context().close();
});
