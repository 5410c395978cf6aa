import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { withDb } from "./db";
import { STAFF_ACCOUNTS, storageState } from "./staff";

// Email from the record (issue 19, item 4), with JavaScript on and off: staff pick a template
// on the lead page, preview it with the merge fields filled, are told about an empty subject
// next to the field, send it, and see it on the timeline and in the local mailbox with their
// own address as Reply-To. Going back and sending the same form again sends nothing more. A
// lead whose address bounced gets no form at all.
test.describe.configure({ mode: "serial", timeout: 90_000 });

async function consolePage(browser: Browser, js: boolean): Promise<Page> {
  const context = await browser.newContext({ storageState: storageState("staff"), javaScriptEnabled: js });
  return context.newPage();
}

/** A lead who asked about a seeded program; its address and the program's name. */
async function emailLead(name: string): Promise<{ id: string; email: string; program: string }> {
  return withDb(async (db) => {
    const program = await db.program.findFirstOrThrow({ where: { published: true }, orderBy: { sortOrder: "asc" } });
    const email = `mail-${randomUUID().slice(0, 8)}@example.com`;
    const contact = await db.contact.create({ data: { email, name, referralCode: `EM${randomUUID().slice(0, 8).toUpperCase()}` } });
    const lead = await db.lead.create({ data: { contactId: contact.id, formType: "enroll", fields: "{}", name, email, programSlug: program.slug } });
    return { id: lead.id, email, program: program.name };
  });
}

const sentTo = (leadId: string) => withDb((db) => db.emailMessage.count({ where: { leadId, template: "staff-message" } }));

/** Picks a template: with JavaScript the fields fill at once; without, "Use template" reloads the page with it. */
async function pickTemplate(page: Page, js: boolean, name: string) {
  const panel = page.getByRole("region", { name: "Write an email" });
  await panel.getByLabel("Template").selectOption({ label: name });
  if (!js) await panel.getByRole("button", { name: "Use template" }).click();
  await expect(panel.getByLabel("Subject")).toHaveValue("Your interest in {{program}}");
}

for (const js of [true, false]) {
  test.describe(`email from the record with JavaScript ${js ? "on" : "off"}`, () => {
    const tag = `${js ? "js" : "nojs"}-${randomUUID().slice(0, 6)}`;
    let lead = { id: "", email: "", program: "" };

    test.beforeAll(async () => {
      lead = await emailLead(`Omar Mail ${tag}`);
    });

    test("a template, previewed, refused without a subject, then sent once: on the timeline and in the mailbox with the advisor's Reply-To", async ({
      browser,
    }) => {
      const page = await consolePage(browser, js);
      await page.goto(`/console/leads/${lead.id}`);
      const panel = page.getByRole("region", { name: "Write an email" });
      await expect(panel).toContainText(`To ${lead.email}. Replies go to ${STAFF_ACCOUNTS.staff.email}.`);

      await pickTemplate(page, js, "First contact");
      await panel.getByRole("button", { name: "Preview" }).click();
      const preview = page.getByRole("status").filter({ hasText: "Preview, as" });
      await expect(preview).toContainText(`Subject: Your interest in ${lead.program}`);
      await expect(preview).toContainText("Hi Omar,");
      await expect(preview).toContainText("Sam Staff");
      await expect(preview).not.toContainText("{{");

      // An empty subject: told next to the field, nothing sent, the message kept.
      await panel.getByLabel("Subject").fill("");
      await panel.getByRole("button", { name: "Send email" }).click();
      await expect(panel.getByText("Write the subject.")).toBeVisible();
      await expect(panel.getByLabel("Message")).toHaveValue(/^Hi \{\{first_name\}\},/);
      expect(await sentTo(lead.id)).toBe(0);

      // A fresh page with the template (no #fragment: the same URL with one would not load anew), sent as it is.
      await page.goto(`/console/leads/${lead.id}?template=${await templateId("First contact")}`);
      await expect(panel.getByLabel("Subject")).toHaveValue("Your interest in {{program}}");
      await panel.getByRole("button", { name: "Send email" }).click();
      await expect(panel.getByRole("status").filter({ hasText: "Email queued." })).toBeVisible();
      await expect(page).toHaveURL(/emailed=sent/);
      const timeline = page.getByRole("region", { name: "Timeline of this person" });
      await expect(timeline).toContainText("Sam Staff wrote an email:");
      await expect(timeline).toContainText(`Your interest in ${lead.program}`);
      expect(await sentTo(lead.id)).toBe(1);

      // Back, and the same email written and sent again: nothing more is sent.
      await page.goBack();
      if (js) await panel.getByLabel("Template").selectOption("");
      await pickTemplate(page, js, "First contact");
      await panel.getByRole("button", { name: "Send email" }).click();
      await expect(panel.getByRole("status").filter({ hasText: "already sent: nothing more was sent" })).toBeVisible();
      expect(await sentTo(lead.id)).toBe(1);

      // In the local mailbox: the subject as filled in, and replies going to the advisor.
      await expect(async () => {
        await page.goto(`/mailbox?to=${encodeURIComponent(lead.email)}`);
        await expect(page.getByRole("link", { name: `Your interest in ${lead.program}` })).toBeVisible({ timeout: 500 });
      }).toPass({ timeout: 20_000 });
      await page.getByRole("link", { name: `Your interest in ${lead.program}` }).click();
      await expect(page.locator("dt", { hasText: /^Reply-To$/ }).locator("xpath=following-sibling::dd[1]")).toHaveText(STAFF_ACCOUNTS.staff.email);
      await expect(page.locator("pre")).toContainText("Hi Omar,");
      await page.context().close();
    });

    test("a bounced address gets no form, and says why up front", async ({ browser }) => {
      const bounced = await emailLead(`Bounced Mail ${tag}`);
      await withDb((db) => db.emailSuppression.create({ data: { address: bounced.email, scope: "all", reason: "hard_bounce" } }));
      const page = await consolePage(browser, js);
      await page.goto(`/console/leads/${bounced.id}`);
      const panel = page.getByRole("region", { name: "Write an email" });
      await expect(panel.getByRole("alert")).toContainText(`No email can be sent. Email to ${bounced.email} cannot be delivered: it bounced.`);
      await expect(panel.getByRole("button", { name: "Send email" })).toHaveCount(0);
      await page.context().close();
    });
  });
}

const templateId = (name: string) => withDb(async (db) => (await db.leadEmailTemplate.findFirstOrThrow({ where: { name } })).id);
