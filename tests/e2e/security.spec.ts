import { expect, test, type APIRequestContext } from "@playwright/test";
import { SAMPLE_EVENTS } from "../../lib/events/seed-events";
import { contentPaths, formPaths, openPublicPage, publicPaths } from "./public-pages";

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
  const stylesheet = await page.locator('link[rel="stylesheet"]').first().getAttribute("href");
  expectSecurityHeaders((await request.get(stylesheet!)).headers(), stylesheet!);
});

/** The script-src directive of the Content-Security-Policy a page is served with. */
async function scriptSrc(request: APIRequestContext, path: string) {
  const csp = (await request.get(path)).headers()["content-security-policy"];
  return csp.split("; ").find((d) => d.startsWith("script-src"));
}

test("content pages allow no inline script at all", async ({ request }) => {
  for (const path of [...contentPaths, "/no-such-page"]) expect(await scriptSrc(request, path), path).toBe("script-src 'self'");
});

test("form pages allow only the framework's inline script", async ({ request }) => {
  for (const path of formPaths) expect(await scriptSrc(request, path), path).toBe("script-src 'self' 'unsafe-inline'");
});

test("the RSVP and comment forms hydrate: their bootstrap script is allowed and runs", async ({ request, page }) => {
  for (const path of [`/rsvp/${SAMPLE_EVENTS[0]!.slug}`, "/comment?article=/careers/machine-learning-engineer"]) {
    expect(await scriptSrc(request, path), path).toBe("script-src 'self' 'unsafe-inline'");
    const violations: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") violations.push(m.text());
    });
    await page.goto(path);
    // Next's inline bootstrap creates `self.__next_f`; a CSP without 'unsafe-inline' blocks it.
    expect(await page.evaluate(() => Array.isArray((window as { __next_f?: unknown }).__next_f)), path).toBe(true);
    expect(violations, path).toEqual([]);
    page.removeAllListeners("console");
  }
});

test("form pages carry no inline script besides Next's bootstrap and JSON-LD", async ({ page }) => {
  for (const path of formPaths) {
    await openPublicPage(page, path);
    const inline = await page.locator("script:not([src])").evaluateAll((ss) => ss.map((s) => ({ type: s.getAttribute("type"), text: s.textContent ?? "" })));
    for (const s of inline) {
      // The App Router streams its RSC payload through `self.__next_f.push(...)`, and
      // Turbopack registers its chunks with a `globalThis["TURBOPACK"]` bootstrap.
      const ok = s.type === "application/ld+json" || /^\s*\(?(self\.__next_f|\(?globalThis\["TURBOPACK"\])/.test(s.text);
      expect(ok, `${path}: unexpected inline script: ${s.text.slice(0, 120)}`).toBe(true);
    }
  }
});

test("pages load nothing from third-party origins and content pages carry no inline script", async ({ page }) => {
  // One test over every public page (there are over forty): more than the default 30 s.
  test.setTimeout(120_000);
  for (const path of publicPaths) {
    const origins = new Set<string>();
    page.on("request", (r) => origins.add(new URL(r.url()).origin));
    await openPublicPage(page, path, { waitUntil: "load" });
    const own = new URL(page.url()).origin;
    expect(
      [...origins].filter((o) => o !== own && !o.startsWith("data:")),
      path,
    ).toEqual([]);
    page.removeAllListeners("request");

    const inline = await page.locator("script:not([src])").evaluateAll((ss) => ss.map((s) => ({ type: s.getAttribute("type"), text: s.textContent ?? "" })));
    if (!contentPaths.includes(path)) continue;
    for (const s of inline) {
      expect(s.type, `${path}: unexpected inline script: ${s.text.slice(0, 120)}`).toBe("application/ld+json");
    }
  }
});
