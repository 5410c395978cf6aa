import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { deliverToMailbox, SITE_URL, testSubmissionDeps } from "../helpers/submissions";
import { confirmNewsletter } from "../helpers/funnel";
import { moderateComment, publishedKey, publishedThreads, replyToComment } from "@/lib/comments/moderation";
import { erasePerson, exportPerson } from "@/lib/console/privacy";
import { unsubscribeByToken } from "@/lib/email/manage";
import { submitLead } from "@/lib/leads/pipeline";

const t = createTestDb();
const deps = testSubmissionDeps(t.db);
const ARTICLE = "/careers/machine-learning-engineer/faq";
let staffId: string;

const post = (raw: Record<string, unknown>, token: string | undefined = randomUUID()) =>
  submitLead(
    deps,
    "comment",
    { article: ARTICLE, name: "Mara Commenter", consent: "on", ...(token ? { submissionToken: token } : {}), ...raw },
    { ip: "198.51.100.7", firstTouch: { utm_source: "newsletter" } },
  );

const commentOf = (email: string) => t.db.comment.findFirstOrThrow({ where: { email, parentId: null } });
const emailsTo = (address: string) => t.db.emailMessage.findMany({ where: { toAddress: address }, orderBy: { createdAt: "asc" } });

beforeAll(async () => {
  staffId = (await t.db.user.create({ data: { id: randomUUID(), name: "Dana Staff", email: "dana.staff@loomstack.example", role: "staff" } })).id;
});
afterAll(() => t.cleanup());

describe("a comment makes a lead only when the advisor box is ticked", () => {
  it("without the box: a pending comment and a contact, no lead, no email", async () => {
    const out = await post({ email: "no.lead@example.com", comment: "Is Python enough to start?" });
    expect(out.kind).toBe("accepted");
    const c = await commentOf("no.lead@example.com");
    expect(c).toMatchObject({ status: "pending", advisorContact: false, leadId: null, articlePath: ARTICLE });
    expect(c.contactId).not.toBeNull();
    expect(await t.db.lead.count({ where: { email: "no.lead@example.com" } })).toBe(0);
    expect(await emailsTo("no.lead@example.com")).toHaveLength(0);
  });

  it("with the box: one lead of type comment with its attribution, the comment tied to it, and a confirmation", async () => {
    const out = await post({ email: "wants.call@example.com", comment: "Could someone call me?", advisor: "on" });
    expect(out.kind).toBe("accepted");
    const c = await commentOf("wants.call@example.com");
    const lead = await t.db.lead.findFirstOrThrow({ where: { email: "wants.call@example.com" } });
    expect(lead).toMatchObject({ formType: "comment", utmSource: "newsletter", article: ARTICLE, consentVersion: "comment-2026-12" });
    expect(c).toMatchObject({ status: "pending", advisorContact: true, leadId: lead.id, contactId: lead.contactId });
    expect((await emailsTo("wants.call@example.com")).map((e) => e.template)).toEqual(["comment-confirmation"]);
  });

  it("a re-sent post (same token, or the same text again without one) stores one comment", async () => {
    const token = randomUUID();
    await post({ email: "twice@example.com", comment: "Double click", advisor: "on" }, token);
    await post({ email: "twice@example.com", comment: "Double click", advisor: "on" }, token);
    await post({ email: "twice2@example.com", comment: "No token" }, undefined);
    await post({ email: "twice2@example.com", comment: "No token" }, undefined);
    expect(await t.db.comment.count({ where: { email: "twice@example.com" } })).toBe(1);
    expect(await t.db.lead.count({ where: { email: "twice@example.com" } })).toBe(1);
    expect(await t.db.comment.count({ where: { email: "twice2@example.com" } })).toBe(1);
  });

  it("flags links, HTML and spam words, and still keeps the comment for a person to decide", async () => {
    await post({ email: "spammy@example.com", comment: "Great <b>post</b>! Cheap casino bonus at https://spam.example" });
    const c = await commentOf("spammy@example.com");
    expect(c.status).toBe("pending");
    expect(JSON.parse(c.flags)).toEqual(["link", "html", "spam-word"]);
  });

  it("a bot filling the honeypot stores nothing", async () => {
    const out = await post({ email: "bot@example.com", comment: "hi", website: "http://bot.example" });
    expect(out.kind).toBe("ignored");
    expect(await t.db.comment.count({ where: { email: "bot@example.com" } })).toBe(0);
  });
});

describe("moderation", () => {
  it("publishes only approved comments, with staff replies threaded, and emails each event exactly once", async () => {
    await post({ email: "mod@example.com", comment: "When does the next cohort start?" });
    const c = await commentOf("mod@example.com");
    expect(await publishedThreads(t.db, ARTICLE)).toEqual([]);

    const approve = () => moderateComment(t.db, { commentId: c.id, decision: "approve", staffUserId: staffId, siteUrl: SITE_URL });
    const [a, b] = await Promise.all([approve(), approve()]);
    expect([a, b].filter((r) => r.ok && r.changed)).toHaveLength(1);
    expect(await approve()).toMatchObject({ ok: true, changed: false });

    const reply = await replyToComment(t.db, { commentId: c.id, body: "In March.", staffUserId: staffId, staffName: "Dana Staff", siteUrl: SITE_URL });
    expect(reply).toMatchObject({ ok: true, publicChange: true, articlePath: ARTICLE });

    const threads = await publishedThreads(t.db, ARTICLE);
    expect(threads.map((th) => [th.authorName, th.body, th.replies.map((r) => [r.authorName, r.body, r.byStaff])])).toEqual([
      ["Mara Commenter", "When does the next cohort start?", [["Dana Staff", "In March.", true]]],
    ]);

    const mails = await emailsTo("mod@example.com");
    expect(mails.map((m) => [m.template, m.idempotencyKey])).toEqual([
      ["comment-published", publishedKey(c.id)],
      ["comment-reply", `comment:${reply.replyId}:reply`],
    ]);
    expect(mails.every((m) => m.unsubscribeToken)).toBe(true);

    // Unpublished, then approved again: no second "published" email.
    expect(await moderateComment(t.db, { commentId: c.id, decision: "reject", staffUserId: staffId, siteUrl: SITE_URL })).toMatchObject({
      publicChange: true,
    });
    expect(await publishedThreads(t.db, ARTICLE)).toEqual([]);
    await approve();
    expect(await emailsTo("mod@example.com")).toHaveLength(2);
  });

  it("refuses a reply to a rejected or spam comment, and an empty reply", async () => {
    await post({ email: "junk@example.com", comment: "buy followers now" });
    const c = await commentOf("junk@example.com");
    expect(await moderateComment(t.db, { commentId: c.id, decision: "spam", staffUserId: staffId, siteUrl: SITE_URL })).toMatchObject({
      ok: true,
      changed: true,
      publicChange: false,
    });
    const args = { commentId: c.id, staffUserId: staffId, staffName: "Dana", siteUrl: SITE_URL };
    expect(await replyToComment(t.db, { ...args, body: "Thanks" })).toMatchObject({ ok: false, reason: "not-allowed" });
    expect(await replyToComment(t.db, { ...args, body: "   " })).toMatchObject({ ok: false, reason: "invalid" });
    expect(await t.db.comment.count({ where: { parentId: c.id } })).toBe(0);
    expect(await emailsTo("junk@example.com")).toHaveLength(0);
  });

  it("a reply to a waiting comment publishes it too; the emails reach the mailbox, and the opt-out stops the next one", async () => {
    await post({ email: "optout@example.com", comment: "Is there a part-time track?" });
    const c = await commentOf("optout@example.com");
    const args = { commentId: c.id, staffUserId: staffId, staffName: "Dana Staff", siteUrl: SITE_URL };
    await replyToComment(t.db, { ...args, body: "Yes, evenings." });
    expect((await t.db.comment.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("approved");
    await deliverToMailbox(t.db);
    const sent = await emailsTo("optout@example.com");
    expect(sent.map((m) => [m.template, m.status])).toEqual([
      ["comment-published", "delivered"],
      ["comment-reply", "delivered"],
    ]);
    expect(sent[1].text).toContain("Yes, evenings.");
    expect(await unsubscribeByToken(t.db, sent[1].unsubscribeToken!)).toMatchObject({ ok: true, scope: "comments", already: false });
    await replyToComment(t.db, { ...args, body: "One more thing." });
    await deliverToMailbox(t.db);
    const after = await emailsTo("optout@example.com");
    expect(after.map((m) => m.template)).toEqual(["comment-published", "comment-reply"]);
    expect(after.map((m) => m.status)).toEqual(["delivered", "delivered"]);
    // The same link again: nothing changes, and it says so.
    expect(await unsubscribeByToken(t.db, sent[1].unsubscribeToken!)).toMatchObject({ ok: true, scope: "comments", already: true });
  });

  it("the comment opt-out ends comment emails only: the newsletter and marketing carry on, and a newsletter unsubscribe leaves comment emails alone", async () => {
    const subscribed = await submitLead(deps, "newsletter", { email: "reader@example.com", consent: "on" }, { ip: "198.51.100.8" });
    expect(subscribed.kind).toBe("saved");
    await post({ email: "reader@example.com", comment: "First question" });
    const first = await commentOf("reader@example.com");
    await moderateComment(t.db, { commentId: first.id, decision: "approve", staffUserId: staffId, siteUrl: SITE_URL });
    const published = (await emailsTo("reader@example.com")).find((m) => m.template === "comment-published")!;
    expect(published.category).toBe("comments");
    // A reply queued but not sent yet is withdrawn by the opt-out.
    await replyToComment(t.db, { commentId: first.id, staffUserId: staffId, staffName: "Dana Staff", siteUrl: SITE_URL, body: "Good question." });
    expect(await unsubscribeByToken(t.db, published.unsubscribeToken!)).toMatchObject({ ok: true, scope: "comments" });
    const contact = await t.db.contact.findUniqueOrThrow({ where: { email: "reader@example.com" }, include: { newsletter: true } });
    expect(contact.commentEmailsOptOutAt).not.toBeNull();
    expect(contact.marketingOptOutAt).toBeNull();
    expect(contact.newsletter).toMatchObject({ unsubscribedAt: null });
    expect(await t.db.emailSuppression.count({ where: { address: "reader@example.com" } })).toBe(0);
    const reply = (await emailsTo("reader@example.com")).find((m) => m.template === "comment-reply")!;
    expect([reply.status, reply.lastError]).toEqual(["suppressed", "Suppressed (comments:unsubscribe)"]);

    // The other way round: a marketing unsubscribe does not stop comment emails.
    const other = await submitLead(deps, "newsletter", { email: "marketing.off@example.com", consent: "on" }, { ip: "198.51.100.8" });
    expect(other.kind).toBe("saved");
    await confirmNewsletter(deps, "marketing.off@example.com");
    const welcome = (await emailsTo("marketing.off@example.com")).find((m) => m.template === "newsletter-welcome" && m.unsubscribeToken);
    expect(welcome, "the newsletter welcome carries an unsubscribe link").toBeDefined();
    expect(await unsubscribeByToken(t.db, welcome!.unsubscribeToken!)).toMatchObject({ ok: true, scope: "marketing" });
    await post({ email: "marketing.off@example.com", comment: "Second question" });
    const second = await commentOf("marketing.off@example.com");
    await moderateComment(t.db, { commentId: second.id, decision: "approve", staffUserId: staffId, siteUrl: SITE_URL });
    await deliverToMailbox(t.db);
    const mails = await emailsTo("marketing.off@example.com");
    expect(mails.filter((m) => m.template === "comment-published").map((m) => m.status)).toEqual(["delivered"]);
  });
});

describe("privacy", () => {
  it("exports a person's comments and erasing them deletes the comments and the replies under them", async () => {
    await post({ email: "erase.me@example.com", name: "Erin Erasable", comment: "My old employer was Initech.", advisor: "on" });
    const c = await commentOf("erase.me@example.com");
    await replyToComment(t.db, { commentId: c.id, body: "Welcome!", staffUserId: staffId, staffName: "Dana Staff", siteUrl: SITE_URL });
    const exported = await exportPerson(t.db, c.contactId!);
    expect(exported!.comments.map((x) => [x.body, x.replies.map((r) => r.body)])).toEqual([["My old employer was Initech.", ["Welcome!"]]]);

    const result = await erasePerson(t.db, { contactId: c.contactId!, actorId: staffId });
    expect(result).toMatchObject({ comments: 1, commentArticles: [ARTICLE] });
    expect(await t.db.comment.count({ where: { OR: [{ id: c.id }, { parentId: c.id }] } })).toBe(0);
    expect((await publishedThreads(t.db, ARTICLE)).some((th) => th.authorName === "Erin Erasable")).toBe(false);
  });
});
