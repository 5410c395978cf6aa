import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { withDb } from "./db";
import { storageState } from "./staff";

/**
 * People, outcomes and stories: staff edit them in the console (with and without
 * JavaScript), and the static pages show the change at once. Expected figures are worked
 * out here from the counts in the database, not read from the page's own code.
 */

// A real 2×2 PNG: its first bytes are what the server checks.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAE0lEQVR4nGPg9vcCIoZPSx2BCAAbTgT5BCNnIQAAAABJRU5ErkJggg==", "base64");
const unique = () => Math.random().toString(36).slice(2, 8);

/** Every JSON-LD block of the page, as text. */
const jsonLdOf = (page: Page) => page.locator('script[type="application/ld+json"]').allTextContents();

for (const js of [true, false]) {
  test.describe(`the instructor editor with JavaScript ${js ? "on" : "off"}`, () => {
    test.use({ storageState: storageState("staff"), javaScriptEnabled: js });

    test("staff add an instructor with a photo; /about and the program page show them", async ({ page, request }) => {
      const name = `Esme ${js ? "Script" : "Plain"} ${unique()}`;
      await page.goto("/console/instructors/new");
      await page.getByLabel("Name", { exact: true }).fill(name);
      await page.getByLabel("Role").fill("Instructor, SQL and dashboards");
      await page.getByLabel("Shown as").selectOption("instructor");
      await page.getByLabel("Position").fill("1");
      await page.getByLabel("Short bio").fill("Esme teaches SQL to people who were told they were not numbers people.");
      await page.getByLabel("Data Analytics").check();
      await page.getByLabel("Photo (optional)", { exact: true }).setInputFiles({ name: "esme.png", mimeType: "image/png", buffer: PNG });
      await page.getByLabel("Photo description (alt text)").fill(`${name} at a whiteboard`);
      await page.getByRole("button", { name: "Add person" }).click();

      await expect(page).toHaveURL(/\/console\/instructors\/[a-z0-9]+\?saved=1$/);
      await expect(page.getByRole("status")).toContainText("Person saved. The public pages show it now.");

      await page.goto("/about");
      const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name }) });
      await expect(card).toContainText("Instructor, SQL and dashboards");
      await expect(card.getByRole("link", { name: "Data Analytics" })).toHaveAttribute("href", "/programs/data-analytics");
      const img = card.getByRole("img", { name: `${name} at a whiteboard` });
      const src = await img.getAttribute("src");
      expect(src).toMatch(/^\/photos\/[a-z0-9]+$/);
      const photo = await request.get(src!);
      expect(photo.status()).toBe(200);
      expect(photo.headers()["content-type"]).toBe("image/png");
      expect(photo.headers()["cache-control"]).toContain("immutable");
      expect(photo.headers()["x-content-type-options"]).toBe("nosniff");
      expect(Buffer.compare(await photo.body(), PNG)).toBe(0);
      expect((await jsonLdOf(page)).join("\n")).toContain(`"name":"${name}"`);

      await page.goto("/programs/data-analytics");
      await expect(page.getByRole("region", { name: "Your instructors" })).toContainText(name);
      await page.goto("/programs/full-stack-development");
      await expect(page.getByRole("region", { name: "Your instructors" })).not.toContainText(name);
    });

    test("a post with missing fields and a fake image gets messages by the fields, and saves nothing", async ({ page }) => {
      const role = `Nobody ${unique()}`;
      await page.goto("/console/instructors/new");
      await page.getByLabel("Role").fill(role);
      await page
        .getByLabel("Photo (optional)", { exact: true })
        .setInputFiles({ name: "cat.png", mimeType: "image/png", buffer: Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>") });
      await page.getByRole("button", { name: "Add person" }).click();
      // (With JavaScript, Next's route announcer is an empty alert too.)
      await expect(page.getByRole("alert").filter({ hasText: "Please correct the highlighted fields." })).toBeVisible();
      await expect(page.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByText("Enter the name.")).toBeVisible();
      await expect(page.getByText("Choose a JPEG, PNG or WebP image.")).toBeVisible();
      await expect(page.getByLabel("Role")).toHaveValue(role);
      expect(await withDb((db) => db.instructor.count({ where: { role } }))).toBe(0);
    });
  });
}

test.describe("the outcomes report", () => {
  test("shows the sample label and each report's figures, computed from its counts", async ({ page }) => {
    const reports = await withDb((db) =>
      db.outcomeReport.findMany({ where: { sample: true, published: true, program: { published: true } }, include: { program: { select: { slug: true } } } }),
    );
    expect(reports.length).toBeGreaterThan(0);
    await page.goto("/outcomes");
    await expect(page.getByText("Sample data, not real results").first()).toBeVisible();
    await expect(page.locator("main")).toContainText("they are not results of real students");
    for (const r of reports) {
      const section = page.locator(`#report-${r.id}`);
      await expect(section).toContainText(r.cohortLabel);
      await expect(section).toContainText("Reporting period");
      await expect(section).toContainText("Last updated");
      const rate = Math.round((r.hiredWithin180 * 1000) / r.jobSeeking) / 10;
      await expect(section).toContainText(`${rate}% of job-seeking graduates`);
      const salaries = r.salariesCents
        .split("\n")
        .filter(Boolean)
        .map(Number)
        .sort((a, b) => a - b);
      const m = salaries.length >> 1;
      const median = salaries.length % 2 ? salaries[m] : Math.round((salaries[m - 1] + salaries[m]) / 2);
      await expect(section).toContainText(`$${(median / 100).toLocaleString("en-US", { maximumFractionDigits: 0 })} a year`);
      if (r.sample) await expect(section).toContainText("Sample data, not real results");
    }
    const first = reports[0];
    await page.goto(`/programs/${first.program.slug}`);
    const line = page.getByRole("region", { name: "Graduate outcomes" });
    await expect(line).toContainText(`of ${first.jobSeeking} job-seeking graduates`);
    await expect(line.getByRole("link", { name: /Read the full outcomes report/ })).toHaveAttribute("href", /^\/outcomes#report-[a-z0-9]+$/);
  });
});

for (const js of [true, false]) {
  test.describe(`student stories and outcomes reports with JavaScript ${js ? "on" : "off"}`, () => {
    test.use({ storageState: storageState("staff"), javaScriptEnabled: js });

    test("only a story with consent recorded and published is shown, with who recorded the consent", async ({ page }) => {
      const shown = `Shown story ${unique()}`;
      const hidden = `Unconsented story ${unique()}`;
      for (const [headline, consent] of [
        [shown, true],
        [hidden, false],
      ] as const) {
        await page.goto("/console/stories/new");
        await page.getByLabel("Student's name as published").fill("Dana K.");
        await page.getByLabel("Program", { exact: true }).selectOption({ label: "Data Analytics" });
        await page.getByLabel("Date", { exact: true }).fill("2026-09-01");
        await page.getByLabel("Headline", { exact: true }).fill(headline);
        await page.getByLabel("Story", { exact: true }).fill("I was a nurse.\n\nNow I write SQL every day.");
        if (consent) {
          await page.getByLabel("The student gave consent to publish this story").check();
          await page.getByLabel("Published on /stories").check();
        }
        await page.getByRole("button", { name: "Add story" }).click();
        await expect(page).toHaveURL(/\/console\/stories\/[a-z0-9]+\?saved=1$/);
        if (consent) await expect(page.locator("main")).toContainText("by Sam Staff <staff-e2e@loomstack.example>");
      }
      await page.goto("/stories");
      await expect(page.getByRole("heading", { name: shown })).toBeVisible();
      await expect(page.getByRole("heading", { name: hidden })).toHaveCount(0);
    });

    test("staff add an outcomes report: contradictory counts are refused by the field, then /outcomes shows the computed figures", async ({ page }) => {
      const label = `E2E graduates ${js ? "js" : "nojs"} ${unique()}`;
      await page.goto("/console/outcomes/new");
      await page.getByLabel("Program", { exact: true }).selectOption({ label: "Data Analytics" });
      await page.getByLabel("Cohorts covered").fill(label);
      // An old period, so the program page's line keeps showing the latest (seeded) report.
      await page.getByLabel("Reporting period: first graduation date").fill("2020-01-01");
      await page.getByLabel("Reporting period: last graduation date").fill("2020-06-30");
      await page.getByLabel("Graduates", { exact: true }).fill("20");
      await page.getByLabel("Job-seeking graduates").fill("16");
      await page.getByLabel("Hired in field within 90 days").fill("8");
      await page.getByLabel("Hired in field within 180 days").fill("17");
      await page.getByLabel(/Reported starting salaries/).fill("70000\n60,000\n90000\n80000");
      await page.getByLabel("Methodology").fill("Counted as the CIRR standard counts.");
      await page.getByRole("button", { name: "Add report" }).click();
      await expect(page.getByText("Hired within 180 days cannot be more than the 16 job-seeking graduates.")).toBeVisible();
      await expect(page.getByLabel("Hired in field within 180 days")).toHaveAttribute("aria-invalid", "true");
      expect(await withDb((db) => db.outcomeReport.count({ where: { cohortLabel: label } }))).toBe(0);

      await page.getByLabel("Hired in field within 180 days").fill("12");
      await page.getByRole("button", { name: "Add report" }).click();
      await expect(page).toHaveURL(/\/console\/outcomes\/[a-z0-9]+\?saved=1$/);
      await expect(page.getByRole("status")).toContainText("Report saved. The public pages show it now.");

      await page.goto("/outcomes");
      const section = page.locator("section[id^=report-]").filter({ has: page.getByRole("heading", { name: `Data Analytics: ${label}` }) });
      await expect(section).toContainText("75% of job-seeking graduates"); // 12 of 16
      await expect(section).toContainText("80% of graduates"); // 16 of 20
      await expect(section).toContainText("$75,000 a year"); // the middle two of 60, 70, 80, 90 thousand
      await expect(section).not.toContainText("Sample data");
    });
  });
}

test("no people page, story or program page marks anything up as Review or AggregateRating", async ({ page }) => {
  for (const path of ["/about", "/outcomes", "/stories", "/programs/data-analytics"]) {
    await page.goto(path);
    const blocks = (await jsonLdOf(page)).join("\n");
    expect(blocks.length, path).toBeGreaterThan(0);
    for (const forbidden of ['"Review"', '"AggregateRating"', "ratingValue", "reviewRating"]) expect(blocks, `${path}: ${forbidden}`).not.toContain(forbidden);
  }
});

test("/about publishes the published people as the organization's Person employees", async ({ page }) => {
  // The seeded people (others are being added by the editor tests, in parallel).
  const people = await withDb((db) => db.instructor.findMany({ where: { published: true, NOT: { name: { startsWith: "Esme " } } }, select: { name: true } }));
  await page.goto("/about");
  const graph = JSON.parse((await jsonLdOf(page))[0]) as { "@graph": { "@type": string; employee?: { "@type": string; name: string }[] }[] };
  const org = graph["@graph"].find((n) => n["@type"] === "EducationalOrganization");
  const employees = org?.employee ?? [];
  expect(employees.every((e) => e["@type"] === "Person")).toBe(true);
  expect(employees.map((e) => e.name)).toEqual(expect.arrayContaining(people.map((p) => p.name)));
});

test.describe("the console editors", () => {
  test.use({ storageState: storageState("staff") });
  for (const path of [
    "/console/instructors",
    "/console/instructors/new",
    "/console/outcomes",
    "/console/outcomes/new",
    "/console/stories",
    "/console/stories/new",
  ]) {
    test(`${path} has no axe violations`, async ({ page }) => {
      await page.goto(path);
      const results = await new AxeBuilder({ page }).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
      expect(summary, summary.join("\n")).toEqual([]);
    });
  }
});
