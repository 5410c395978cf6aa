/**
 * The syllabus download (issue 15), on a real database (SQLite file, or PostgreSQL with
 * TEST_DATABASE=postgres): the request is a `syllabus` lead with its attribution, its one
 * confirmation email carries the download link, the link's route serves the PDF of the
 * program's modules until the link expires, and refuses it (with a way to ask again) after.
 */
import { randomUUID } from "node:crypto";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { latestEmail } from "../helpers/funnel";
import { deliverToMailbox, SITE_URL, testSubmissionDeps } from "../helpers/submissions";
import { erasePerson, exportPerson } from "@/lib/console/privacy";
import { programCatalog } from "@/lib/content/program-catalog";
import { seedPrograms } from "@/lib/content/seed-programs";
import { submitLead } from "@/lib/leads/pipeline";
import { hashSyllabusToken, issueSyllabusLink, SYLLABUS_LINK_DAYS } from "@/lib/syllabus/links";

// The route reads the app's database: here, this file's test database.
const routeState = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("@/lib/db", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/db")>()), db: () => routeState.db }));

const { GET } = await import("@/app/(forms)/syllabus/download/[token]/route");

const t = createTestDb();
const deps = testSubmissionDeps(t.db);
// Two programs from the seed catalogue: what the PDF must list comes from here, not from the table.
const [first, second] = programCatalog;
let ipCounter = 0;
const freshIp = () => `203.0.113.${(ipCounter++ % 250) + 1}`;
const address = () => `syllabus-${randomUUID().slice(0, 8)}@example.com`;

beforeAll(async () => {
  await seedPrograms(t.db, new Date());
  routeState.db = t.db;
});
afterAll(() => t.cleanup());

const request = (raw: Record<string, unknown>, now?: Date) =>
  submitLead(deps, "syllabus", { consent: "on", submissionToken: randomUUID(), ...raw }, { ip: freshIp(), ...(now ? { now } : {}) });

const download = (token: string) => GET(new Request(`${SITE_URL}/syllabus/download/${token}`), { params: Promise.resolve({ token }) });

async function pdfText(res: Response): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(await res.arrayBuffer()));
  return (await extractText(doc, { mergePages: true })).text.replace(/\s+/g, " ");
}

/** The secret of the link in the newest syllabus email to `to`. */
async function emailedToken(to: string): Promise<{ token: string; count: number; data: Record<string, unknown> }> {
  const m = await latestEmail(t.db, to, "syllabus-confirmation");
  const url = String((m.parsed.syllabus as { url: string }).url);
  expect(url.startsWith(`${SITE_URL}/syllabus/download/`)).toBe(true);
  const count = await t.db.emailMessage.count({ where: { toAddress: to, template: "syllabus-confirmation" } });
  return { token: url.split("/").pop()!, count, data: m.parsed };
}

describe("a syllabus request", () => {
  it("saves a syllabus lead with its attribution and emails the link exactly once", async () => {
    const email = address();
    const raw = {
      program: first.slug,
      email,
      article: `/programs/${first.slug}`,
      cta: "program-syllabus",
      utm_source: "newsletter",
      utm_campaign: "winter",
      submissionToken: randomUUID(),
    };
    const out = await submitLead(deps, "syllabus", { consent: "on", ...raw }, { ip: freshIp() });
    expect(out.kind).toBe("saved");
    // The page answers the same for everyone: no link in it.
    expect(JSON.stringify(out)).not.toContain("/syllabus/download/");
    // The same post again (a double click) is the same lead, and no second email.
    const again = await submitLead(deps, "syllabus", { consent: "on", ...raw }, { ip: freshIp() });
    expect(again).toMatchObject({ kind: "saved", created: false });

    const leadId = out.kind === "saved" ? out.leadId : "";
    const lead = await t.db.lead.findUniqueOrThrow({ where: { id: leadId }, include: { emails: true, syllabusLinks: true } });
    expect(lead).toMatchObject({
      formType: "syllabus",
      email,
      programSlug: first.slug,
      article: `/programs/${first.slug}`,
      cta: "program-syllabus",
      utmSource: "newsletter",
      utmCampaign: "winter",
      consentVersion: "contact-2026-11",
    });
    expect(lead.emails.map((e) => e.template).sort()).toEqual(["staff-new-lead", "syllabus-confirmation"]);

    const { token, count, data } = await emailedToken(email);
    expect(count).toBe(1);
    expect(data.syllabus).toMatchObject({ program: first.name });
    // Only the hash is stored, for this lead and program; it expires 7 days on.
    expect(lead.syllabusLinks).toHaveLength(1);
    const link = lead.syllabusLinks[0];
    expect(link.tokenHash).toBe(hashSyllabusToken(token));
    expect(JSON.stringify(lead.syllabusLinks)).not.toContain(token);
    expect(link.expiresAt.getTime() - link.createdAt.getTime()).toBe(SYLLABUS_LINK_DAYS * 86_400_000);

    // Delivered once, with the link in the text the person reads.
    const round = await deliverToMailbox(t.db);
    expect(round.failed).toBe(0);
    const sent = await t.db.emailMessage.findMany({ where: { toAddress: email } });
    expect(sent).toHaveLength(1);
    expect(sent[0].status).toBe("delivered");
    expect(sent[0].text).toContain(`${SITE_URL}/syllabus/download/${token}`);
  });

  it("refuses a program that does not exist, and stores nothing", async () => {
    const email = address();
    const out = await request({ program: "no-such-program", email });
    expect(out).toEqual({ kind: "invalid", fieldErrors: { program: "Choose a program from the list." } });
    expect(await t.db.lead.count({ where: { email } })).toBe(0);
    expect(await t.db.emailMessage.count({ where: { toAddress: email } })).toBe(0);
  });

  it("emails a second program's link when the same person asks again at once, and nothing for the same program", async () => {
    const email = address();
    const now = new Date();
    expect((await request({ program: first.slug, email }, now)).kind).toBe("saved");
    expect((await request({ program: second.slug, email }, new Date(now.getTime() + 60_000))).kind).toBe("saved");
    expect((await request({ program: first.slug, email }, new Date(now.getTime() + 120_000))).kind).toBe("saved");
    const mails = await t.db.emailMessage.findMany({ where: { toAddress: email }, orderBy: { createdAt: "asc" } });
    expect(mails.map((m) => (JSON.parse(m.data) as { syllabus: { program: string } }).syllabus.program)).toEqual([first.name, second.name]);
    expect(await t.db.lead.count({ where: { email } })).toBe(1);
  });
});

describe("the download link", () => {
  it("serves the program's syllabus as a PDF, as often as it is used", async () => {
    const email = address();
    await request({ program: first.slug, email });
    const { token } = await emailedToken(email);
    for (let i = 0; i < 2; i++) {
      const res = await download(token);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="loomstack-academy-${first.slug}-syllabus.pdf"`);
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      const text = await pdfText(res);
      expect(text).toContain(first.name);
      for (const name of first.curriculum) expect(text).toContain(name);
      expect(text).toContain(`${first.durationWeeks} weeks`);
    }
    const link = await t.db.syllabusLink.findUniqueOrThrow({ where: { tokenHash: hashSyllabusToken(token) } });
    expect(link.downloads).toBe(2);
  });

  it("is refused once expired, with the page that offers a new one for the same program", async () => {
    const email = address();
    await request({ program: second.slug, email });
    const lead = await t.db.lead.findFirstOrThrow({ where: { email } });
    const program = await t.db.program.findUniqueOrThrow({ where: { slug: second.slug } });
    // A link made just over 7 days ago (the clock is the link's, injected; nothing sleeps).
    const issuedAt = new Date(Date.now() - SYLLABUS_LINK_DAYS * 86_400_000 - 60_000);
    const old = await t.db.$transaction((tx) =>
      issueSyllabusLink(tx, { leadId: lead.id, contactId: lead.contactId, programId: program.id, siteUrl: SITE_URL, now: issuedAt }),
    );
    const res = await download(old.url.split("/").pop()!);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/syllabus/link?reason=expired&program=${second.slug}`);
    expect(await res.arrayBuffer()).toHaveProperty("byteLength", 0);
  });

  it("stops working when the person is erased (console privacy page)", async () => {
    const email = address();
    await request({ program: first.slug, email });
    const { token } = await emailedToken(email);
    expect((await download(token)).status).toBe(200);
    const lead = await t.db.lead.findFirstOrThrow({ where: { email } });
    // The person's export lists the link (its program, expiry and use), never its secret.
    const exported = (await exportPerson(t.db, lead.contactId))!;
    expect(exported.syllabusLinks).toMatchObject([{ leadId: lead.id, program: { slug: first.slug }, downloads: 1 }]);
    expect(JSON.stringify(exported)).not.toContain(token);
    expect(await erasePerson(t.db, { contactId: lead.contactId, actorId: null })).not.toBeNull();
    expect(await t.db.syllabusLink.count({ where: { contactId: lead.contactId } })).toBe(0);
    expect((await download(token)).headers.get("location")).toBe("/syllabus/link?reason=unknown");
  });

  it("sends an unknown or malformed link to the same page, never an error", async () => {
    for (const token of ["A".repeat(43), "not-a-token", "%2e%2e%2f"]) {
      const res = await download(token);
      expect(res.status, token).toBe(303);
      expect(res.headers.get("location")).toBe("/syllabus/link?reason=unknown");
    }
  });
});
