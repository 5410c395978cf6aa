import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** No axe violations (with JavaScript on: axe runs in the page; the same pages are checked with it). */
export async function expectNoAxeViolations(page: Page, js = true) {
  if (!js) return;
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    `axe on ${page.url()}`,
  ).toEqual([]);
}

/** No sideways scrolling on a 390 px wide phone; the viewport is put back afterwards. */
export async function expectNoSidewaysScroll(page: Page) {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${page.url()} at 390 px overflows by ${overflow} px`).toBeLessThanOrEqual(0);
  if (before) await page.setViewportSize(before);
}
