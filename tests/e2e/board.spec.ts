import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { withDb } from "./db";
import { expectNoAxeViolations, expectNoSidewaysScroll } from "./page-checks";
import { storageState } from "./staff";

// The pipeline board (issue 19, item 5): a card moves by mouse drag, by the keyboard, and by
// its stage select with JavaScript off; Lost needs a reason. Each test makes its own leads
// under a program slug of its own and opens the board filtered by it.

test.use({ storageState: storageState("staff") });

/** New application leads in a program of their own; returns the slug and the leads' ids by name. */
async function seedBoard(names: string[]) {
  const program = `board-e2e-${randomUUID().slice(0, 8)}`;
  const ids: Record<string, string> = {};
  await withDb(async (db) => {
    for (const name of names) {
      const email = `${program}-${Object.keys(ids).length}@example.com`;
      const contact = await db.contact.create({ data: { email, name, referralCode: `BE${randomUUID().slice(0, 8)}`.toUpperCase() } });
      // The programs a lead names, as a submission writes them: the board's program filter reads these.
      const lead = await db.lead.create({
        data: { contactId: contact.id, formType: "enroll", name, email, fields: "{}", programSlug: program, programs: { create: { programSlug: program } } },
      });
      ids[name] = lead.id;
    }
  });
  return { program, ids };
}

const column = (page: Page, status: string) => page.locator(`[data-column="${status}"]`);
const statusOf = (id: string) => withDb(async (db) => (await db.lead.findUniqueOrThrow({ where: { id } })).status);

test("a card dragged with the mouse from New to Contacted is moved, and the lead's timeline says so", async ({ page }) => {
  const { program, ids } = await seedBoard(["Dora Drag"]);
  await page.goto(`/console/board?program=${program}`);
  await expect(column(page, "new").getByRole("heading")).toHaveText("New (1)");
  await expectNoAxeViolations(page);

  const handle = page.getByRole("button", { name: "Drag or pick up Dora Drag" });
  const from = (await handle.boundingBox())!;
  const to = (await column(page, "contacted").boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + 40, { steps: 12 });
  await expect(column(page, "contacted")).toContainText("Drop here");
  await page.mouse.up();

  await expect(page.getByRole("status").filter({ hasText: "Moved Dora Drag to Contacted." })).toBeVisible();
  await expect(column(page, "contacted").getByRole("link", { name: "Dora Drag" })).toBeVisible();
  await expect(column(page, "contacted").getByRole("heading")).toHaveText("Contacted (1)");
  await expect(column(page, "new").getByRole("heading")).toHaveText("New (0)");
  expect(await statusOf(ids["Dora Drag"])).toBe("contacted");
  const rows = await withDb((db) => db.leadActivity.findMany({ where: { leadId: ids["Dora Drag"] }, include: { actor: true } }));
  expect(rows.map((r) => [r.type, r.fromStatus, r.toStatus, r.actor?.name])).toEqual([["status", "new", "contacted", "Sam Staff"]]);

  await column(page, "contacted").getByRole("link", { name: "Dora Drag" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Dora Drag");
  await expect(page.getByText(/Sam Staff\s+moved it from new to contacted/)).toBeVisible();
});

test.describe("on a touch screen", () => {
  test.use({ hasTouch: true });

  test("a finger drags a card from New to Qualified", async ({ page }) => {
    const { program, ids } = await seedBoard(["Tess Touch"]);
    await page.goto(`/console/board?program=${program}`);
    const from = (await page.getByRole("button", { name: "Drag or pick up Tess Touch" }).boundingBox())!;
    const to = (await column(page, "qualified").boundingBox())!;
    // Real touch events (Chromium makes them pointer events of type "touch").
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: "touchStart" | "touchMove" | "touchEnd", x: number, y: number) =>
      cdp.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [{ x, y }] });
    const [x0, y0, x1, y1] = [from.x + from.width / 2, from.y + from.height / 2, to.x + to.width / 2, to.y + 40];
    await touch("touchStart", x0, y0);
    for (let i = 1; i <= 12; i++) await touch("touchMove", x0 + ((x1 - x0) * i) / 12, y0 + ((y1 - y0) * i) / 12);
    await expect(column(page, "qualified")).toContainText("Drop here");
    await touch("touchEnd", x1, y1);

    await expect(column(page, "qualified").getByRole("link", { name: "Tess Touch" })).toBeVisible();
    await expect.poll(() => statusOf(ids["Tess Touch"])).toBe("qualified");
  });
});

test("the keyboard picks a card up with Space, chooses a column with the arrows, drops with Space, and Escape cancels", async ({ page }) => {
  const { program, ids } = await seedBoard(["Kim Keys"]);
  await page.goto(`/console/board?program=${program}`);
  const handle = page.getByRole("button", { name: "Drag or pick up Kim Keys" });
  const live = page.locator("#board-live");

  await handle.focus();
  await page.keyboard.press("Space");
  await expect(live).toContainText("Picked up Kim Keys, in New.");
  await page.keyboard.press("ArrowRight");
  await expect(live).toContainText("over Contacted");
  await page.keyboard.press("Escape");
  await expect(live).toContainText("Move cancelled. Kim Keys stays in New.");
  expect(await statusOf(ids["Kim Keys"])).toBe("new");

  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(column(page, "qualified")).toContainText("Drop here");
  await page.keyboard.press("Space");
  await expect(page.getByRole("status").filter({ hasText: "Moved Kim Keys to Qualified." })).toBeVisible();
  await expect(column(page, "qualified").getByRole("link", { name: "Kim Keys" })).toBeVisible();
  // Focus follows the card to its new column, so the next move can start at once.
  await expect(page.getByRole("button", { name: "Drag or pick up Kim Keys" })).toBeFocused();
  expect(await statusOf(ids["Kim Keys"])).toBe("qualified");

  // Dropped on Lost, the card asks for a reason in its own form before anything is sent.
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Space");
  const card = page.locator(`#card-${ids["Kim Keys"]}`);
  await expect(card.getByLabel("Why was it lost?")).toBeFocused();
  await expect(card.getByLabel(/Move to/)).toHaveValue("lost");
  expect(await statusOf(ids["Kim Keys"])).toBe("qualified");
  await page.keyboard.type("Went with another school");
  await page.keyboard.press("Enter");
  // The card moves at once (optimistic); the notice comes with the server's answer.
  await expect(page.getByRole("status").filter({ hasText: "Moved Kim Keys to Lost." })).toBeVisible();
  await expect(column(page, "lost").getByRole("link", { name: "Kim Keys" })).toBeVisible();
  expect(await statusOf(ids["Kim Keys"])).toBe("lost");
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("a card's stage select and Move button move it, back on the board with the same filters", async ({ page }) => {
    const { program, ids } = await seedBoard(["Nora Nojs"]);
    await page.goto(`/console/board?program=${program}&owner=none`);
    await expect(page.getByRole("button", { name: /Drag or pick up/ })).toHaveCount(0);
    const card = page.locator(`#card-${ids["Nora Nojs"]}`);
    await card.getByLabel(/Move to/).selectOption("contacted");
    await card.getByRole("button", { name: "Move Nora Nojs" }).click();

    await expect(page).toHaveURL(new RegExp(`/console/board\\?program=${program}&owner=none&lead=.+&moved=contacted`));
    await expect(page.getByRole("status").filter({ hasText: "Moved Nora Nojs to Contacted." })).toBeVisible();
    await expect(column(page, "contacted").getByRole("link", { name: "Nora Nojs" })).toBeVisible();
    expect(await statusOf(ids["Nora Nojs"])).toBe("contacted");
  });

  test("Lost without a reason is refused with a clear error; the card keeps Lost and shows the reason field", async ({ page }) => {
    const { program, ids } = await seedBoard(["Lou Lost"]);
    await page.goto(`/console/board?program=${program}`);
    const card = page.locator(`#card-${ids["Lou Lost"]}`);
    await card.getByLabel(/Move to/).selectOption("lost");
    await card.getByRole("button", { name: "Move Lou Lost" }).click();

    await expect(page.getByRole("alert").filter({ hasText: "Lou Lost was not moved" })).toContainText("Say why the lead was lost");
    const moved = page.locator(`#card-${ids["Lou Lost"]}`);
    await expect(column(page, "new").locator(`#card-${ids["Lou Lost"]}`)).toBeVisible();
    await expect(moved.getByLabel(/Move to/)).toHaveValue("lost");
    await expect(moved.getByLabel("Why was it lost?")).toBeVisible();
    await expect(moved.getByText("Say why the lead was lost: moving to Lost needs a reason.")).toBeVisible();
    expect(await statusOf(ids["Lou Lost"])).toBe("new");

    await moved.getByLabel("Why was it lost?").fill("No budget this year");
    await moved.getByRole("button", { name: "Move Lou Lost" }).click();
    await expect(column(page, "lost").getByRole("link", { name: "Lou Lost" })).toBeVisible();
    expect(await statusOf(ids["Lou Lost"])).toBe("lost");
  });
});

test("on a 390 px phone the columns scroll inside their own region, not the page", async ({ page }) => {
  const { program } = await seedBoard(["Pia Phone"]);
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`/console/board?program=${program}`);
  const region = page.getByRole("region", { name: "Pipeline board, one column per stage" });
  expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page);
});
