import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * No axe violations (with JavaScript on: axe runs in the page; the same pages are checked with
 * it). `exclude` leaves out a selector, e.g. "iframe" for an email shown as the recipient sees
 * it (the email is not the page; axe cannot open the sandboxed frame, and the email templates
 * have checks of their own).
 */
export async function expectNoAxeViolations(page: Page, js = true, exclude?: string) {
  if (!js) return;
  const builder = new AxeBuilder({ page });
  const results = await (exclude ? builder.exclude(exclude) : builder).analyze();
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
