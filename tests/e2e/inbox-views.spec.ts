import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { withDb } from "./db";
import { storageState } from "./staff";

// The inbox (issue 19 item 1), with JavaScript on and off: sort by a column (the heading is a
// link, the heading cell says how the table is sorted) and page on in that order; save the
// view under a name and open it from the list of views; a quote request is found by the
// program filter through any of its courses; axe on the sorted inbox.
test.describe.configure({ mode: "serial", timeout: 90_000 });

async function consolePage(browser: Browser, js: boolean): Promise<Page> {
  const context = await browser.newContext({ storageState: storageState("staff"), javaScriptEnabled: js });
  return context.newPage();
}

/** 52 leads of one campaign (one more page than the inbox's 50), named so that their order is known. */
async function seedLeads(tag: string): Promise<string[]> {
  return withDb(async (db) => {
    const names: string[] = [];
    for (let i = 0; i < 52; i++) {
      const name = `zz${tag}${String(i).padStart(2, "0")}`;
      const contact = await db.contact.create({ data: { email: `${name}@example.com`, referralCode: `IV${randomUUID().slice(0, 8).toUpperCase()}` } });
      await db.lead.create({
        data: {
          contactId: contact.id,
          formType: "enroll",
          fields: "{}",
          name,
          searchName: name,
          email: contact.email,
          utmCampaign: tag,
          // Received in the names' order: newest first is the reverse of sorting by person.
          createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
        },
      });
      names.push(name);
    }
    return names;
  });
}

/** A quote request that ticked two courses, written as a submission writes it (lead and its programs). */
async function quoteLead(tag: string): Promise<{ name: string; programs: { slug: string; name: string }[] }> {
  return withDb(async (db) => {
    const programs = await db.program.findMany({ where: { published: true }, orderBy: { slug: "asc" }, take: 2, select: { slug: true, name: true } });
    const name = `Quote ${tag}`;
    const contact = await db.contact.create({ data: { email: `quote-${tag}@example.com`, referralCode: `IQ${randomUUID().slice(0, 8).toUpperCase()}` } });
    await db.lead.create({
      data: {
        contactId: contact.id,
        formType: "quote",
        fields: JSON.stringify({ courses: programs.map((p) => p.slug) }),
        name,
        searchName: name.toLowerCase(),
        email: contact.email,
        programs: { create: programs.map((p) => ({ programSlug: p.slug })) },
      },
    });
    return { name, programs };
  });
}

const personCells = (page: Page) => page.locator("[data-lead-link]");

for (const js of [true, false]) {
  test.describe(`the inbox's sorting and views with JavaScript ${js ? "on" : "off"}`, () => {
    const tag = `iv${js ? "j" : "n"}${randomUUID().replace(/-/g, "").slice(0, 6)}`;
    let names: string[] = [];

    test.beforeAll(async () => {
      names = await seedLeads(tag);
    });

    test("sorts by a column from its heading and pages on in that order", async ({ browser }) => {
      const page = await consolePage(browser, js);
      await page.goto(`/console/leads?campaign=${tag}`);
      const table = page.getByRole("region", { name: /^Leads, / });
      await expect(table.locator("th", { hasText: "Received" })).toHaveAttribute("aria-sort", "descending");
      // Newest first: the last name first.
      await expect(personCells(page).first()).toHaveText(names[51]);

      await table.getByRole("link", { name: /^Person/ }).click();
      await expect(page).toHaveURL(/sort=person/);
      await expect(table.locator("th", { hasText: "Person" })).toHaveAttribute("aria-sort", "ascending");
      await expect(personCells(page)).toHaveCount(50);
      await expect(personCells(page).first()).toHaveText(names[0]);
      await page.getByRole("link", { name: "Next page" }).click();
      await expect(personCells(page)).toHaveText([names[50], names[51]]);

      // Again: the other way.
      await page.goto(`/console/leads?campaign=${tag}&sort=person`);
      await page
        .getByRole("region", { name: /^Leads, / })
        .getByRole("link", { name: /^Person/ })
        .click();
      await expect(page).toHaveURL(/sort=person&dir=desc/);
      await expect(personCells(page).first()).toHaveText(names[51]);
      if (js) {
        const results = await new AxeBuilder({ page }).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
      }
      await page.context().close();
    });

    test("saves the view under a name, with an error for an empty name first, and opens it from the list", async ({ browser }) => {
      const page = await consolePage(browser, js);
      await page.goto(`/console/leads?campaign=${tag}&sort=person&dir=desc`);
      const views = page.getByRole("region", { name: "Views", exact: true });
      await views.getByText("Save or manage views").click();
      const name = views.getByLabel("Save this view as");
      await name.fill(" ");
      await views.getByRole("button", { name: "Save view" }).click();
      await expect(page.getByText("Give the view a name.")).toBeVisible();
      await expect(page).toHaveURL(/campaign=/);

      const viewName = `Campaign ${tag}`;
      await page.getByRole("region", { name: "Views", exact: true }).getByLabel("Save this view as").fill(viewName);
      await page.getByRole("region", { name: "Views", exact: true }).getByRole("button", { name: "Save view" }).click();
      await expect(page.getByText("View saved.")).toBeVisible();

      await page.goto("/console/leads");
      await page.getByRole("region", { name: "Views", exact: true }).getByRole("link", { name: viewName }).click();
      await expect(page).toHaveURL(new RegExp(`campaign=${tag}&sort=person&dir=desc`));
      await expect(page.getByRole("region", { name: "Views", exact: true }).getByRole("link", { name: viewName })).toHaveAttribute("aria-current", "page");
      await expect(personCells(page).first()).toHaveText(names[51]);
      // The starter views are there for everyone.
      await expect(page.getByRole("region", { name: "Views", exact: true }).getByRole("link", { name: "My new leads" })).toBeVisible();
      await expect(page.getByRole("region", { name: "Views", exact: true }).getByRole("link", { name: "Waiting > 24 h" })).toBeVisible();
      await page.context().close();
    });

    test("finds a quote request by the program filter through any of its courses", async ({ browser }) => {
      const quote = await quoteLead(tag);
      const page = await consolePage(browser, js);
      for (const program of quote.programs) {
        await page.goto(`/console/leads?program=${program.slug}&q=${encodeURIComponent(quote.name)}`);
        const row = page.getByRole("row", { name: new RegExp(quote.name) });
        await expect(row).toHaveCount(1);
        await expect(row).toContainText(quote.programs.map((p) => p.name).join(", "));
      }
      await page.context().close();
    });
  });
}
