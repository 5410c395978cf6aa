import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { withDb } from "./db";
import { unique } from "./form-steps";
import { storageState } from "./staff";

// Article comments (seed 003): a visitor comments under a guide section, staff moderate it in
// the console, it appears on the static page, and a staff reply appears threaded under it.
// The guide page ships no JavaScript either way; the /comment page it answers on does.

const ARTICLE = "/careers/machine-learning-engineer/faq";

// The console is a staff page; a signed-in visitor sees the public pages as anyone does.
test.use({ storageState: storageState("staff") });

/** Loads a page and lists the scripts it fetches and the executable <script> tags it holds. */
async function loadCountingScripts(page: Page, path: string) {
  const scripts: string[] = [];
  const listen = (r: { resourceType(): string; url(): string }) => {
    if (r.resourceType() === "script") scripts.push(r.url());
  };
  page.on("request", listen);
  await page.goto(path);
  page.off("request", listen);
  const inline = await page.locator('script:not([type="application/ld+json"])').count();
  return { scripts, inline };
}

async function openMessage(page: Page, to: string, subject: RegExp) {
  await expect(async () => {
    await page.goto(`/mailbox?to=${encodeURIComponent(to)}`);
    await expect(page.getByRole("link", { name: subject })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole("link", { name: subject }).click();
}

const commentOnPage = (page: Page, name: string) => page.getByRole("article", { name: `Comment by ${name}` });

for (const js of [true, false]) {
  test.describe(`comments with JavaScript ${js ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled: js });

    test("comment → errors kept on /comment → sent → approved → published → reply threaded, with both emails", async ({ page }) => {
      test.setTimeout(90_000);
      const name = `Mara ${js ? "Js" : "Nojs"} ${randomUUID().slice(0, 6)}`;
      const email = unique(`comment-${js ? "js" : "nojs"}`);
      const text = `Is Python enough to start? (${randomUUID().slice(0, 8)})`;

      // The guide page: no JavaScript at all, and the plain form.
      const loaded = await loadCountingScripts(page, ARTICLE);
      expect(loaded.scripts).toEqual([]);
      expect(loaded.inline).toBe(0);
      const form = page.getByRole("form", { name: "Leave a reply" });
      await expect(page.getByText("Your email address will not be published.")).toBeVisible();

      // A mistake: the post lands on /comment with the message next to the field and the answers kept.
      await form.getByLabel("Name", { exact: true }).fill(name);
      await form.getByLabel("Email", { exact: true }).fill("not-an-address");
      await form.getByLabel("Comment", { exact: true }).fill(text);
      await form.getByRole("button", { name: "Post comment" }).click();
      await expect(page).toHaveURL(/\/comment\?article=/);
      const fix = page.getByRole("form", { name: "Leave a reply" });
      await expect(fix.getByLabel("Email", { exact: true })).toHaveAttribute("aria-invalid", "true");
      await expect(fix.getByText("Enter an email address like name@example.com.").first()).toBeVisible();
      await expect(fix.getByText("Tick the box so we can publish your comment.").first()).toBeVisible();
      await expect(fix.getByLabel("Name", { exact: true })).toHaveValue(name);
      await expect(fix.getByLabel("Comment", { exact: true })).toHaveValue(text);
      await expect(fix.getByRole("checkbox", { name: /An advisor may contact me/ })).not.toBeChecked();

      await fix.getByLabel("Email", { exact: true }).fill(email);
      await fix.getByRole("checkbox", { name: /Publish my name/ }).check();
      await fix.getByRole("button", { name: "Post comment" }).click();
      await expect(page.getByRole("status")).toContainText("Thank you for your comment");

      const stored = await withDb((db) => db.comment.findFirstOrThrow({ where: { email } }));
      expect(stored).toMatchObject({ status: "pending", authorName: name, body: text, leadId: null, articlePath: ARTICLE });
      expect(await withDb((db) => db.lead.count({ where: { email } }))).toBe(0);

      // Not published yet.
      await page.goto(ARTICLE);
      await expect(commentOnPage(page, name)).toHaveCount(0);

      // Moderation in the console.
      await page.goto("/console/comments");
      const item = page.getByRole("listitem", { name: `Comment by ${name}` });
      await expect(item).toContainText(text);
      await item.getByRole("button", { name: `Approve: comment by ${name}` }).click();
      await expect(page.locator("#queue-result")).toContainText("Comment approved");

      // Published on the static page, and in its JSON-LD.
      await page.goto(ARTICLE);
      await expect(commentOnPage(page, name)).toContainText(text);
      const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent())!);
      const articleNode = ld["@graph"].find((n: { "@type": string }) => n["@type"] === "Article");
      expect(articleNode.comment).toContainEqual(expect.objectContaining({ "@type": "Comment", author: { "@type": "Person", name }, text }));
      expect(JSON.stringify(ld)).not.toContain(email);

      // A staff reply, threaded under it.
      await page.goto("/console/comments?status=approved");
      const approved = page.getByRole("listitem", { name: `Comment by ${name}` });
      await approved.getByLabel(`Reply to ${name}`).fill("Yes: our evening track starts with Python.");
      await approved.getByRole("button", { name: "Publish reply" }).click();
      await expect(page.locator("#queue-result")).toContainText("Reply published");
      await page.goto(ARTICLE);
      const replies = page.getByRole("list", { name: `Replies to ${name}` });
      await expect(replies.getByRole("article", { name: "Reply by Sam Staff" })).toContainText("Yes: our evening track starts with Python.");
      const after = await loadCountingScripts(page, ARTICLE);
      expect(after.scripts).toEqual([]);
      expect(after.inline).toBe(0);

      // The commenter's two emails, each once, with the opt-out link.
      await openMessage(page, email, /Your comment is published/);
      await expect(page.getByText("yes (one-click)")).toBeVisible();
      await openMessage(page, email, /replied to your comment/);
      await expect(page.locator("pre")).toContainText("Yes: our evening track starts with Python.");
      const mails = await withDb((db) => db.emailMessage.findMany({ where: { toAddress: email } }));
      expect(mails.map((m) => m.template).sort()).toEqual(["comment-published", "comment-reply"]);

      // "Stop these emails" stops emails about comments, and says that nothing else changes.
      const href = await page.frameLocator("iframe").getByRole("link", { name: "Stop these emails" }).first().getAttribute("href");
      expect(href).toMatch(/\/unsubscribe\/[A-Za-z0-9_-]{32}$/);
      await page.goto(new URL(href!).pathname);
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Stop emails about your comments to c…@example.com?");
      await page.getByRole("button", { name: "Stop these emails" }).click();
      await expect(page.getByRole("status")).toContainText("No more emails about your comments");
      await expect(page.getByRole("status")).toContainText("a newsletter you subscribed to, and replies to forms you send us, still arrive");
      const contact = await withDb((db) => db.contact.findUniqueOrThrow({ where: { email } }));
      expect(contact.commentEmailsOptOutAt).not.toBeNull();
      expect(contact.marketingOptOutAt).toBeNull();
    });
  });
}

test("a ticked advisor box makes one comment lead with its attribution", async ({ page }) => {
  const email = unique("comment-lead");
  await page.goto(ARTICLE);
  const form = page.getByRole("form", { name: "Leave a reply" });
  await form.getByLabel("Name", { exact: true }).fill("Lee Lead");
  await form.getByLabel("Email", { exact: true }).fill(email);
  await form.getByLabel("Website (optional)").fill("lee.example.com");
  await form.getByLabel("Comment", { exact: true }).fill("Could an advisor call me about the part-time track?");
  await form.getByRole("checkbox", { name: /An advisor may contact me/ }).check();
  await form.getByRole("checkbox", { name: /Publish my name/ }).check();
  await form.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByRole("status")).toContainText("Thank you for your comment");
  const lead = await withDb((db) => db.lead.findFirstOrThrow({ where: { email }, include: { emails: true } }));
  expect(lead).toMatchObject({ formType: "comment", article: ARTICLE });
  expect(lead.emails.map((e) => e.template).sort()).toEqual(["comment-confirmation", "staff-new-lead"]);
  const comment = await withDb((db) => db.comment.findFirstOrThrow({ where: { email } }));
  expect(comment).toMatchObject({ leadId: lead.id, website: "https://lee.example.com/", advisorContact: true });
});

test("the guide page with comments, the /comment page and the console queue pass axe", async ({ page }) => {
  test.setTimeout(120_000); // axe on four pages
  for (const path of [ARTICLE, `/comment?article=${encodeURIComponent(ARTICLE)}`, "/console/comments", "/console/comments?status=approved"]) {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations, path).toEqual([]);
  }
});
