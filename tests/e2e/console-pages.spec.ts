import { expect, test } from "@playwright/test";
import { ROUTES, seedRouteIds, type Ids } from "./console-routes";
import { expectNoAxeViolations, expectNoSidewaysScroll } from "./page-checks";
import { storageState } from "./staff";

// Every console page (issue 19, item 12), opened by an admin in Chromium: no axe violations,
// and no sideways scrolling on a 390 px phone. The list is the authorization matrix's
// (console-routes.ts), which must name every page in the build, so a new page cannot be
// left out. Each page is its own test (axe takes seconds a page).

test.describe.configure({ mode: "parallel" });

let ids: Ids | undefined;
const idsOnce = async () => (ids ??= await seedRouteIds());

/** The signed-out pages of the console, with the URL to open. */
const SIGNED_OUT = ["/console/sign-in", "/console/forgot-password", "/console/reset-password/not-a-real-token"];

const seen = new Set<string>();
for (const route of ROUTES) {
  if (route.kind !== "page") continue;
  // One test per page: the matrix lists some twice (as staff and someone else's, say).
  if (seen.has(route.pattern)) continue;
  seen.add(route.pattern);
  test(`${route.pattern.replace(/^\/\(console\)|\/page$/g, "") || "/"}: axe and 390 px`, async ({ browser }) => {
    test.setTimeout(60_000);
    const context = await browser.newContext({ storageState: storageState("admin") });
    const page = await context.newPage();
    const response = await page.goto(route.path(await idsOnce()));
    expect(response?.status(), page.url()).toBe(200);
    await expect(page.locator("main h1").first()).toBeVisible();
    // An email preview's frame holds the email, not the console (mailbox.spec.ts does the same).
    await expectNoAxeViolations(page, true, "iframe");
    await expectNoSidewaysScroll(page);
    await context.close();
  });
}

for (const path of SIGNED_OUT) {
  test(`${path} (signed out): axe and 390 px`, async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(path);
    await expect(page.locator("main h1").first()).toBeVisible();
    await expectNoAxeViolations(page);
    await expectNoSidewaysScroll(page);
    await context.close();
  });
}
