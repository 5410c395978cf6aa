import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { parseCsv } from "../helpers/csv";
import { withDb } from "./db";
import { applyAs } from "./form-steps";
import { STAFF_ACCOUNTS, storageState } from "./staff";

/** The inbox's "N leads" line (the page has other live regions: saved views, bulk changes). */
const leadCount = (page: Page) => page.getByRole("status").filter({ hasText: /^\d[\d,]* leads?$|^More than/ });

// Staff at work in the console, in Chromium.

test.describe("signing in", () => {
  test("a wrong password is refused with a clear message; the right one opens the console; sign-out ends it", async ({ page }) => {
    await page.goto("/console/leads");
    await expect(page).toHaveURL(/\/console\/sign-in\?next=%2Fconsole%2Fleads/);
    await page.getByLabel("Email").fill(STAFF_ACCOUNTS.staff.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#sign-in-error")).toContainText("do not match");
    await expect(page.getByLabel("Email")).toHaveValue(STAFF_ACCOUNTS.staff.email);

    await page.getByLabel("Password").fill(STAFF_ACCOUNTS.staff.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/console\/leads$/);
    await expect(page.getByRole("heading", { name: "Leads" })).toBeVisible();

    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name.includes("session_token"));
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/console\/sign-in/);
    await page.goto("/console/leads");
    await expect(page).toHaveURL(/\/console\/sign-in/);
  });

  test("the sign-in page passes axe", async ({ page }) => {
    await page.goto("/console/sign-in");
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });
});

/** Application leads written straight into the database, oldest first, a minute apart, all with one UTM source. */
async function seedLeads(names: string[], source: string) {
  await withDb(async (db) => {
    for (const [i, name] of names.entries()) {
      const email = `${source}-${i}@example.com`;
      const contact = await db.contact.create({ data: { email, name, referralCode: `${source.toUpperCase()}${i}` } });
      await db.lead.create({
        data: {
          contactId: contact.id,
          formType: "enroll",
          name,
          email,
          fields: "{}",
          utmSource: source,
          createdAt: new Date(Date.now() - (names.length - i) * 60_000),
        },
      });
    }
  });
}

test.describe("working leads", () => {
  test.use({ storageState: storageState("staff") });

  test("filter the inbox, open a lead, change its status, assign it and add a note", async ({ page }) => {
    const tag = randomUUID().slice(0, 6);
    const email = `console-${tag}@example.com`;
    await applyAs(page, { name: `Cora Console${tag}`, email }, { query: `&utm_source=e2e-${tag}&cta=hero` });

    // Filters live in the URL.
    // A compact bar: the less used filters sit under "More filters".
    await page.goto("/console/leads");
    await expect(page.getByLabel("UTM source", { exact: true })).toBeHidden();
    await page.getByText(/^More filters/).click();
    await page.getByLabel("UTM source", { exact: true }).fill(`e2e-${tag}`);
    await page.getByLabel("Form").selectOption("enroll");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(new RegExp(`source=e2e-${tag}`));
    await expect(leadCount(page)).toHaveText("1 lead");
    // Each chosen filter is a chip; removing one keeps the others. "More filters" stays open while one of them is used.
    const chips = page.getByRole("list", { name: "Filters in use" });
    await expect(chips.getByRole("listitem")).toHaveText(["Form: Enrollment application×", `UTM source: e2e-${tag}×`]);
    await expect(page.getByLabel("UTM source", { exact: true })).toBeVisible();
    await chips.getByRole("link", { name: "Remove the filter Form: Enrollment application" }).click();
    await expect(page).toHaveURL(new RegExp(`^[^?]*\\?source=e2e-${tag}$`));
    await expect(chips.getByRole("listitem")).toHaveCount(1);
    // Search by surname prefix. The row says how old the lead is and shows its status as a label.
    await withDb((db) => db.contact.update({ where: { email }, data: { phone: "+442079460958" } }));
    await page.goto(`/console/leads?q=console${tag}`);
    const row = page.getByRole("row").filter({ hasText: `Cora Console${tag}` });
    await expect(row.locator("time")).toHaveText(/^(just now|\d+ min ago) \(\d+ \w+ \d{4}, \d\d:\d\d\)$/);
    await expect(row.locator("time")).toHaveAttribute("title", /^\d+ \w+ \d{4}, \d\d:\d\d$/);
    await expect(row.getByText("New", { exact: true })).toHaveClass(/rounded-full/);
    await page.getByRole("link", { name: `Cora Console${tag}` }).click();

    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Cora Console${tag}`);
    // Email and phone are links, the phone grouped for reading.
    await expect(page.getByRole("link", { name: email })).toHaveAttribute("href", `mailto:${email}`);
    await expect(page.getByRole("link", { name: "+44 20 7946 0958" })).toHaveAttribute("href", "tel:+442079460958");
    await expect(page.getByText(`e2e-${tag}`)).toBeVisible();
    // The consent links the exact privacy notice agreed to (version 2 has been in force since
    // 6 December 2026). One submission, so no list of submissions and one link.
    const agreed = page.getByRole("link", { name: "Privacy notice, version 2" });
    await expect(agreed).toHaveCount(1);
    await expect(agreed).toHaveAttribute("href", "/privacy/v/2");

    // Lost needs a reason code, shown next to the field (the action panel: tests/e2e/action-panel.spec.ts).
    const work = page.getByRole("region", { name: "Actions", exact: true });
    await work.getByLabel("Status", { exact: true }).selectOption("lost");
    await work.getByRole("button", { name: "Save", exact: true }).click();
    await expect(work.getByText("Choose why the lead was lost.")).toBeVisible();
    await expect(work.getByLabel("Lost reason", { exact: true })).toHaveAttribute("aria-invalid", "true");
    // The refused change keeps what was chosen.
    await expect(work.getByLabel("Status", { exact: true })).toHaveValue("lost");

    // Status, owner and note in one save.
    await work.getByLabel("Status", { exact: true }).selectOption("contacted");
    await work.getByLabel("Owner", { exact: true }).selectOption({ label: `${STAFF_ACCOUNTS.staff.name} (me)` });
    await work.getByLabel("Note", { exact: true }).fill("Called: wants the evening cohort. <b>not bold</b>");
    await work.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.locator("#work").getByRole("status")).toHaveText("Saved.");
    await expect(page.getByText(`${STAFF_ACCOUNTS.staff.name} moved it from new to contacted`)).toBeVisible();
    await expect(page.getByText(`${STAFF_ACCOUNTS.staff.name} assigned it to ${STAFF_ACCOUNTS.staff.name}`)).toBeVisible();
    await expect(page.getByText("Called: wants the evening cohort. <b>not bold</b>")).toBeVisible();

    const lead = await withDb((db) => db.lead.findFirstOrThrow({ where: { email }, include: { owner: true, activities: true } }));
    expect(lead.status).toBe("contacted");
    expect(lead.owner?.email).toBe(STAFF_ACCOUNTS.staff.email);
    expect(lead.firstContactedAt).not.toBeNull();
    expect(lead.activities.map((a) => a.type).sort()).toEqual(["assign", "note", "status"]);

    // "My leads" shows it.
    await page.goto(`/console/leads?owner=me&q=${encodeURIComponent(email)}`);
    await expect(page.getByRole("link", { name: `Cora Console${tag}` })).toBeVisible();
  });

  test("next and previous within the inbox view, kept after a change", async ({ page }) => {
    const tag = randomUUID().slice(0, 6);
    const names = ["Oldest", "Middle", "Newest"].map((n) => `Nav ${n}${tag}`);
    await seedLeads(names, `nav-${tag}`);
    await page.goto(`/console/leads?source=nav-${tag}`);
    await page.getByRole("link", { name: names[1] }).click();
    const around = page.getByRole("navigation", { name: "Other leads in this list" });
    await expect(around.getByRole("link")).toHaveText([`← Newer: ${names[2]}`, `Older: ${names[0]} →`]);

    // A change on the page keeps the view.
    await page.getByRole("region", { name: "Actions", exact: true }).getByLabel("Status", { exact: true }).selectOption("contacted");
    await page.getByRole("region", { name: "Actions", exact: true }).getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.locator("#work").getByRole("status")).toHaveText("Saved.");
    await around.getByRole("link", { name: `Older: ${names[0]}` }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(names[0]);
    await expect(around.getByRole("link")).toHaveText([`← Newer: ${names[1]}`]);
    await page.getByRole("link", { name: "← Back to the list" }).click();
    await expect(page).toHaveURL(new RegExp(`/console/leads\\?source=nav-${tag}$`));
    await expect(leadCount(page)).toHaveText("3 leads");
  });

  test("keyboard shortcuts: j and k move, o opens, / searches, ? lists them; none fire while typing", async ({ page }) => {
    const tag = randomUUID().slice(0, 6);
    const names = ["Older", "Newer"].map((n) => `Key ${n}${tag}`);
    await seedLeads(names, `key-${tag}`);
    await page.goto(`/console/leads?source=key-${tag}`);
    // The button opens the list once the page has hydrated (a click before does nothing, so
    // retry it); from then on the keys work too.
    await expect(async () => {
      await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
      await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toBeHidden();
    const link = (name: string) => page.getByRole("link", { name, exact: true });
    await page.keyboard.press("j");
    await expect(link(names[1])).toBeFocused();
    await page.keyboard.press("j");
    await expect(link(names[0])).toBeFocused();
    await page.keyboard.press("j");
    await expect(link(names[0])).toBeFocused();
    await page.keyboard.press("k");
    await expect(link(names[1])).toBeFocused();

    // "/" goes to the search field; there j and ? are typed, not obeyed.
    await page.keyboard.press("/");
    const search = page.getByLabel("Search name, email or phone");
    await expect(search).toBeFocused();
    await page.keyboard.type("j?");
    await expect(search).toHaveValue("j?");
    await expect(search).toBeFocused();
    await expect(page.getByRole("dialog")).toBeHidden();

    // "?" lists the shortcuts; Escape closes the list.
    await search.blur();
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toBeVisible();
    await expect(help).toContainText("Next lead (down the list)");
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();

    await link(names[1]).focus();
    await page.keyboard.press("o");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(names[1]);
  });

  test("the inbox and a lead page pass axe", async ({ page }) => {
    await page.goto("/console/leads");
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
    await page.getByRole("region", { name: /Leads/ }).getByRole("link").first().click();
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
  });
});

test.describe("referrals and export", () => {
  test.use({ storageState: storageState("staff") });

  test("approve a redemption: a negative ledger entry, and the balance shown", async ({ page }) => {
    const tag = randomUUID().slice(0, 6);
    const { leadId, contactId } = await withDb(async (db) => {
      const contact = await db.contact.create({
        data: { email: `redeem-${tag}@example.com`, name: `Rory Redeemer${tag}`, referralCode: `RD${tag.toUpperCase()}` },
      });
      await db.pointsEntry.create({ data: { contactId: contact.id, amount: 300, bucket: "confirmed", reason: "referral_confirmed", key: `e2e:${tag}` } });
      const lead = await db.lead.create({
        data: {
          contactId: contact.id,
          formType: "redemption",
          email: contact.email,
          fields: JSON.stringify({ email: contact.email, reward: "device", points: 200 }),
        },
      });
      return { leadId: lead.id, contactId: contact.id };
    });
    await page.goto("/console/referrals/redemptions");
    await page.getByRole("button", { name: new RegExp(`Approve 200 points from .*Rory Redeemer${tag}`) }).click();
    await expect(page.locator("#decision-result")).toBeVisible();
    const ledger = await withDb((db) => db.pointsEntry.findMany({ where: { contactId }, orderBy: { createdAt: "asc" } }));
    expect(ledger.map((e) => [e.amount, e.bucket, e.reason])).toEqual([
      [300, "confirmed", "referral_confirmed"],
      [-200, "confirmed", "redemption"],
    ]);
    expect((await withDb((db) => db.lead.findUniqueOrThrow({ where: { id: leadId } }))).decision).toBe("approved");
    await page.goto(`/console/referrals/${contactId}`);
    await expect(page.getByText("-200").first()).toBeVisible();
  });

  test("export the filtered view as CSV and as Excel, with readable values and notes", async ({ page }) => {
    const tag = randomUUID().slice(0, 6);
    await applyAs(page, { name: `=HYPERLINK("x") Eve${tag}`, email: `export-${tag}@example.com` }, { query: `&utm_source=csv-${tag}` });
    // A phone and a staff note, as the lead page would add them.
    await withDb(async (db) => {
      const lead = await db.lead.findFirstOrThrow({ where: { email: `export-${tag}@example.com` } });
      await db.lead.update({ where: { id: lead.id }, data: { phone: "+442079460958" } });
      await db.leadActivity.create({ data: { leadId: lead.id, type: "note", detail: `Call back ${tag}`, createdAt: new Date("2026-06-15T13:05:00Z") } });
    });
    await page.goto(`/console/leads?source=csv-${tag}`);

    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export this view as CSV" }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^leads-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = (await readFile(await csv.path())).toString("utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header.slice(0, 2)).toEqual(["ID", "Received (UTC)"]);
    expect(rows).toHaveLength(1);
    const row = Object.fromEntries(header.map((h, i) => [h, rows[0][i]]));
    expect(row.Email).toBe(`export-${tag}@example.com`);
    expect(row.Program).toBe("Machine Learning Engineering");
    expect(row.Payment).toBe("Pay upfront");
    expect(row.Notes).toBe(`2026-06-15 13:05 UTC, Staff: Call back ${tag}`);
    // The formula is neutralised: the cell starts with a quote mark, not "=".
    expect(row.Name).toBe(`'=HYPERLINK("x") Eve${tag}`);

    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export this view as Excel (.xlsx)" }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^leads-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await xlsx.path());
    const sheet = workbook.getWorksheet("Leads")!;
    const labels = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(labels).toEqual(header);
    expect(sheet.rowCount).toBe(2);
    const cell = (label: string) => sheet.getRow(2).getCell(labels.indexOf(label) + 1);
    expect(cell("Phone").value).toBe("+442079460958");
    expect(cell("Received (UTC)").value).toBeInstanceOf(Date);
    expect(cell("Name").value).toBe(`=HYPERLINK("x") Eve${tag}`);
    expect(cell("Program").value).toBe("Machine Learning Engineering");
  });
});
