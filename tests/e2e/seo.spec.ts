import { expect, test } from "@playwright/test";
import { openPublicPage, publicPaths } from "./public-pages";

test("sitemap.xml lists exactly the public pages", async ({ request, baseURL }) => {
  const res = await request.get("/sitemap.xml");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("xml");
  const xml = await res.text();
  const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]));
  expect(locs.every((u) => u.origin === baseURL)).toBe(true);
  expect(locs.map((u) => u.pathname).sort()).toEqual([...publicPaths].sort());
  expect(xml).toMatch(/<lastmod>\d{4}-\d{2}-\d{2}/);
});

test("robots.txt allows the site, keeps staff areas out and names the sitemap", async ({ request, baseURL }) => {
  const text = await (await request.get("/robots.txt")).text();
  expect(text).toMatch(/User-Agent: \*/i);
  expect(text).toContain("Allow: /");
  expect(text).toContain("Disallow: /console");
  // The CTA counters (lib/cta/): crawlers have no business following or loading them.
  expect(text).toContain("Disallow: /go/");
  expect(text).toContain("Disallow: /seen/");
  expect(text).toContain(`Sitemap: ${baseURL}/sitemap.xml`);
});

test("Open Graph images are 1200x630 PNGs rendered locally", async ({ request }) => {
  for (const path of ["/og/home", "/og/programs/machine-learning-engineering", "/og/careers/machine-learning-engineer/faq"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    const png = await res.body();
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(1200);
    expect(png.readUInt32BE(20)).toBe(630);
  }
  expect((await request.get("/og/not-a-page")).status()).toBe(404);
});

test("titles and canonical URLs are unique per page", async ({ page }) => {
  const titles = new Map<string, string>();
  for (const path of publicPaths) {
    await openPublicPage(page, path);
    const title = await page.title();
    expect(titles.has(title), `"${title}" used by ${titles.get(title)} and ${path}`).toBe(false);
    titles.set(title, path);
  }
});

test("an unknown URL gets the branded 404 page with ways back", async ({ page }) => {
  const res = await page.goto("/careers/no-such-guide");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We could not find that page");
  await expect(page.getByRole("main").getByRole("link", { name: "Programs and pricing" })).toHaveAttribute("href", "/programs");
  await expect(page.getByRole("banner").getByRole("link", { name: /loomstack/i })).toBeVisible();
  const res2 = await page.goto("/programs/no-such-program");
  expect(res2?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We could not find that page");
});
