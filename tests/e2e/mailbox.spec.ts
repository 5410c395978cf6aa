import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, request, test, type Page } from "@playwright/test";
import { applyAs, unique } from "./form-steps";
import { storageState } from "./staff";
import { EMAIL_TEMPLATES } from "../../lib/email/templates/catalog";
import { createDb } from "../../lib/db";
import type { BookingEmailData } from "../../lib/booking/email-data";
import { parseInvite } from "../helpers/ics";

// The whole funnel with no email account: a form's emails are rendered by the dispatcher
// that starts with the server and land in the local mailbox at /mailbox.

// The outbox is a staff page.
test.use({ storageState: storageState("staff") });

/** Reloads the filtered mailbox until a message with this subject shows up (the dispatcher polls). */
async function openMessage(page: Page, to: string, subject: RegExp) {
  await expect(async () => {
    await page.goto(`/mailbox?to=${encodeURIComponent(to)}`);
    await expect(page.getByRole("link", { name: subject })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole("link", { name: subject }).click();
}

test("a newsletter sign-up's welcome email, with its discount code, is in the local mailbox, rendered", async ({ page }) => {
  const address = unique("mailbox-news");
  await page.goto("/newsletter");
  await page.getByLabel("Email", { exact: true }).fill(address);
  await page.getByRole("checkbox", { name: /Send me the Loomstack/ }).check();
  await page.getByRole("button", { name: "Subscribe and get my code" }).click();
  await expect(page.getByRole("status")).toContainText("Check your inbox to confirm");
  // The code is never on the sign-up page: it comes once the emailed link is used.
  await expect(page.getByRole("status")).not.toContainText("LOOM20-");
  await openMessage(page, address, /Confirm your newsletter subscription/);
  const confirmUrl = ((await page.locator("pre").textContent()) ?? "").match(/https?:\/\/\S+\/confirm\/[A-Za-z0-9_-]{43}/)?.[0];
  expect(confirmUrl).toBeTruthy();
  await page.goto(new URL(confirmUrl!).pathname);
  await page.getByRole("button", { name: "Confirm my subscription" }).click();
  await expect(page.getByRole("status")).toContainText("Your subscription is confirmed");

  await openMessage(page, address, /discount code/i);
  const code = (await page.getByRole("heading", { level: 1 }).textContent())?.match(/LOOM20-[A-Z2-9]{8}/)?.[0];
  expect(code).toBeTruthy();
  await expect(page.getByText("delivered", { exact: true })).toBeVisible();
  await expect(page.getByText("yes (one-click)")).toBeVisible();
  // The HTML part, rendered in its sandboxed frame, and the text part.
  const html = page.frameLocator("iframe");
  await expect(html.getByText(code!).filter({ visible: true }).first()).toBeVisible();
  await expect(page.locator("pre")).toContainText(code!);

  // Its unsubscribe link works, in one click.
  const href = await html
    .getByRole("link", { name: /unsubscribe/i })
    .first()
    .getAttribute("href");
  expect(href).toMatch(/\/unsubscribe\/[A-Za-z0-9_-]{32}$/);
  await page.goto(new URL(href!).pathname);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Unsubscribe m…@example.com?");
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByRole("status")).toContainText("You are unsubscribed");

  // Mail clients' RFC 8058 one-click POST to the List-Unsubscribe URL.
  const token = href!.split("/").pop()!;
  const oneClick = await page.request.post(`/api/unsubscribe/${token}`, { form: { "List-Unsubscribe": "One-Click" } });
  expect(oneClick.status()).toBe(200);
  expect(await oneClick.json()).toEqual({ ok: true, unsubscribed: true });
  expect((await page.request.post("/api/unsubscribe/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", { form: { "List-Unsubscribe": "One-Click" } })).status()).toBe(404);
});

test("an application's confirmation and staff notification both arrive", async ({ page }) => {
  const address = unique("mailbox-apply");
  const name = `Mae Mailbox ${randomUUID().slice(0, 6)}`;
  await applyAs(page, { name, email: address }, { payment: "instalments", experience: "I have done tutorials or a short course" });

  await openMessage(page, address, /application/i);
  await expect(page.frameLocator("iframe").getByText(name).filter({ visible: true }).first()).toBeVisible();
  await expect(page.getByText("no (transactional)")).toBeVisible();

  // The staff notification links to the lead in the console.
  await page.goto("/mailbox?to=admissions%40loomstack.example");
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("link", { name: `New lead: Enrollment application — ${name}` })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });
});

test("a booking email's invite is on its message page: listed, shown, and downloaded as a calendar file", async ({ page }) => {
  const address = unique("mailbox-booking");
  const id = randomUUID().slice(0, 8);
  const data: BookingEmailData = {
    kind: "confirmed",
    audience: "visitor",
    bookingId: id,
    leadId: id,
    uid: `booking-${id}@loomstack.example`,
    sequence: 0,
    changedAt: "2026-12-07T15:42:00.000Z",
    callTypeName: "Admissions call",
    durationMinutes: 20,
    startsAt: "2031-03-04T17:00:00.000Z",
    endsAt: "2031-03-04T17:20:00.000Z",
    timeZone: "Europe/Berlin",
    visitor: { name: "Mia Mailbox", email: address, phone: null },
    advisor: { name: "Dana Whitfield", email: "dana@loomstack.example" },
  };
  // Queued as the booking code queues it; the server's dispatcher delivers it to the mailbox.
  const db = createDb(process.env.DATABASE_URL ?? "file:./prisma/e2e.db");
  try {
    await db.emailMessage.create({
      data: {
        toAddress: address,
        template: "booking",
        data: JSON.stringify(data),
        category: "transactional",
        idempotencyKey: `booking:${id}:0:confirmed:visitor`,
      },
    });
  } finally {
    await db.$disconnect();
  }
  await openMessage(page, address, /Your call is booked/);
  await expect(page.getByText("delivered", { exact: true })).toBeVisible();
  const attachments = page.getByRole("region", { name: "Attachments" });
  await expect(attachments).toContainText("text/calendar; charset=utf-8; method=REQUEST");
  await attachments.getByText("Show invite.ics").click();
  await expect(attachments.getByRole("region", { name: /invite\.ics/ })).toContainText(`UID:booking-${id}@loomstack.example`);
  const results = await new AxeBuilder({ page }).exclude("iframe").analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);

  const [download] = await Promise.all([page.waitForEvent("download"), attachments.getByRole("link", { name: "Download invite.ics" }).click()]);
  expect(download.suggestedFilename()).toBe("invite.ics");
  const invite = parseInvite((await (await import("node:fs/promises")).readFile(await download.path())).toString("utf8"));
  expect(invite).toMatchObject({ method: "REQUEST", uid: `booking-${id}@loomstack.example`, sequence: 0, utc: true });
  expect(invite.start?.toISOString()).toBe("2031-03-04T17:00:00.000Z");
  expect(invite.attendees.map((a) => a.email)).toEqual([address, "dana@loomstack.example"]);
  // The same link, without a session: refused.
  const href = await attachments.getByRole("link", { name: "Download invite.ics" }).getAttribute("href");
  const anonymous = await request.newContext({ baseURL: new URL(page.url()).origin, storageState: undefined });
  try {
    expect((await anonymous.get(href!)).status()).toBe(401);
  } finally {
    await anonymous.dispose();
  }
});

test("every template has a preview, and the mailbox pages pass axe", async ({ page }) => {
  test.setTimeout(90_000); // every template rendered, then axe on four pages
  await page.goto("/mailbox/previews");
  const links = page.getByRole("main").getByRole("link");
  await expect(links).toHaveCount(EMAIL_TEMPLATES.length);
  for (const href of await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href")!))) {
    const res = await page.goto(href);
    expect(res?.status()).toBe(200);
    await expect(page.locator("pre")).not.toBeEmpty();
  }
  for (const path of ["/mailbox", "/mailbox/previews", "/mailbox/previews/referral-invitation", "/mailbox/previews/booking"]) {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).exclude("iframe").analyze();
    expect(results.violations.map((v) => `${path}: ${v.id}`)).toEqual([]);
  }
});
