import { expect, test } from "@playwright/test";
import { guide } from "../../content/guides/machine-learning-engineer/guide";
import { faqItems } from "../../content/guides/machine-learning-engineer/faq";
import { guidePaths } from "./public-pages";

test("the guide's table of contents links every section, in order", async ({ page }) => {
  await page.goto(guidePaths[0]);
  const toc = page.getByRole("navigation", { name: "Guide contents" }).last();
  const hrefs = await toc.locator("> ol > li > a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  expect(hrefs).toEqual(guidePaths);
  await expect(toc.locator('[aria-current="page"]')).toHaveText(/Overview/);
});

test("each section has its title, breadcrumbs, in-page outline, share links and recent articles", async ({ page }) => {
  for (const [i, path] of guidePaths.entries()) {
    await page.goto(path);
    await expect(page.locator("h1")).toHaveText(guide.sections[i].title);
    const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
    await expect(crumbs.getByRole("link", { name: "Home" })).toHaveAttribute("href", "/");
    await expect(crumbs.locator('[aria-current="page"]')).toBeVisible();

    // Every outline entry points at a heading that exists on the page.
    const anchors = await page.locator('ol[aria-label="On this page"] a').evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(anchors.length).toBeGreaterThan(0);
    for (const a of anchors) await expect(page.locator(`h2${a}`)).toHaveCount(1);

    const share = page.locator("text=Share this guide").locator("..");
    const shareHrefs = await share.getByRole("link").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(shareHrefs.map((h) => new URL(h).hostname)).toEqual(["www.linkedin.com", "x.com", "www.facebook.com"]);
    for (const h of shareHrefs) expect(decodeURIComponent(h)).toContain(path);

    const recent = page.getByRole("region", { name: "Recent articles" });
    const recentLinks = await recent.getByRole("link").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(recentLinks.length).toBeGreaterThanOrEqual(3);
    expect(recentLinks).not.toContain(path);
  }
});

test("CTA blocks link, through their click counter, to the forms with article and CTA attribution", async ({ page, request }) => {
  const targets = new Set<string>();
  let count = 0;
  for (const path of guidePaths) {
    await page.goto(path);
    const blocks = page.locator("aside[data-cta]");
    for (let i = 0; i < (await blocks.count()); i++) {
      const block = blocks.nth(i);
      const id = await block.getAttribute("data-cta");
      await expect(block.getByRole("heading")).not.toBeEmpty();
      const href = await block.getByRole("link").getAttribute("href");
      expect(href).toBe(`/go${path}/${id}`);
      // HEAD: where the link leads, without counting a click (lib/cta/filter.ts).
      const hop = await request.head(href!, { maxRedirects: 0 });
      expect(hop.status()).toBe(303);
      const url = new URL(hop.headers()["location"]!, "http://x");
      expect(url.searchParams.get("article")).toBe(path);
      expect(url.searchParams.get("cta")).toBe(id);
      targets.add(url.pathname);
      count++;
    }
  }
  expect(count).toBeGreaterThanOrEqual(3);
  for (const form of ["/apply", "/quote", "/refer"]) expect([...targets]).toContain(form);
});

test("the salary table shows every figure with its source and date, and flags disagreements", async ({ page }) => {
  await page.goto("/careers/machine-learning-engineer/salary-and-job-outlook");
  const tables = page.locator("table.figures-table");
  await expect(tables).toHaveCount(2);
  await expect(page.getByRole("table", { name: /Salary: figures, sources and dates/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /Job outlook: figures, sources and dates/ })).toBeVisible();
  const rows = page.locator("table.figures-table tbody tr:not(:has(td[colspan]))");
  expect(await rows.count()).toBeGreaterThan(10);
  for (const row of await rows.all()) {
    const cells = row.locator("td");
    await expect(cells.nth(1)).not.toBeEmpty(); // source
    await expect(cells.nth(2)).not.toBeEmpty(); // as of
  }
  expect(await page.locator("text=Sources disagree:").count()).toBeGreaterThanOrEqual(2);
  await expect(page.getByRole("link", { name: "U.S. Bureau of Labor Statistics" }).first()).toHaveAttribute("href", /bls\.gov/);
});

test("the FAQ page lists every question and exposes them as FAQPage data", async ({ page }) => {
  await page.goto("/careers/machine-learning-engineer/faq");
  for (const item of faqItems) await expect(page.getByRole("heading", { name: item.question })).toBeVisible();
  const ld = await page.locator('script[type="application/ld+json"]').first().textContent();
  const faq = JSON.parse(ld!)["@graph"].find((n: { "@type": string }) => n["@type"] === "FAQPage");
  expect(faq.mainEntity).toHaveLength(faqItems.length);
  expect(faq.mainEntity[0].acceptedAnswer.text).toBe(faqItems[0].answer);
});
