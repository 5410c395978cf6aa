import { expect, test } from "@playwright/test";

test("the skip link is the first stop and moves focus to the main content", async ({ page }) => {
  await page.goto("/careers/machine-learning-engineer");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  await expect(page.locator("main")).toBeFocused();
});

test("on a phone the menu opens from the keyboard and every item is reachable", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/");
  const menu = page.locator("summary", { hasText: "Menu" });
  await menu.focus();
  await page.keyboard.press("Enter");
  const nav = page.getByRole("navigation", { name: "Main (mobile)" });
  await expect(nav).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(nav.getByRole("link").first()).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/programs$/);
});

test("the guide contents open from the keyboard on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/careers/machine-learning-engineer");
  await page.locator("summary", { hasText: "Guide contents" }).focus();
  await page.keyboard.press("Enter");
  const toc = page.getByRole("navigation", { name: "Guide contents" }).first();
  await expect(toc.getByRole("link", { name: /Salary and outlook/ })).toBeVisible();
});

test("focus is always visible on links", async ({ page }) => {
  await page.goto("/programs");
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const s = getComputedStyle(el);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    expect(outline.style).not.toBe("none");
    expect(outline.width).toBeGreaterThanOrEqual(2);
  }
});
