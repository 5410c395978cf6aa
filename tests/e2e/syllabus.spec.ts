import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import { programCatalog } from "../../lib/content/program-catalog";
import { withDb } from "./db";
import { unique } from "./form-steps";
import { storageState } from "./staff";

// The syllabus download from end to end, with JavaScript on and off: the program page's CTA,
// the form, the email in the local mailbox, the link, and the PDF it downloads.

const program = programCatalog.find((p) => p.slug === "machine-learning-engineering")!;

/** Reads the newest message to `to` in the local mailbox (a staff page) and returns the download link in its HTML. */
async function downloadLinkFromMailbox(browser: Browser, to: string): Promise<string> {
  const staff = await browser.newContext({ storageState: storageState("staff") });
  const page = await staff.newPage();
  try {
    await expect(async () => {
      await page.goto(`/mailbox?to=${encodeURIComponent(to)}`);
      await expect(page.getByRole("link", { name: /syllabus/i })).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 20_000 });
    await page.getByRole("link", { name: /syllabus/i }).click();
    const href = await page.frameLocator("iframe").getByRole("link", { name: "Download the syllabus" }).getAttribute("href");
    expect(href).toMatch(/\/syllabus\/download\/[A-Za-z0-9_-]{43}$/);
    // The same link in the plain-text part.
    await expect(page.locator("pre")).toContainText(href!);
    return href!;
  } finally {
    await staff.close();
  }
}

/** Follows a download link: the browser saves the file instead of showing a page. */
async function follow(page: Page, href: string) {
  const downloading = page.waitForEvent("download");
  await page.goto(href).catch(() => undefined); // a navigation that becomes a download is "aborted"
  return downloading;
}

for (const js of [true, false]) {
  test.describe(`syllabus with JavaScript ${js ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled: js });

    test("program page CTA → form → email → link → the PDF of the program's modules", async ({ page, browser }) => {
      const path = `/programs/${program.slug}`;
      await page.goto(path);
      await page.getByRole("link", { name: "Get the syllabus" }).click();
      await expect(page).toHaveURL(/\/syllabus\?/);
      const url = new URL(page.url());
      expect(url.searchParams.get("program")).toBe(program.slug);
      expect(url.searchParams.get("cta")).toBe("program-syllabus");
      expect(url.searchParams.get("article")).toBe(path);
      await expect(page.getByLabel("Which program?")).toHaveValue(program.slug);

      // Errors next to the fields, nothing sent.
      await page.getByRole("button", { name: "Email me the syllabus" }).click();
      await expect(page.getByText("Enter your email address.").first()).toBeVisible();
      await expect(page.getByText("Tick the box so we can email you the syllabus.").first()).toBeVisible();

      const address = unique(`syllabus-${js ? "js" : "nojs"}`);
      await page.getByLabel("Email", { exact: true }).fill(address);
      await page.getByRole("checkbox", { name: /I agree/ }).check();
      await page.getByRole("button", { name: "Email me the syllabus" }).click();
      const status = page.getByRole("status");
      await expect(status).toContainText("Check your inbox");
      await expect(status).toContainText("It works for 7 days.");
      // The page reveals nothing: the link is in the email only.
      expect(await page.content()).not.toContain("/syllabus/download/");

      const lead = await withDb((db) => db.lead.findFirstOrThrow({ where: { email: address }, include: { emails: true } }));
      expect(lead).toMatchObject({ formType: "syllabus", programSlug: program.slug, article: path, cta: "program-syllabus" });
      expect(lead.emails.filter((e) => e.template === "syllabus-confirmation")).toHaveLength(1);

      const href = await downloadLinkFromMailbox(browser, address);
      const response = await page.request.get(href);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toBe("application/pdf");

      const download = await follow(page, href);
      expect(download.suggestedFilename()).toBe(`loomstack-academy-${program.slug}-syllabus.pdf`);
      const bytes = await readFile((await download.path())!);
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      const pdf = await getDocumentProxy(new Uint8Array(bytes));
      const text = (await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, " ");
      expect(text).toContain(program.name);
      for (const name of program.curriculum) expect(text).toContain(name);

      // Seven days later (the link's expiry moved into the past) the link says so and offers a new one.
      await withDb((db) => db.syllabusLink.updateMany({ where: { leadId: lead.id }, data: { expiresAt: new Date(Date.now() - 1000) } }));
      await page.goto(href);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("This syllabus link has expired");
      const again = page.getByRole("link", { name: "Request a new link" });
      const next = new URL((await again.getAttribute("href"))!, "http://x");
      expect(next.pathname).toBe("/syllabus");
      expect(next.searchParams.get("program")).toBe(program.slug);
      await again.click();
      await expect(page.getByLabel("Which program?")).toHaveValue(program.slug);
    });
  });
}

test("an unknown syllabus link gets a clear page, not an error", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
  const res = await page.goto(`/syllabus/download/${"A".repeat(43)}`);
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This syllabus link does not work");
  await expect(page.getByRole("link", { name: "Request a new link" })).toHaveAttribute("href", /^\/syllabus\?cta=syllabus-link-unknown$/);
  expect(errors).toEqual([]);
});
