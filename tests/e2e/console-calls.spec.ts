import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { withDb } from "./db";
import { STAFF_ACCOUNTS, storageState } from "./staff";

// The console's calls section (issue 18), with JavaScript on and off: staff add a call type,
// Sam Staff (staff-e2e) becomes an advisor with weekly hours and a day off, an admin pins a
// program to them, and the agenda lists their calls to mark, move and cancel, each change on
// the lead's timeline. Everything here uses a call type and a program of its own, so the
// visitor tests' bookings (which go to admin-e2e) never land on Sam. The two runs edit the
// same advisor, one after the other.
test.describe.configure({ mode: "serial", timeout: 120_000 });

const ZONE = "America/New_York";
const WEEK = [1, 2, 3, 4, 5, 6, 7] as const;
const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

async function expectNoAxeViolations(page: Page, js: boolean) {
  if (!js) return;
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function expectNoSidewaysScroll(page: Page) {
  await page.setViewportSize({ width: 390, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${page.url()} at 390 px`).toBeLessThanOrEqual(
    0,
  );
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function consolePage(browser: Browser, role: "staff" | "admin", js: boolean): Promise<Page> {
  const context = await browser.newContext({ storageState: storageState(role), javaScriptEnabled: js, timezoneId: "Asia/Tokyo" });
  return context.newPage();
}

const staffId = () => withDb((db) => db.user.findUniqueOrThrow({ where: { email: STAFF_ACCOUNTS.staff.email } }).then((u) => u.id));

/** "2026-12-17": the date `days` from now on New York's calendar. */
const nyDate = (days: number) => new Date(Date.now() + days * 86_400_000).toLocaleDateString("en-CA", { timeZone: ZONE });

for (const js of [true, false]) {
  test.describe(`console calls with JavaScript ${js ? "on" : "off"}`, () => {
    const tag = `${js ? "js" : "nojs"}-${randomUUID().slice(0, 6)}`;
    const typeName = `E2E console call ${tag}`;
    const typeSlug = `e2e-console-call-${tag}`;

    test.beforeAll(async () => {
      // Sam starts as no advisor: bookings of an earlier run first (they name the advisor).
      const id = await staffId();
      await withDb(async (db) => {
        await db.booking.deleteMany({ where: { advisorId: id } });
        await db.advisor.deleteMany({ where: { userId: id } });
      });
    });

    test("staff add a call type, with a field error first", async ({ browser }) => {
      const page = await consolePage(browser, "staff", js);
      await page.goto("/console");
      await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Calls" }).click();
      await page.getByRole("navigation", { name: "Calls" }).getByRole("link", { name: "Call types" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Call types");
      await expect(page.getByRole("row", { name: /Admissions call/ })).toContainText("20 min");
      await expectNoAxeViolations(page, js);
      await expectNoSidewaysScroll(page);
      await page.getByRole("link", { name: "Add a call type" }).click();
      await page.getByLabel("Name").fill(typeName);
      await page.getByLabel("Address").fill(typeSlug);
      await page.getByLabel("Duration (minutes)").fill("22");
      await page.getByLabel("Position").fill("900");
      await page.getByRole("button", { name: "Add call type" }).click();
      await expect(page.getByText("Enter the duration in steps of 5 minutes (15, 20, 30…).")).toBeVisible();
      await expect(page.getByLabel("Name")).toHaveValue(typeName);
      await expect(page.getByLabel("Offered to visitors")).toBeChecked();
      await expectNoAxeViolations(page, js);
      await page.getByLabel("Duration (minutes)").fill("20");
      await page.getByRole("button", { name: "Add call type" }).click();
      await expect(page.getByRole("status")).toContainText("Call type added.");
      await expect(page.getByRole("row", { name: new RegExp(typeName) })).toContainText("20 min");
      expect(await withDb((db) => db.callType.findUniqueOrThrow({ where: { slug: typeSlug } }))).toMatchObject({
        durationMinutes: 20,
        position: 900,
        active: true,
      });
      await page.context().close();
    });

    test("Sam becomes an advisor and sets weekly hours, call types and a day off", async ({ browser }) => {
      const page = await consolePage(browser, "staff", js);
      await page.goto("/console/calls/types");
      await page.getByRole("navigation", { name: "Calls" }).getByRole("link", { name: "My availability" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("My availability");
      await expect(page.getByRole("heading", { name: "You do not take calls yet" })).toBeVisible();
      // The zone starts on the browser's with JavaScript, on UTC without.
      await expect(page.getByLabel("Your time zone")).toHaveValue(js ? "Asia/Tokyo" : "UTC");
      await expectNoAxeViolations(page, js);
      await page.getByLabel("Your time zone").selectOption(ZONE);
      await page.getByRole("button", { name: "Start taking calls" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Now taking calls" })).toBeVisible();
      await expect(page.getByText(/Visitors cannot book you yet: there are no weekly hours; no call type is ticked/)).toBeVisible();

      // A refused save keeps everything typed and ticked.
      await page.getByLabel("From (Tuesday, range 1)").fill("10:00");
      await page.getByLabel("Buffer after each call (minutes)").fill("7");
      await page.getByLabel(new RegExp(typeName)).check();
      await page.getByRole("button", { name: "Save availability" }).click();
      await expect(page.getByText("Enter both the start and the end, or clear both to remove this range.")).toBeVisible();
      await expect(page.getByText("Enter the buffer in steps of 5 minutes.")).toBeVisible();
      await expect(page.getByLabel("From (Tuesday, range 1)")).toHaveValue("10:00");
      await expect(page.getByLabel("Buffer after each call (minutes)")).toHaveValue("7");
      await expect(page.getByLabel(new RegExp(typeName))).toBeChecked();
      await expect(page.getByLabel("Time zone", { exact: true })).toHaveValue(ZONE);
      await expectNoAxeViolations(page, js);

      // Every day 06:00 to 22:00, and buffer 5.
      for (const day of WEEK) {
        await page.getByLabel(`From (${DAY_NAMES[day - 1]}, range 1)`).fill("06:00");
        await page.getByLabel(`Until (${DAY_NAMES[day - 1]}, range 1)`).fill("22:00");
      }
      await page.getByLabel("Buffer after each call (minutes)").fill("5");
      await page.getByRole("button", { name: "Save availability" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Availability saved." })).toBeVisible();
      // Each day now offers an empty row for another range (no JavaScript needed); with
      // JavaScript "Add a range" adds more. Friday gets a night shift past midnight.
      if (js) {
        await page.getByRole("button", { name: "Add a range on Friday" }).click();
        await expect(page.getByLabel("From (Friday, range 3)")).toBeVisible();
      }
      await page.getByLabel("From (Friday, range 2)").fill("23:00");
      await page.getByLabel("Until (Friday, range 2)").fill("01:00");
      await page.getByRole("button", { name: "Save availability" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Availability saved." })).toBeVisible();
      await expect(page.getByText(/Visitors cannot book you yet/)).toHaveCount(0);
      await expect(page.getByLabel("From (Friday, range 2)")).toHaveValue("23:00");
      const id = await staffId();
      const saved = await withDb((db) => db.advisor.findUniqueOrThrow({ where: { userId: id }, include: { callTypes: { include: { callType: true } } } }));
      expect(saved).toMatchObject({ timeZone: ZONE, bufferMinutes: 5, minNoticeMinutes: 120, horizonDays: 21, active: true });
      expect(JSON.parse(saved.weeklyHours)).toEqual([
        ...WEEK.flatMap((day) => [{ day, start: "06:00", end: "22:00" }, ...(day === 5 ? [{ day, start: "23:00", end: "01:00" }] : [])]),
      ]);
      expect(saved.callTypes.map((c) => c.callType.slug)).toEqual([typeSlug]);

      // Dates off: a past one is refused (and stays typed), a future one is added and removed.
      const dates = page.getByRole("region", { name: "Dates off" });
      await dates.getByLabel("Date off").fill("2020-01-06");
      await dates.getByRole("button", { name: "Add day off" }).click();
      await expect(dates.getByText("That day has already passed. Enter today or a later date.")).toBeVisible();
      await expect(dates.getByLabel("Date off")).toHaveValue("2020-01-06");
      const [first, second] = [nyDate(9), nyDate(10)];
      for (const date of [first, second]) {
        await dates.getByLabel("Date off").fill(date);
        await dates.getByLabel(/Note/).fill("E2E holiday");
        await dates.getByRole("button", { name: "Add day off" }).click();
        await expect(dates.getByRole("status")).toContainText("is a day off.");
      }
      await expect(dates.getByRole("listitem")).toHaveCount(2);
      await expect(dates.getByRole("listitem").first()).toContainText("E2E holiday");
      await expectNoAxeViolations(page, js);
      await dates
        .getByRole("button", { name: /^Remove the day off on/ })
        .first()
        .click();
      await expect(page.getByRole("status").filter({ hasText: "That day is no longer off." })).toBeVisible();
      expect(await withDb((db) => db.advisorDateOff.findMany({ where: { advisorId: id } }).then((r) => r.map((d) => d.date)))).toEqual([second]);
      await expectNoSidewaysScroll(page);
      await page.context().close();
    });

    test("staff cannot open someone else's availability; an admin can", async ({ browser }) => {
      const admin = await withDb((db) => db.user.findUniqueOrThrow({ where: { email: STAFF_ACCOUNTS.admin.email } }));
      const staff = await consolePage(browser, "staff", js);
      const refused = await staff.goto(`/console/calls/availability?user=${admin.id}`);
      expect(refused?.status()).toBe(403);
      await staff.context().close();
      const page = await consolePage(browser, "admin", js);
      await page.goto(`/console/calls/availability?user=${await staffId()}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Availability of ${STAFF_ACCOUNTS.staff.name}`);
      await expect(page.getByLabel("Time zone", { exact: true })).toHaveValue(ZONE);
      await page.context().close();
    });

    test("an admin pins a program to Sam", async ({ browser }) => {
      const slug = `e2e-pins-${tag}`;
      const name = `E2E Pin Program ${tag}`;
      await withDb((db) =>
        db.program.create({
          data: {
            slug,
            name,
            tagline: "t",
            summary: "s",
            format: "f",
            schedule: "s",
            durationWeeks: 10,
            hoursPerWeek: 5,
            level: "l",
            outcomes: "o",
            curriculum: "c",
            published: false,
          },
        }),
      );
      const page = await consolePage(browser, "admin", js);
      await page.goto("/console/calls/types");
      await page.getByRole("navigation", { name: "Calls" }).getByRole("link", { name: "Program pins" }).click();
      const section = page.getByRole("region", { name });
      await expect(section).toContainText("Not pinned: any advisor who takes the call type.");
      await expectNoAxeViolations(page, js);
      await section.getByLabel(STAFF_ACCOUNTS.staff.name).check();
      await section.getByRole("button", { name: `Save pins for ${name}` }).click();
      await expect(page.getByRole("status")).toContainText(`Pins saved for ${name}: ${STAFF_ACCOUNTS.staff.name}`);
      await expect(page.getByRole("region", { name })).toContainText(`Pinned to ${STAFF_ACCOUNTS.staff.name}.`);
      expect(await withDb((db) => db.programAdvisorPin.findMany({ where: { programSlug: slug } }).then((p) => p.map((x) => x.advisorId)))).toEqual([
        await staffId(),
      ]);
      await expectNoSidewaysScroll(page);
      await page.context().close();
      // Staff do not see or open the pins.
      const staff = await consolePage(browser, "staff", js);
      expect((await staff.goto("/console/calls/pins"))?.status()).toBe(403);
      await staff.context().close();
    });

    test("the agenda lists Sam's calls: one marked done, one moved, one cancelled, all on the leads' timelines", async ({ browser }) => {
      const id = await staffId();
      const type = await withDb((db) => db.callType.findUniqueOrThrow({ where: { slug: typeSlug } }));
      const now = Date.now();
      /** A call written straight into the database, as the booking store leaves one. */
      const call = (who: string, startsIn: number) =>
        withDb(async (db) => {
          const email = `${who.toLowerCase().replace(/\W+/g, "-")}-${tag}@example.com`;
          const contact = await db.contact.create({ data: { email, name: `${who} ${tag}`, referralCode: `CL${randomUUID().slice(0, 8)}` } });
          const lead = await db.lead.create({
            data: {
              contactId: contact.id,
              formType: "callback",
              name: contact.name,
              email,
              fields: JSON.stringify({ name: contact.name, email, course: "data-analytics" }),
            },
          });
          const bookingId = randomUUID();
          const startsAt = new Date(now + startsIn * 60_000);
          await db.booking.create({
            data: {
              id: bookingId,
              uid: `booking-${bookingId}@loomstack.example`,
              leadId: lead.id,
              contactId: contact.id,
              advisorId: id,
              callTypeId: type.id,
              startsAt,
              endsAt: new Date(startsAt.getTime() + 20 * 60_000),
              bufferMinutes: 5,
              visitorTimeZone: "Europe/Paris",
              manageTokenHash: randomUUID(),
            },
          });
          return { bookingId, leadId: lead.id, name: contact.name!, startsAt };
        });
      const started = await call("Dana Done", -1);
      const moving = await call("Milo Moved", 30);
      const cancelling = await call("Cleo Cancelled", 60);

      const page = await consolePage(browser, "staff", js);
      await page.goto("/console");
      await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Calls" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Calls");
      await page.getByRole("navigation", { name: "Agenda range" }).getByRole("link", { name: "This week" }).click();
      await expect(page.getByText(/Times are in .*New York/)).toBeVisible();
      const card = (c: { bookingId: string }) => page.locator(`#call-${c.bookingId}`);
      const weekOf = (c: { startsAt: Date }) => `/console/calls?range=week&who=mine&date=${c.startsAt.toLocaleDateString("en-CA", { timeZone: ZONE })}`;
      await expect(card(started)).toContainText(type.name);
      await expect(card(started).getByRole("link", { name: started.name, exact: true })).toHaveAttribute("href", `/console/leads/${started.leadId}`);
      // What they sent, as the form's summary reads it.
      await expect(card(started)).toContainText("Data Analytics");
      await expect(card(started)).toContainText("Booked");
      await expectNoAxeViolations(page, js);
      await expectNoSidewaysScroll(page);

      // The weeks before and after, by link; back again to this one.
      await page.getByRole("navigation", { name: "Other weeks" }).getByRole("link", { name: "Next week" }).click();
      await expect(page.getByText(/^Week of \w+day \d+ \w+, your calls/)).toBeVisible();
      await expect(card(started)).toHaveCount(0);
      await page.getByRole("navigation", { name: "Agenda range" }).getByRole("link", { name: "This week" }).click();
      await expect(card(started)).toBeVisible();

      // Done, from the call's start.
      await card(started)
        .getByRole("button", { name: new RegExp(`^Done ?: the call with ${started.name}$`) })
        .click();
      await expect(page.getByRole("status")).toContainText("Call marked done.");
      await expect(card(started)).toContainText("Done");
      expect((await withDb((db) => db.booking.findUniqueOrThrow({ where: { id: started.bookingId } }))).status).toBe("done");

      // Cancel asks first. (In the hour before Monday in New York, the later calls are next week's.)
      await page.goto(weekOf(cancelling));
      await expect(card(cancelling).getByRole("button", { name: /^Done/ })).toHaveCount(0);
      await card(cancelling)
        .getByRole("link", { name: new RegExp(`^Cancel ?: the call with ${cancelling.name}$`) })
        .click();
      await expect(card(cancelling)).toContainText(`Cancel the call with ${cancelling.name}`);
      await expectNoAxeViolations(page, js);
      await card(cancelling).getByRole("button", { name: "Yes, cancel the call" }).click();
      await expect(page.getByRole("status")).toContainText("Call cancelled.");
      await expect(card(cancelling)).toHaveCount(0);
      await page.getByRole("link", { name: "Show cancelled calls too" }).click();
      await expect(card(cancelling)).toContainText("Cancelled");
      await expect(card(cancelling).getByRole("button")).toHaveCount(0);
      await page.getByRole("link", { name: "Hide cancelled calls" }).click();
      await expect(card(cancelling)).toHaveCount(0);
      expect((await withDb((db) => db.booking.findUniqueOrThrow({ where: { id: cancelling.bookingId } }))).status).toBe("cancelled");

      // Reschedule: a day, then a free time on it.
      await page.goto(weekOf(moving));
      await card(moving)
        .getByRole("link", { name: new RegExp(`^Reschedule ?: the call with ${moving.name}$`) })
        .click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Reschedule the call with ${moving.name}`);
      const days = page.getByRole("region", { name: "Days with free times" });
      await days.getByRole("link").nth(1).click();
      const slots = page.getByRole("region", { name: /^Free times on/ });
      await expect(slots.getByRole("button").first()).toContainText(`with ${STAFF_ACCOUNTS.staff.name}`);
      await expectNoAxeViolations(page, js);
      await expectNoSidewaysScroll(page);
      const before = (await withDb((db) => db.booking.findUniqueOrThrow({ where: { id: moving.bookingId } }))).startsAt;
      await slots.getByRole("button").first().click();
      await expect(page.getByRole("status")).toContainText("Call moved.");
      const moved = await withDb((db) => db.booking.findUniqueOrThrow({ where: { id: moving.bookingId } }));
      expect([moved.status, moved.rescheduleCount, moved.advisorId]).toEqual(["booked", 1, id]);
      expect(moved.startsAt.getTime()).not.toBe(before.getTime());

      // Everyone's calls include Sam's.
      await page.getByLabel("Advisor").selectOption("all");
      await page.getByRole("button", { name: "Show calls" }).click();
      await expect(page).toHaveURL(/who=all/);
      await expect(card(moving)).toBeVisible();

      // The leads' timelines.
      for (const [c, line] of [
        [started, /Call: Call marked done\..*by Sam Staff/],
        [cancelling, /Call: Call cancelled by staff/],
        [moving, /Call: Call moved/],
      ] as const) {
        await page.goto(`/console/leads/${c.leadId}`);
        await expect(page.getByRole("region", { name: "Timeline of this person" })).toContainText(line);
      }

      // Retiring the call type keeps its calls.
      await page.goto("/console/calls/types");
      await page.getByRole("button", { name: `Retire: ${typeName}` }).click();
      await expect(page.getByRole("status")).toContainText("Call type retired");
      expect((await withDb((db) => db.booking.findUniqueOrThrow({ where: { id: moving.bookingId } }))).callTypeId).toBe(type.id);
      await page.context().close();
    });
  });
}
