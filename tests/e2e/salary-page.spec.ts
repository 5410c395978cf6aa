import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { figureGroups } from "../../content/guides/machine-learning-engineer/figures";

const path = "/careers/machine-learning-engineer/salary-and-job-outlook";
const figures = figureGroups.flatMap((g) => g.figures);

async function horizontalOverflow(page: Page) {
  return page.evaluate(() => {
    const el = document.scrollingElement!;
    return el.scrollWidth - el.clientWidth;
  });
}

/** The visible text of the figure rows, one entry per figure, in table order. */
function figureRows(page: Page) {
  return page.locator("table.figures-table tbody tr:not(:has(td[colspan]))");
}

test("opens with a short answer: the typical band, with its sources and dates", async ({ page }) => {
  await page.goto(path);
  const answer = page.getByRole("region", { name: "The short answer" });
  await expect(answer).toBeVisible();
  await expect(answer).toContainText("$100,000 to $150,000");
  await expect(answer).toContainText("$131,490");
  await expect(answer).toContainText("June 2022");
  await expect(answer.getByRole("link", { name: "U.S. Bureau of Labor Statistics" })).toHaveAttribute("href", /bls\.gov/);
  // It comes before the first section heading of the article.
  const order = await page.evaluate(() => {
    const box = document.querySelector("#short-answer")!;
    const firstSection = document.querySelector(".prose-guide > h2")!;
    return box.compareDocumentPosition(firstSection) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  expect(order).toBeTruthy();
});

test("the salary chart is an SVG image with a name, a description and a pointer to the table", async ({ page }) => {
  await page.goto(path);
  const chart = page.getByRole("img", { name: "US salary figures for machine learning engineers, by source" });
  await expect(chart).toBeVisible();
  expect(await chart.evaluate((el) => el.tagName.toLowerCase())).toBe("svg");
  const description = await chart.evaluate((el) => (el as SVGElement).getAttribute("aria-describedby"));
  const described = await page.evaluate((ids) => ids!.split(" ").map((id) => document.getElementById(id)?.textContent ?? ""), description);
  expect(described.join(" ")).toContain("$200,000 or more");
  expect(described.join(" ")).toMatch(/salary table below/);
  // Every charted figure is labelled with its value on the chart.
  const charted = figures.filter((f) => f.chart);
  expect(charted.length).toBeGreaterThanOrEqual(8);
  const text = await chart.evaluate((el) => el.textContent ?? "");
  for (const f of charted) expect(text).toContain(f.chart!.label);
  for (const mark of ["$112,806", "$131,490", "$100,000–$150,000", "$165,000 or more", "$200,000 or more"]) expect(text).toContain(mark);
  await page.getByRole("link", { name: "salary table below" }).click();
  await expect(page).toHaveURL(/#figures-salary-table$/);
});

test("says 'not stated' once in a legend instead of in every cell", async ({ page }) => {
  await page.goto(path);
  // What a reader sees (screen readers also hear "Not stated" in place of each dash, and the
  // chart's description gives each figure's date in words).
  const seen = await page.locator("article").evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".sr-only, svg title, svg desc").forEach((n) => n.remove());
    return copy.textContent!.toLowerCase();
  });
  expect(seen.match(/not stated/g) ?? [], "said once, in the legend (and once for a start year)").toHaveLength(2);
  const spoken = await page.locator("table.figures-table .sr-only", { hasText: "Not stated" }).count();
  expect(spoken).toBe(figures.filter((f) => f.asOf === null).length);
  await expect(page.locator("#figures-salary-legend")).toContainText("— Date not stated by the source.");
  await expect(page.locator("#figures-salary-legend li")).toHaveCount(3);
  const undated = figures.filter((f) => f.asOf === null).length;
  const dashes = await figureRows(page).locator("td:nth-of-type(3)").filter({ hasText: "—" }).count();
  expect(dashes).toBe(undated);
});

test("on a 320px phone the table is a stacked list with nothing cut off", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 720 });
  await page.goto(path);
  expect(await horizontalOverflow(page), "horizontal overflow at 320px").toBeLessThanOrEqual(0);

  const rows = figureRows(page);
  await expect(rows).toHaveCount(figures.length);
  const viewport = page.viewportSize()!;
  for (const [i, f] of figures.entries()) {
    const row = rows.nth(i);
    await row.scrollIntoViewIfNeeded();
    await expect(row).toHaveCSS("display", "block");
    const [value, source, asOf] = [row.locator("td").nth(0), row.locator("td").nth(1), row.locator("td").nth(2)];
    await expect(value.getByText(f.value, { exact: true })).toBeVisible();
    await expect(source.getByText(f.source, { exact: true })).toBeVisible();
    await expect(asOf.getByText(f.asOf ?? "—", { exact: true })).toBeVisible();
    for (const [label, cell] of [
      ["Figure", value],
      ["Source", source],
      ["As of", asOf],
    ] as const) {
      await expect(cell.getByText(label, { exact: true }), `${f.value}: ${label} label`).toBeVisible();
      const box = (await cell.boundingBox())!;
      expect(box.x, `${f.value}: ${label} starts on screen`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${f.value}: ${label} ends on screen`).toBeLessThanOrEqual(viewport.width);
      // Nothing inside the cell is clipped or scrolls sideways.
      expect(await cell.evaluate((el) => el.scrollWidth - el.clientWidth), `${f.value}: ${label} clipped`).toBeLessThanOrEqual(0);
    }
  }
  // The region around each table does not scroll sideways either.
  for (const region of await page.locator(".table-wrap").all()) {
    expect(await region.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  }
  const chart = page.getByRole("img", { name: /US salary figures/ });
  const chartBox = (await chart.boundingBox())!;
  expect(chartBox.x).toBeGreaterThanOrEqual(0);
  expect(chartBox.x + chartBox.width).toBeLessThanOrEqual(viewport.width);
  // Its text keeps its size and stays inside the chart (labels switch sides near the right edge).
  const texts = await chart.locator("text").evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { text: el.textContent, left: r.left, right: r.right, size: parseFloat(getComputedStyle(el).fontSize) };
    }),
  );
  for (const t of texts) {
    expect(t.left, `${t.text} starts inside the chart`).toBeGreaterThanOrEqual(chartBox.x - 1);
    expect(t.right, `${t.text} ends inside the chart`).toBeLessThanOrEqual(chartBox.x + chartBox.width + 1);
    expect(t.size, `${t.text} font size`).toBeGreaterThanOrEqual(12);
  }
});

test("on a desktop screen the figures are real tables with column and row headers", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(path);
  const table = page.getByRole("table", { name: /Salary: figures, sources and dates/ });
  await expect(table).toBeVisible();
  await expect(table).toHaveCSS("display", "table");
  await expect(table.getByRole("columnheader")).toHaveText(["What is measured", "Figure", "Source", "As of"]);
  await expect(table.locator('th[scope="rowgroup"]').first()).toHaveText("Average salary (US)");
  // The phone labels are hidden where the column headers say the same.
  await expect(table.locator("td").first().getByText("Figure", { exact: true })).toBeHidden();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
});

test("is axe-clean at phone and desktop widths", async ({ page }) => {
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
    expect(summary, `${width}px\n${summary.join("\n")}`).toEqual([]);
  }
});

test("loads no JavaScript", async ({ page }) => {
  const scripts: string[] = [];
  page.on("request", (r) => r.resourceType() === "script" && scripts.push(r.url()));
  await page.goto(path, { waitUntil: "load" });
  expect(scripts).toEqual([]);
  await expect(page.locator('script:not([type="application/ld+json"])')).toHaveCount(0);
});
