import { expect, test } from "@playwright/test";
import { createDb } from "../../lib/db";
import { formatCohortDate, formatMoney, listPrograms } from "../../lib/content/programs";

// The pages must show what is in the database the server was built from.
const programsInDb = async () => {
  const db = createDb(process.env.DATABASE_URL ?? "file:./prisma/e2e.db");
  try {
    return await listPrograms(db);
  } finally {
    await db.$disconnect();
  }
};

test("program pages show format, duration, next cohorts and payment options from the database", async ({ page }) => {
  const programs = await programsInDb();
  expect(programs.length).toBeGreaterThanOrEqual(2);
  expect(programs.map((p) => p.slug)).toContain("machine-learning-engineering");
  for (const p of programs) {
    await page.goto(`/programs/${p.slug}`);
    await expect(page.locator("h1")).toHaveText(p.name);
    const format = page.getByRole("region", { name: "Format and duration" });
    await expect(format).toContainText(`${p.durationWeeks} weeks`);
    await expect(format).toContainText(p.format);
    await expect(format).toContainText(p.schedule);

    const cohorts = page.getByRole("region", { name: "Next cohorts" });
    expect(p.upcomingCohorts.length).toBeGreaterThan(0);
    for (const c of p.upcomingCohorts) {
      await expect(cohorts).toContainText(c.name);
      await expect(cohorts).toContainText(formatCohortDate(c.startDate));
      const apply = cohorts.getByRole("link", { name: `Apply for this cohort: ${c.name}` });
      const url = new URL((await apply.getAttribute("href"))!, "http://x");
      expect(url.pathname).toBe("/apply");
      expect(url.searchParams.get("program")).toBe(p.slug);
      expect(url.searchParams.get("cohort")).toBe(c.id);
      expect(url.searchParams.get("article")).toBe(`/programs/${p.slug}`);
    }

    const pricing = page.getByRole("region", { name: "Tuition and payment options" });
    for (const o of p.paymentOptions) {
      await expect(pricing).toContainText(o.label);
      await expect(pricing).toContainText(formatMoney(o.totalCents, o.currency));
    }
    for (const kind of ["upfront", "instalments", "financing"]) {
      expect(p.paymentOptions.map((o) => o.kind)).toContain(kind);
    }
  }
});

test("the programs page compares every program's tuition", async ({ page }) => {
  const programs = await programsInDb();
  await page.goto("/programs");
  const table = page.getByRole("table");
  for (const p of programs) {
    const row = table.getByRole("row", { name: new RegExp(p.name) });
    for (const o of p.paymentOptions) await expect(row).toContainText(formatMoney(o.totalCents, o.currency));
  }
});

test("the home page lists the programs and the next cohort of each", async ({ page }) => {
  const programs = await programsInDb();
  await page.goto("/");
  const next = page.getByRole("heading", { name: "Next cohorts" }).locator("..");
  for (const p of programs) {
    await expect(page.getByRole("link", { name: p.name }).first()).toBeVisible();
    await expect(next).toContainText(formatCohortDate(p.upcomingCohorts[0].startDate));
  }
  for (const [name, path] of [
    ["Apply for a cohort", "/apply"],
    ["Get a quote", "/quote"],
    ["Refer a friend", "/refer"],
    ["Get my discount", "/newsletter"],
  ]) {
    const href = await page.getByRole("main").getByRole("link", { name, exact: true }).first().getAttribute("href");
    const url = new URL(href!, "http://x");
    expect(url.pathname).toBe(path);
    expect(url.searchParams.get("cta")).toBeTruthy();
  }
});
