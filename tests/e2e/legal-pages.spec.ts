import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { LEGAL_DOCS, LEGAL_DOCUMENTS, legalDocumentPath, legalVersionPath, legalVersions } from "../../lib/legal/registry";

type JsonLdNode = Record<string, unknown> & { "@type"?: string };

async function webPageJsonLd(page: import("@playwright/test").Page): Promise<JsonLdNode | undefined> {
  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
  const nodes = blocks.flatMap((b) => (JSON.parse(b) as { "@graph"?: JsonLdNode[] })["@graph"] ?? []);
  return nodes.find((n) => n["@type"] === "WebPage");
}

/** The line under the title, "Version 2, effective March 1, 2027", and not the list of versions' items. */
const versionLine = (n: number) => new RegExp(`^Version ${n}, effective [A-Z][a-z]+ \\d{1,2}, \\d{4}$`);

const everyLegalPath = LEGAL_DOCS.flatMap((doc) => [legalDocumentPath(doc), ...legalVersions(doc).map((v) => legalVersionPath(doc, v.version))]);

for (const doc of LEGAL_DOCS) {
  test(`${legalDocumentPath(doc)} shows the current version, its date and its own canonical URL`, async ({ page }) => {
    const versions = legalVersions(doc);
    const latest = versions.at(-1)!;
    const res = await page.goto(legalDocumentPath(doc));
    expect(res?.status()).toBe(200);
    await expect(page.locator("h1")).toHaveText(LEGAL_DOCUMENTS[doc].title);
    await expect(page.getByText(versionLine(latest.version))).toBeVisible();
    const base = new URL(page.url()).origin;
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", base + legalDocumentPath(doc));
    expect(await webPageJsonLd(page)).toMatchObject({ version: String(latest.version), dateModified: latest.effective, datePublished: versions[0].effective });
    // Every version is listed and linked from the page.
    const list = page.getByRole("region", { name: "All versions" });
    for (const v of versions.slice(0, -1))
      await expect(list.getByRole("link", { name: `Version ${v.version}` })).toHaveAttribute("href", legalVersionPath(doc, v.version));
  });

  test(`${legalDocumentPath(doc)}/v/<n> serves each version at its own URL, and 404 for any other n`, async ({ page, baseURL }) => {
    const base = baseURL!;
    for (const v of legalVersions(doc)) {
      const path = legalVersionPath(doc, v.version);
      expect((await page.goto(path))?.status(), path).toBe(200);
      await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", base + path);
      await expect(page.getByText(versionLine(v.version))).toBeVisible();
      expect(await webPageJsonLd(page)).toMatchObject({ version: String(v.version), dateModified: v.effective, url: base + path });
    }
    for (const n of ["0", "99", "1.0", "one"]) {
      expect((await page.goto(`${legalDocumentPath(doc)}/v/${n}`))?.status(), n).toBe(404);
    }
  });
}

test("an earlier version says so and links the current one; the current version carries no such notice", async ({ page }) => {
  for (const doc of LEGAL_DOCS) {
    const versions = legalVersions(doc);
    await page.goto(legalVersionPath(doc, versions.at(-1)!.version));
    await expect(page.getByRole("note")).toHaveCount(0);
    for (const v of versions.slice(0, -1)) {
      await page.goto(legalVersionPath(doc, v.version));
      await expect(page.getByRole("note").getByRole("link", { name: /Read the current version/ })).toHaveAttribute("href", legalDocumentPath(doc));
    }
  }
});

for (const path of everyLegalPath) {
  test(`${path} is plain HTML: no scripts, axe-clean and readable at 320px`, async ({ page }) => {
    const scripts: string[] = [];
    page.on("request", (r) => r.resourceType() === "script" && scripts.push(r.url()));
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(path, { waitUntil: "load" });
    expect(scripts, "scripts requested").toEqual([]);
    expect(await page.locator('script:not([type="application/ld+json"])').count(), "executable script tags").toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), "sideways overflow").toBeLessThanOrEqual(0);
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}
