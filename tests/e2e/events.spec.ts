import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { withDb } from "./db";
import { unique } from "./form-steps";
import { storageState } from "./staff";

// Info sessions with RSVP, with JavaScript on and off: a seat, a full event, the waitlist,
// a seat freed through the cancel link in the mailbox, and the waitlisted person mailed.
// The mailbox and the attendee list are staff pages.
test.use({ storageState: storageState("staff") });

const created: string[] = [];
test.afterAll(async () => {
  // The events made here leave the site (the sitemap and public pages list the seeded ones).
  await withDb((db) => db.event.updateMany({ where: { id: { in: created } }, data: { published: false } }));
});

async function newEvent(capacity: number) {
  const slug = `e2e-info-${randomUUID().slice(0, 8)}`;
  const e = await withDb((db) =>
    db.event.create({
      data: {
        slug,
        title: `E2E info session ${slug.slice(-8)}`,
        description: "An hour with an instructor and an adviser, and your questions.",
        startsAt: new Date(Date.now() + 5 * 86_400_000),
        durationMinutes: 60,
        timeZone: "America/New_York",
        onlineUrl: "https://meet.example.com/e2e",
        capacity,
        published: true,
      },
    }),
  );
  created.push(e.id);
  return e;
}

async function rsvp(page: Page, slug: string, name: string, email: string, button: string) {
  await page.goto(`/events/${slug}`);
  await page.getByRole("link", { name: /RSVP|Join the waitlist/ }).click();
  await expect(page).toHaveURL(new RegExp(`/rsvp/${slug}`));
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("checkbox", { name: /I agree/ }).check();
  await page.getByRole("button", { name: button }).click();
}

/** Reloads the filtered mailbox until a message with this subject shows up (the dispatcher polls). */
async function openMessage(page: Page, to: string, subject: RegExp) {
  await expect(async () => {
    await page.goto(`/mailbox?to=${encodeURIComponent(to)}`);
    await expect(page.getByRole("link", { name: subject })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole("link", { name: subject }).click();
}

for (const js of [true, false]) {
  test.describe(`RSVP with JavaScript ${js ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled: js });

    test("RSVP, full, waitlist, a seat freed by the cancel link, the waitlisted person mailed", async ({ page }) => {
      test.setTimeout(90_000);
      const e = await newEvent(1);
      const first = unique(`rsvp-first-${js ? "js" : "nojs"}`);
      const second = unique(`rsvp-second-${js ? "js" : "nojs"}`);

      // A field error first, then a seat.
      await page.goto(`/rsvp/${e.slug}`);
      await page.getByRole("button", { name: "Reserve my seat" }).click();
      await expect(page.getByText("Tick the box so we can email you about this event.").first()).toBeVisible();
      await rsvp(page, e.slug, "Fay First", first, "Reserve my seat");
      await expect(page.getByRole("status")).toContainText("Your seat is reserved");

      // The event is now full: the page says so, and the next person is waitlisted.
      await page.goto(`/events/${e.slug}`);
      await expect(page.getByText("Full: RSVP to join the waitlist")).toBeVisible();
      await rsvp(page, e.slug, "Sol Second", second, "Join the waitlist");
      await expect(page.getByRole("status")).toContainText("This event is full: you are on the waitlist");

      const lead = await withDb((db) => db.lead.findFirstOrThrow({ where: { email: second } }));
      expect(lead).toMatchObject({ formType: "event", article: `/events/${e.slug}`, cta: "event-rsvp" });

      // The first person's confirmation, with the calendar file and the cancel link.
      await openMessage(page, first, /^Your seat:/);
      const mail = page.frameLocator("iframe");
      const calendar = await mail
        .getByRole("link", { name: /Add it to your calendar/ })
        .first()
        .getAttribute("href");
      const ics = await page.request.get(new URL(calendar!).pathname);
      expect(ics.headers()["content-type"]).toContain("text/calendar");
      const icsText = (await ics.text()).replace(/\r\n /g, "");
      expect(icsText).toContain("METHOD:REQUEST");
      expect(icsText).toContain(`UID:event-${e.id}@loomstack.example`);
      const cancel = await mail.getByRole("link", { name: "Cancel my seat" }).first().getAttribute("href");
      await page.goto(new URL(cancel!).pathname);
      await expect(page.getByText("You have a seat.")).toBeVisible();
      await page.getByRole("button", { name: "Cancel my seat" }).click();
      await expect(page.getByRole("status")).toContainText("Your RSVP is cancelled");

      // The seat went to the waitlisted person, who is mailed once.
      await openMessage(page, second, /^You have a seat:/);
      await expect(page.frameLocator("iframe").getByText("A seat freed up: it is yours").filter({ visible: true }).first()).toBeVisible();
      const promotions = await withDb((db) =>
        db.emailMessage.count({ where: { toAddress: second, template: "event-update", data: { contains: '"kind":"promoted"' } } }),
      );
      expect(promotions).toBe(1);

      // Staff see the attendees and mark who attended.
      await page.goto(`/console/events/${e.id}`);
      await expect(page.getByRole("heading", { name: "Going (1 of 1)" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Cancelled (1)" })).toBeVisible();
      await page.getByRole("button", { name: "Mark Sol Second as attended" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Attendance saved." })).toBeVisible();
      await expect(page.getByText("Attended", { exact: true })).toBeVisible();
    });
  });
}

test("the events pages and the RSVP page pass axe", async ({ page }) => {
  const e = await newEvent(3);
  for (const path of ["/events", `/events/${e.slug}`, `/rsvp/${e.slug}`, `/console/events`, `/console/events/${e.id}`]) {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
    expect(summary, `${path}\n${summary.join("\n")}`).toEqual([]);
  }
});

test("an event published after the build has its Open Graph image", async ({ page, request }) => {
  const e = await newEvent(4);
  await page.goto(`/events/${e.slug}`);
  const image = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(image).toMatch(new RegExp(`/og/events/${e.slug}$`));
  const res = await request.get(new URL(image!).pathname);
  expect(res.status()).toBe(200);
  const png = await res.body();
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
});
