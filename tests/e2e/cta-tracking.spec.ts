import AxeBuilder from "@axe-core/playwright";
import { expect, request as newRequest, test, type Page } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { withDb } from "./db";
import { unique } from "./form-steps";
import { storageState } from "./staff";

// CTA tracking end to end (lib/cta/): the lazy beacon counts an impression, the /go/ link a
// click and then lands on the form with the attribution; the lead shows on /console/ctas.
// The CTA is deep in a long article, so no other spec's page loads come near its beacon.

const ARTICLE = "/careers/machine-learning-engineer/salary-and-job-outlook";
const CTA = "salary-quote";
const TITLE = "Weigh the cost against the outlook";
const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

/** The CTA's counts so far, summed over days (the expected values come from these, not the page). */
const counts = () =>
  withDb(async (db) => {
    const s = await db.ctaDailyCount.aggregate({ where: { article: ARTICLE, cta: CTA }, _sum: { impressions: true, clicks: true } });
    return { impressions: s._sum.impressions ?? 0, clicks: s._sum.clicks ?? 0 };
  });

const block = (page: Page) => page.locator(`aside[data-cta="${CTA}"]`);

test.describe.configure({ mode: "serial" });

test.describe("with JavaScript on", () => {
  test("the beacon waits for the CTA to come near, then counts one impression; the click lands on the form", async ({ page }) => {
    const before = await counts();
    await page.goto(ARTICLE, { waitUntil: "load" });
    const beacon = block(page).locator("img");
    await expect(beacon).toHaveAttribute("loading", "lazy");
    await expect(beacon).toHaveAttribute("alt", "");
    await expect(beacon).toHaveAttribute("aria-hidden", "true");
    expect(await beacon.evaluate((i: HTMLImageElement) => i.complete), "not loaded before the CTA comes near").toBe(false);
    expect(await counts()).toEqual(before);

    await block(page).scrollIntoViewIfNeeded();
    await expect.poll(() => beacon.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth === 1)).toBe(true);
    await expect.poll(counts).toEqual({ impressions: before.impressions + 1, clicks: before.clicks });
    // The beacon is out of the flow: the block's height is the same with or without it.
    const heights = await block(page).evaluate((el) => {
      const img = el.querySelector("img")!;
      const h = el.getBoundingClientRect().height;
      img.style.display = "none";
      const without = el.getBoundingClientRect().height;
      img.style.display = "";
      return [h, without];
    });
    expect(heights[0]).toBe(heights[1]);

    await block(page).getByRole("link").click();
    await expect(page).toHaveURL((u) => u.pathname === "/quote" && u.searchParams.get("article") === ARTICLE && u.searchParams.get("cta") === CTA);
    await expect.poll(counts).toEqual({ impressions: before.impressions + 1, clicks: before.clicks + 1 });
  });
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("view, click, send the quote form: the lead carries the CTA and /console/ctas shows it", async ({ page, browser }) => {
    const today = new Date().toISOString().slice(0, 10);
    const leadsToday = () => withDb((db) => db.lead.count({ where: { article: ARTICLE, cta: CTA, createdAt: { gte: new Date(`${today}T00:00:00.000Z`) } } }));
    const leadsBefore = await leadsToday();
    const before = await counts();
    // Without scripting, browsers load lazy images at once (HTML's anti-tracking rule), so the view counts on load.
    await page.goto(ARTICLE);
    await expect.poll(counts).toEqual({ impressions: before.impressions + 1, clicks: before.clicks });

    await block(page).scrollIntoViewIfNeeded();
    await block(page).getByRole("link").click();
    await expect(page).toHaveURL((u) => u.pathname === "/quote" && u.searchParams.get("article") === ARTICLE && u.searchParams.get("cta") === CTA);
    await expect.poll(counts).toEqual({ impressions: before.impressions + 1, clicks: before.clicks + 1 });

    const email = unique("cta-quote");
    await page.getByLabel("Just me").check();
    await page.getByLabel("Full name").fill("Cora Click");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Data Analytics").check();
    await page.getByLabel("Which device will you learn on?").selectOption("linux");
    await page.locator('input[name="contactBy"][value="email"]').check();
    await page.getByRole("checkbox", { name: /I agree|agreed/ }).check();
    await page.getByRole("button", { name: "Get my quote" }).click();
    await expect(page.getByRole("status")).toContainText("Quote request received");
    const lead = await withDb((db) => db.lead.findFirstOrThrow({ where: { email } }));
    expect(lead).toMatchObject({ article: ARTICLE, cta: CTA });
    const leads = await leadsToday();
    expect(leads).toBe(leadsBefore + 1);

    const staff = await browser.newContext({ storageState: storageState("staff"), javaScriptEnabled: false });
    try {
      const consolePage = await staff.newPage();
      await consolePage.goto(`/console/ctas?from=${today}&to=${today}`);
      const row = consolePage.getByRole("region", { name: "Funnel by call to action" }).getByRole("row", { name: new RegExp(TITLE) });
      const now = await withDb(async (db) => {
        const s = await db.ctaDailyCount.aggregate({ where: { article: ARTICLE, cta: CTA, day: today }, _sum: { impressions: true, clicks: true } });
        return { impressions: s._sum.impressions ?? 0, clicks: s._sum.clicks ?? 0 };
      });
      const cells = row.getByRole("cell");
      await expect(cells.nth(0)).toHaveText(ARTICLE);
      await expect(cells.nth(1)).toHaveText(String(now.impressions));
      await expect(cells.nth(2)).toHaveText(String(now.clicks));
      await expect(cells.nth(4)).toHaveText(`${leads} leads: open them in the inbox`);
      await expect(cells.nth(6)).toHaveText("0");
    } finally {
      await staff.close();
    }
  });
});

test("a bot, a HEAD and a prefetch are not counted; a browser's hits are", async () => {
  const bot = await newRequest.newContext({ baseURL, userAgent: GOOGLEBOT, maxRedirects: 0 });
  const person = await newRequest.newContext({
    baseURL,
    maxRedirects: 0,
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  });
  try {
    const before = await counts();
    const seen = await bot.get(`/seen${ARTICLE}/${CTA}`);
    expect(seen.status()).toBe(200);
    expect(seen.headers()["content-type"]).toBe("image/gif");
    expect((await bot.get(`/go${ARTICLE}/${CTA}`)).status()).toBe(303);
    expect((await person.head(`/go${ARTICLE}/${CTA}`)).status()).toBe(303);
    expect((await person.get(`/seen${ARTICLE}/${CTA}`, { headers: { "Sec-Purpose": "prefetch" } })).status()).toBe(200);
    expect((await person.get(`/go${ARTICLE}/${CTA}`, { headers: { Purpose: "prefetch" } })).status()).toBe(303);
    expect(await counts()).toEqual(before);

    const go = await person.get(`/go${ARTICLE}/${CTA}`);
    expect(await counts()).toEqual({ impressions: before.impressions, clicks: before.clicks + 1 });
    expect(go.headers()["set-cookie"]).toBeUndefined();
    expect(go.headers()["cache-control"]).toBe("no-store");
    expect(go.headers()["x-robots-tag"]).toContain("noindex");
    const image = await person.get(`/seen${ARTICLE}/${CTA}`);
    expect(image.headers()["set-cookie"]).toBeUndefined();
    expect(image.headers()["cache-control"]).toBe("no-store");
    expect(await counts()).toEqual({ impressions: before.impressions + 1, clicks: before.clicks + 1 });
  } finally {
    await Promise.all([bot.dispose(), person.dispose()]);
  }
});

test("crafted /go/ paths get a 4xx and never a Location off the site", async () => {
  const ctx = await newRequest.newContext({ baseURL, maxRedirects: 0 });
  try {
    for (const path of [
      "/go//evil.example",
      "/go/%2F%2Fevil.example",
      "/go/%5Cevil.example/x",
      "/go/careers/%2e%2e/%2e%2e/evil",
      `/go${ARTICLE}/${CTA}/extra`,
      `/go${ARTICLE}/not-a-cta`,
      `/go${ARTICLE}/%ZZ`,
      `/go${ARTICLE}/${CTA}?to=https://evil.example&url=//evil.example`,
      "/go/https:%2F%2Fevil.example",
      "/seen/%2F%2Fevil.example/x",
    ]) {
      const res = await ctx.get(path);
      const location = res.headers()["location"];
      if (location !== undefined) {
        expect(new URL(location, baseURL).origin, path).toBe(baseURL);
        // Next's own 308 that folds "//" into "/" (then our 404), or the CTA's 303 to its form.
        if (res.status() === 308) expect(new URL(location, baseURL).pathname, path).toMatch(/^\/(go|seen)\/[^/]/);
        else expect([res.status(), location], path).toEqual([303, `/quote?article=${encodeURIComponent(ARTICLE)}&cta=${CTA}`]);
      } else {
        expect(res.status(), path).toBeGreaterThanOrEqual(400);
        expect(res.status(), path).toBeLessThan(500);
      }
    }
  } finally {
    await ctx.dispose();
  }
});

test("/console/ctas has no axe violations and fits a 390px phone", async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: storageState("staff"), viewport: { width: 390, height: 844 } });
  try {
    const page = await ctx.newPage();
    await page.goto("/console/ctas?from=2026-01-01&to=2026-12-31");
    await expect(page.getByRole("heading", { level: 1, name: "Which CTA converts" })).toBeVisible();
    // Measured before axe runs (axe adds its own nodes to the page while it works).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const results = await new AxeBuilder({ page }).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
    expect(summary, summary.join("\n")).toEqual([]);
  } finally {
    await ctx.close();
  }
});
