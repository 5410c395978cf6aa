import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { MANAGE_PATH } from "../../lib/booking/manage-token";
import { book, bookRequest, makeVisitor } from "../helpers/booking";
import { parseInvite } from "../helpers/ics";
import { withDb } from "./db";
import { unique } from "./form-steps";

// Booking a call on /book, with JavaScript on and off: a day, a time, the confirm form, both
// emails with their calendar invite (parsed here), then the manage link from the email:
// reschedule (same UID, higher SEQUENCE, the new time) and cancel (METHOD:CANCEL). Also the
// booking attached to a call-back request just sent, a time taken meanwhile, the zone the
// browser reports, and axe and a 390px screen on every booking page, one test per page.

const ADMIN = "admin-e2e@loomstack.example";
const CALL_TYPE = "admissions-call";

/** The staff admin takes calls every day, 00:00–23:55 UTC, so there are always free times. */
test.beforeAll(async () => {
  await withDb(async (db) => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: ADMIN } });
    const callType = await db.callType.upsert({
      where: { slug: CALL_TYPE },
      update: { active: true },
      create: { slug: CALL_TYPE, name: "Admissions call", description: "Programs, dates and paying.", durationMinutes: 20, position: 0 },
    });
    const hours = JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: "00:00", end: "23:55" })));
    const rules = { active: true, timeZone: "UTC", weeklyHours: hours, bufferMinutes: 10, minNoticeMinutes: 120, horizonDays: 21 };
    await db.advisor.upsert({ where: { userId: admin.id }, update: rules, create: { userId: admin.id, ...rules } });
    await db.advisorCallType.upsert({
      where: { advisorId_callTypeId: { advisorId: admin.id, callTypeId: callType.id } },
      update: {},
      create: { advisorId: admin.id, callTypeId: callType.id },
    });
  });
});

type Invite = { method: string | null; uid: string | null; sequence: number | null; start: string | undefined; utc: boolean };

/** The invite as a strict reader (ical.js, tests/helpers/ics.ts) gets it. */
function readInvite(content: string): Invite {
  const invite = parseInvite(content);
  expect(invite.events).toBe(1);
  return { method: invite.method, uid: invite.uid, sequence: invite.sequence, start: invite.start?.toISOString(), utc: invite.utc };
}

type Mail = { toAddress: string; kind: string; audience: string; text: string; invite: Invite | null };

/** The booking emails of a lead of one kind, once the dispatcher has delivered both to the local mailbox. */
async function bookingMails(leadId: string, kind: string): Promise<Mail[]> {
  let found: Mail[] = [];
  await expect(async () => {
    const rows = await withDb((db) =>
      db.emailMessage.findMany({ where: { leadId, template: "booking", sentAt: { not: null } }, orderBy: { createdAt: "asc" } }),
    );
    found = rows
      .map((r) => {
        const data = JSON.parse(r.data) as { kind: string; audience: string };
        const files = r.attachments ? (JSON.parse(r.attachments) as { filename: string; content: string }[]) : [];
        const ics = files.find((f) => f.filename.endsWith(".ics"));
        return { toAddress: r.toAddress, kind: data.kind, audience: data.audience, text: r.text ?? "", invite: ics ? readInvite(ics.content) : null };
      })
      .filter((m) => m.kind === kind);
    expect(found.map((m) => m.audience).sort()).toEqual(["advisor", "visitor"]);
  }).toPass({ timeout: 20_000 });
  return found;
}

/** The manage link in the visitor's email. */
const manageLink = (mail: Mail) => {
  const url = /https?:\/\/\S+\/book\/manage\/[A-Za-z0-9_-]{32}/.exec(mail.text)?.[0];
  expect(url, "the manage link in the email").toBeTruthy();
  return new URL(url!).pathname;
};

/** The day links of step 1. */
const days = (page: Page) => page.getByRole("list", { name: "Days with free times" }).getByRole("link");

/** The start of a time link, from its href. */
const slotOf = async (link: ReturnType<Page["getByRole"]>) => new URL((await link.getAttribute("href"))!, "http://x").searchParams.get("slot")!;

const clock = (iso: string, timeZone: string) => new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" }).format(new Date(iso));

async function chooseDayAndTime(page: Page, dayIndex: number, timeIndex: number): Promise<string> {
  await days(page).nth(dayIndex).click();
  const time = page
    .getByRole("list", { name: /^Free times on / })
    .getByRole("link")
    .nth(timeIndex);
  const slot = await slotOf(time);
  await time.click();
  await expect(page.getByRole("region", { name: /Confirm/ })).toBeVisible();
  return slot;
}

async function confirmDetails(page: Page, name: string, email: string) {
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel(/Anything you would like to talk about/).fill("The evening schedule, please.");
  await page.getByRole("checkbox", { name: /I agree/ }).check();
}

const BOOK = (js: boolean) => ({
  /** Distinct days per test, so parallel tests never want the same time. */
  day: js ? 2 : 3,
  newDay: js ? 6 : 7,
  zone: js ? "Pacific/Honolulu" : "Asia/Tokyo",
});

for (const js of [true, false]) {
  test.describe(`booking with JavaScript ${js ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled: js, ...(js ? { timezoneId: "Pacific/Honolulu" } : {}) });

    test("pick a day and a time, confirm, get both emails with the invite, reschedule, cancel", async ({ page, context }) => {
      test.setTimeout(120_000);
      const { day, newDay, zone } = BOOK(js);
      const email = unique(`book-${js ? "js" : "nojs"}`);
      const name = `Bea Booker ${randomUUID().slice(0, 6)}`;

      await page.goto(`/book?utm_source=e2e-book-${js ? "js" : "nojs"}&cta=e2e`);
      const zoneCard = page.getByRole("region", { name: "Your time zone" });
      if (js) {
        // The browser's zone, added to the URL and said in words.
        await expect(page).toHaveURL(/tz=Pacific%2FHonolulu/);
        await expect(zoneCard).toContainText(/Times are shown in Hawaii-Aleutian [A-Za-z ]*Time \(Honolulu\), UTC−10:00\./);
      } else {
        // No JavaScript, no zone: the advisors' zone, said so; then the visitor picks theirs.
        await expect(zoneCard).toContainText("Times are shown in the advisors' time zone, UTC+00:00, as we could not tell yours.");
        await zoneCard.getByLabel("Show the times in").selectOption(zone);
        await zoneCard.getByRole("button", { name: "Show times" }).click();
        await expect(page).toHaveURL(/tz=Asia%2FTokyo/);
        await expect(zoneCard).toContainText(/Times are shown in Japan [A-Za-z ]*Time \(Tokyo\), UTC\+09:00\./);
      }
      await expect(zoneCard).toContainText("Our advisors work in UTC+00:00.");

      // Step 2's times are the visitor's zone's clock.
      await days(page).nth(day).click();
      const times = page.getByRole("list", { name: /^Free times on / }).getByRole("link");
      for (const i of [0, 5]) expect(await times.nth(i).textContent()).toBe(clock(await slotOf(times.nth(i)), zone));
      const slot = await slotOf(times.nth(9));
      await times.nth(9).click();
      await confirmDetails(page, name, email);
      await page.getByRole("button", { name: "Book this call" }).click();
      const status = page.getByRole("status").filter({ hasText: "Your call is booked" });
      await expect(status).toBeVisible();
      await expect(status).toContainText(clock(slot, zone));

      // A lead of its own, with the attribution of the browser's first view of /book.
      const lead = await withDb((db) => db.lead.findFirstOrThrow({ where: { email }, include: { bookings: true } }));
      expect(lead).toMatchObject({ formType: "booking", name, utmSource: `e2e-book-${js ? "js" : "nojs"}`, cta: "e2e" });
      expect(lead.bookings.map((b) => [b.startsAt.toISOString(), b.visitorTimeZone])).toEqual([[slot, zone]]);
      const vid = (await context.cookies()).find((c) => c.name === "ls_vid")!.value;
      expect(await withDb((db) => db.bookingVisit.findUniqueOrThrow({ where: { visitorId: vid } }))).toMatchObject({
        utmSource: `e2e-book-${js ? "js" : "nojs"}`,
        cta: "e2e",
        leadId: lead.id,
      });

      // Both emails, each with a valid invite: METHOD:REQUEST, the booking's UID, SEQUENCE 0.
      const booked = await bookingMails(lead.id, "confirmed");
      const uid = `booking-${lead.bookings[0].id}@loomstack.example`;
      for (const m of booked) expect(m.invite).toEqual({ method: "REQUEST", uid, sequence: 0, start: slot, utc: true });
      const visitorMail = booked.find((m) => m.audience === "visitor")!;
      expect(visitorMail.toAddress).toBe(email);
      expect(booked.find((m) => m.audience === "advisor")!.toAddress).toBe(ADMIN);

      // Reschedule through the email's link: the same day and time steps, then a POST.
      const manage = manageLink(visitorMail);
      await page.goto(manage);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your call is booked");
      await expect(page.getByRole("region", { name: "Your call" })).toContainText(clock(slot, zone));
      await page.getByRole("link", { name: "Reschedule" }).click();
      const newSlot = await chooseDayAndTime(page, newDay, 4);
      await page.getByRole("button", { name: "Move my call" }).click();
      await expect(page.getByRole("status")).toContainText("The call is moved");
      await expect(page.getByRole("region", { name: "Your call" })).toContainText(clock(newSlot, zone));
      expect(new URL(page.url()).pathname).not.toBe(manage);
      const moved = await bookingMails(lead.id, "rescheduled");
      for (const m of moved) expect(m.invite).toEqual({ method: "REQUEST", uid, sequence: 1, start: newSlot, utc: true });

      // The old link no longer works; the new email's link cancels, after a confirmation.
      await page.goto(manage);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("This link no longer works");
      await page.goto(manageLink(moved.find((m) => m.audience === "visitor")!));
      await page.getByRole("link", { name: "Cancel the call" }).click();
      await page.getByRole("button", { name: "Yes, cancel the call" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your call is cancelled");
      const cancelled = await bookingMails(lead.id, "cancelled");
      for (const m of cancelled) expect(m.invite).toEqual({ method: "CANCEL", uid, sequence: 2, start: newSlot, utc: true });
      expect(await withDb((db) => db.booking.findUniqueOrThrow({ where: { id: lead.bookings[0].id } }))).toMatchObject({ status: "cancelled" });
    });

    test("a call-back request's success panel books the call for that request", async ({ page }) => {
      test.setTimeout(90_000);
      const name = `Cal Back ${randomUUID().slice(0, 6)}`;
      const phone = `+44 20 7946 ${String(Math.floor(Math.random() * 9000) + 1000)}`;
      await page.goto("/call-back");
      await page.getByLabel("Full name").fill(name);
      await page.getByLabel("Phone number").fill(phone);
      await page.getByLabel("Which course are you interested in?").selectOption("data-analytics");
      await page.getByLabel("Which device would you learn on?").selectOption("windows");
      await page
        .getByRole("radiogroup", { name: /Best time/ })
        .getByRole("radio")
        .first()
        .check();
      await page.getByRole("checkbox", { name: /I agree/ }).check();
      await page.getByRole("button", { name: "Request a call" }).click();
      await expect(page.getByRole("status")).toContainText("We will call you");
      await page.getByRole("link", { name: "Book your call now" }).click();

      await expect(page.getByText(`Booking for ${name}`)).toBeVisible();
      // With JavaScript the page renders again in the browser's zone: pick a time after that,
      // or the link read and the link clicked belong to different lists.
      if (js) await expect(page).toHaveURL(/tz=Pacific%2FHonolulu/);
      const slot = await chooseDayAndTime(page, js ? 4 : 5, 7);
      // Only the time, and an email for the invite (the call-back form asks for a phone).
      await expect(page.getByLabel("Full name")).toHaveCount(0);
      const email = unique(`book-callback-${js ? "js" : "nojs"}`);
      await page.getByLabel("Email", { exact: true }).fill(email);
      await page.getByRole("button", { name: "Book this call" }).click();
      await expect(page.getByRole("status")).toContainText("Your call is booked");

      const lead = await withDb((db) => db.lead.findFirstOrThrow({ where: { name, formType: "callback" }, include: { bookings: true } }));
      expect(lead.email).toBe(email);
      expect(lead.bookings.map((b) => b.startsAt.toISOString())).toEqual([slot]);
      expect(await withDb((db) => db.lead.count({ where: { email, formType: "booking" } }))).toBe(0);
      const mails = await bookingMails(lead.id, "confirmed");
      expect(mails.find((m) => m.audience === "visitor")!.toAddress).toBe(email);
    });

    test("a time taken meanwhile is refused next to it, with the next free times, and nothing typed is lost", async ({ page, browser }) => {
      test.setTimeout(90_000);
      await page.goto("/book?tz=UTC");
      const slot = await chooseDayAndTime(page, js ? 8 : 9, 3);
      const email = unique(`book-race-${js ? "js" : "nojs"}`);
      await confirmDetails(page, "Ray Racer", email);

      // Someone else books that time first, in another browser.
      const other = await browser.newContext();
      const rival = await other.newPage();
      await rival.goto(new URL(page.url()).pathname + new URL(page.url()).search);
      await confirmDetails(rival, "Rita Rival", unique("book-rival"));
      await rival.getByRole("button", { name: "Book this call" }).click();
      await expect(rival.getByRole("status")).toContainText("Your call is booked");
      await other.close();

      await page.getByRole("button", { name: "Book this call" }).click();
      const confirm = page.getByRole("region", { name: "3. Confirm" });
      await expect(confirm.getByText("That time was just taken. The next free times are below.").first()).toBeVisible();
      const next = confirm.getByRole("list", { name: "Next free times" }).getByRole("link");
      await expect(next).toHaveCount(5);
      expect(await slotOf(next.first())).not.toBe(slot);
      await expect(page.getByLabel("Full name")).toHaveValue("Ray Racer");
      await expect(page.getByLabel("Email", { exact: true })).toHaveValue(email);
      expect(await withDb((db) => db.lead.count({ where: { email } }))).toBe(0);

      const alternative = await slotOf(next.first());
      await next.first().click();
      if (!js) {
        // Without JavaScript the link opens that time's confirm step: the details are typed again.
        await confirmDetails(page, "Ray Racer", email);
      }
      await expect(page.getByLabel("Full name")).toHaveValue("Ray Racer");
      await page.getByRole("button", { name: "Book this call" }).click();
      await expect(page.getByRole("status")).toContainText("Your call is booked");
      const lead = await withDb((db) => db.lead.findFirstOrThrow({ where: { email }, include: { bookings: true } }));
      expect(lead.bookings.map((b) => b.startsAt.toISOString())).toEqual([alternative]);
    });
  });
}

test("a forged booking link gets a plain message and the ordinary form", async ({ page }) => {
  await page.goto("/book?tz=UTC&for=cm9x2k7q40001abcd1234efgh.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  await expect(page.getByText(/^This booking link does not work/)).toBeVisible();
  await chooseDayAndTime(page, 1, 0);
  await expect(page.getByLabel("Full name")).toBeVisible();
  expect(new URL(page.url()).searchParams.has("for")).toBe(false);
});

// Axe and a 390px screen on every booking page, one page per test: a failure names the page,
// and no test walks more than the steps that lead to its page. The manage pages use a call
// booked straight in the database (bookSlot), so they need no trip through the email.
test.describe("every booking page passes axe and fits a 390px screen", () => {
  const ZONE = "America/Chicago";
  // About 10 s each on an idle machine (axe takes 3-4 s a page): room for a loaded one.
  test.describe.configure({ timeout: 60_000 });

  async function expectAccessible(page: Page) {
    const results = await new AxeBuilder({ page }).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
    expect(summary, summary.join("\n")).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, "sideways scroll at 390px").toBeLessThanOrEqual(0);
  }

  /** A call booked for a visitor of its own, days ahead; the path of its manage page. */
  async function bookedCall(daysAhead: number): Promise<string> {
    return withDb(async (db) => {
      const now = new Date();
      const callType = await db.callType.findUniqueOrThrow({ where: { slug: CALL_TYPE } });
      const visitor = await makeVisitor(db, { name: "Axe Able" });
      const wanted = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + daysAhead, 15, 0));
      const extra = { siteUrl: "http://127.0.0.1", visitorTimeZone: ZONE };
      let result = await book(db, bookRequest(visitor, callType.id, wanted, now, extra));
      // Another test may hold that time: take the next free one.
      if (!result.ok && result.nextSlots[0]) {
        result = await book(db, bookRequest(visitor, callType.id, new Date(result.nextSlots[0].startsAt), now, extra));
      }
      if (!result.ok) throw new Error(`could not book a call for the axe tests: ${result.message}`);
      return MANAGE_PATH(result.manageToken);
    });
  }

  test("step 1, the days", async ({ page }) => {
    await page.goto(`/book?tz=${ZONE}`);
    await expect(days(page).first()).toBeVisible();
    await expectAccessible(page);
  });

  test("step 2, a day's times", async ({ page }) => {
    await page.goto(`/book?tz=${ZONE}`);
    await days(page).nth(10).click();
    await expect(page.getByRole("list", { name: /^Free times on / })).toBeVisible();
    await expectAccessible(page);
  });

  test("step 3, the confirm form", async ({ page }) => {
    await page.goto(`/book?tz=${ZONE}`);
    await chooseDayAndTime(page, 10, 2);
    await expectAccessible(page);
  });

  test("step 3 with every error shown", async ({ page }) => {
    await page.goto(`/book?tz=${ZONE}`);
    await chooseDayAndTime(page, 10, 3);
    await page.getByRole("button", { name: "Book this call" }).click();
    await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
    await expectAccessible(page);
  });

  test("the call booked", async ({ page }) => {
    await page.goto(`/book?tz=${ZONE}`);
    await chooseDayAndTime(page, 11, 2);
    await confirmDetails(page, "Axe Able", unique("book-axe"));
    await page.getByRole("button", { name: "Book this call" }).click();
    await expect(page.getByRole("status")).toContainText("Your call is booked");
    await expectAccessible(page);
  });

  test("the manage page", async ({ page }) => {
    await page.goto(await bookedCall(12));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your call is booked");
    await expectAccessible(page);
  });

  test("rescheduling: the days", async ({ page }) => {
    await page.goto(`${await bookedCall(13)}?step=reschedule&tz=${ZONE}#days`);
    await expect(days(page).first()).toBeVisible();
    await expectAccessible(page);
  });

  test("rescheduling: a day's times", async ({ page }) => {
    await page.goto(`${await bookedCall(14)}?step=reschedule&tz=${ZONE}#days`);
    await days(page).nth(11).click();
    await expect(page.getByRole("list", { name: /^Free times on / })).toBeVisible();
    await expectAccessible(page);
  });

  test("rescheduling: the confirm step", async ({ page }) => {
    await page.goto(`${await bookedCall(15)}?step=reschedule&tz=${ZONE}#days`);
    await chooseDayAndTime(page, 11, 1);
    await expect(page.getByRole("button", { name: "Move my call" })).toBeVisible();
    await expectAccessible(page);
  });

  test("cancelling: the confirmation step", async ({ page }) => {
    await page.goto(`${await bookedCall(16)}?step=cancel#cancel`);
    await expect(page.getByRole("button", { name: "Yes, cancel the call" })).toBeVisible();
    await expectAccessible(page);
  });

  test("a link that no longer works", async ({ page }) => {
    await page.goto("/book/manage/not-a-real-token-0123456789abcdef");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("This link no longer works");
    await expectAccessible(page);
  });
});
