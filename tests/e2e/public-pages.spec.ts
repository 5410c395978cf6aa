import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { contentPaths, expectedJsonLdTypes, openPublicPage, publicPaths } from "./public-pages";

type JsonLdNode = { "@type"?: string | string[]; "@graph"?: JsonLdNode[] };

for (const path of publicPaths) {
  test.describe(`public page ${path}`, () => {
    test("renders with metadata, valid JSON-LD and no console errors", async ({ page, request }) => {
      const errors: string[] = [];
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      page.on("pageerror", (e) => errors.push(String(e)));
      const res = await openPublicPage(page, path);
      expect(res?.status()).toBe(200);

      await expect(page.locator("h1")).toHaveCount(1);
      await expect(page.locator("h1")).not.toBeEmpty();
      expect((await page.title()).length).toBeGreaterThan(10);
      const description = await page.locator('meta[name="description"]').getAttribute("content");
      expect(description?.length ?? 0).toBeGreaterThan(50);

      const base = new URL(page.url()).origin;
      await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", base + (path === "/" ? "" : path));
      for (const prop of ["og:title", "og:description", "og:url", "og:image", "og:type"]) {
        await expect(page.locator(`meta[property="${prop}"]`), prop).toHaveCount(1);
      }
      await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");

      const ogImage = await page.locator('meta[property="og:image"]').getAttribute("content");
      const img = await request.get(ogImage!);
      expect(img.status()).toBe(200);
      expect(img.headers()["content-type"]).toBe("image/png");

      const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
      expect(blocks.length).toBeGreaterThanOrEqual(expectedJsonLdTypes(path).length > 0 ? 1 : 0);
      const types = new Set<string>();
      for (const block of blocks) {
        const doc = JSON.parse(block) as JsonLdNode & { "@context"?: string };
        expect(doc["@context"]).toBe("https://schema.org");
        for (const node of doc["@graph"] ?? [doc]) [node["@type"]].flat().forEach((t) => t && types.add(t));
      }
      for (const t of expectedJsonLdTypes(path)) expect([...types], `JSON-LD @type ${t}`).toContain(t);

      expect(errors, errors.join("\n")).toEqual([]);
    });

    test("has no axe violations", async ({ page }) => {
      await openPublicPage(page, path);
      const results = await new AxeBuilder({ page }).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
      expect(summary, summary.join("\n")).toEqual([]);
    });

    test("fits a 320px phone and 200% zoom without sideways scrolling", async ({ page }) => {
      for (const width of [320, 640]) {
        await page.setViewportSize({ width, height: 800 });
        await openPublicPage(page, path);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `horizontal overflow at ${width}px`).toBeLessThanOrEqual(0);
      }
    });

    if (contentPaths.includes(path)) {
      test("loads no JavaScript at all (so no form code either)", async ({ page }) => {
        const scripts: string[] = [];
        page.on("request", (r) => r.resourceType() === "script" && scripts.push(r.url()));
        await openPublicPage(page, path, { waitUntil: "load" });
        expect(scripts).toEqual([]);
        const executable = await page.locator('script:not([type="application/ld+json"])').count();
        expect(executable).toBe(0);
      });
    }
  });
}
