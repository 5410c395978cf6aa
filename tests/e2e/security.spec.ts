import { expect, test } from "@playwright/test";
import { publicPaths } from "./public-pages";

function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, `${what}: no third-party origins`).not.toMatch(/https?:\/\/|\*/);
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], what).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
  expect(headers["strict-transport-security"], what).toMatch(/max-age=\d{7,}/);
  expect(headers["x-powered-by"], what).toBeUndefined();
}

test("every kind of response carries the security headers", async ({ request, page }) => {
  for (const path of [...publicPaths, "/sitemap.xml", "/robots.txt", "/og/home", "/icon.svg", "/no-such-page"]) {
    const res = await request.get(path);
    expectSecurityHeaders(res.headers(), path);
  }
  await page.goto("/");
  const asset = await page.locator("script[src]").first().getAttribute("src");
  expectSecurityHeaders((await request.get(asset!)).headers(), asset!);
});

test("pages load nothing from third-party origins and carry no inline script of our own", async ({ page }) => {
  for (const path of publicPaths) {
    const origins = new Set<string>();
    page.on("request", (r) => origins.add(new URL(r.url()).origin));
    await page.goto(path, { waitUntil: "load" });
    const own = new URL(page.url()).origin;
    expect([...origins].filter((o) => o !== own && !o.startsWith("data:")), path).toEqual([]);
    page.removeAllListeners("request");

    const inline = await page.locator("script:not([src])").evaluateAll((ss) =>
      ss.map((s) => ({ type: s.getAttribute("type"), text: s.textContent ?? "" })),
    );
    for (const s of inline) {
      const isJsonLd = s.type === "application/ld+json";
      // Next's App Router streams its RSC payload through `self.__next_f.push(...)`.
      const isFramework = /^\s*\(?self\.__next_f/.test(s.text);
      expect(isJsonLd || isFramework, `${path}: unexpected inline script: ${s.text.slice(0, 120)}`).toBe(true);
    }
  }
});
