import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { ROUTES, seedRouteIds, type Ids, type Route } from "./console-routes";
import { storageState } from "./staff";

// The authorization matrix for pages and route handlers, over HTTP against the production
// build: every console page and route is requested anonymously, as staff and as admin.
// Anonymous → sign-in (pages) or 401 (routes); staff on admin-only → 403; else 200.
// Every console route in the build must have a row here. Server Actions have their own
// matrix in tests/integration/console-authorization.test.ts.

/** Console routes that anyone may open. */
const PUBLIC = new Set(["/(console)/console/sign-in/page", "/(console)/console/forgot-password/page", "/(console)/console/reset-password/[token]/page"]);

const distDir = process.env.NEXT_DIST_DIR ?? ".next-test";
const built = Object.keys(JSON.parse(readFileSync(path.join(distDir, "server", "app-paths-manifest.json"), "utf8")) as Record<string, string>);

let ids: Ids;
const contexts: Record<string, APIRequestContext> = {};

test.beforeAll(async () => {
  ids = await seedRouteIds();
  contexts.anonymous = await request.newContext({ baseURL, maxRedirects: 0 });
  contexts.staff = await request.newContext({ baseURL, maxRedirects: 0, storageState: storageState("staff") });
  contexts.admin = await request.newContext({ baseURL, maxRedirects: 0, storageState: storageState("admin") });
});
test.afterAll(async () => {
  await Promise.all(Object.values(contexts).map((c) => c.dispose()));
});

test("every console page and route in the build has a row in the matrix", () => {
  const consoleRoutes = built.filter((p) => p.startsWith("/(console)/") && !PUBLIC.has(p));
  expect(consoleRoutes.length).toBeGreaterThan(10);
  expect(consoleRoutes.filter((p) => !ROUTES.some((r) => r.pattern === p))).toEqual([]);
  expect(ROUTES.filter((r) => !built.includes(r.pattern)).map((r) => r.pattern)).toEqual([]);
});

/** Anonymous → sign-in (pages) or 401 (routes); staff on admin-only → 403; else 200. */
function expectedFor(who: "anonymous" | "staff" | "admin", route: Route): string {
  if (who === "anonymous") return route.kind === "page" ? "redirect to sign-in" : "401";
  return route.access === "admin-only" && who === "staff" ? "403" : "200";
}

for (const who of ["anonymous", "staff", "admin"] as const) {
  test(`pages and routes as ${who}`, async () => {
    const results: string[] = [];
    for (const route of ROUTES) {
      if (!built.includes(route.pattern)) continue;
      const url = route.path(ids);
      const res = await contexts[who].get(url);
      const status = res.status();
      const expected = expectedFor(who, route);
      const location = res.headers()["location"] ?? "";
      const got = status >= 300 && status < 400 ? (location.includes("/console/sign-in") ? "redirect to sign-in" : `redirect to ${location}`) : String(status);
      results.push(`${url}: ${got}${got === expected ? "" : `  <-- expected ${expected}`}`);
    }
    expect(results.filter((r) => r.includes("<--"))).toEqual([]);
  });
}
