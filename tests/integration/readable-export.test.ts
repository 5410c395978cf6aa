/**
 * The readable lead export (lib/console/readable-export.ts) against a real, migrated database
 * (SQLite, or PostgreSQL with TEST_DATABASE=postgres): the columns, readable values, one column
 * per answer, notes, the latest status reason, formula safety in the CSV, and the .xlsx read
 * back with exceljs (typed cells).
 *
 * Expected values are written out here; the CSV is read with tests/helpers/csv.ts, which shares
 * no code with the export.
 */
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../helpers/csv";
import { createTestDb } from "../helpers/test-db";
import type { InboxFilters } from "@/lib/console/inbox";
import { exportColumns, readableExportCsv, writeReadableExportXlsx } from "@/lib/console/readable-export";
import { nameSearchKeys } from "@/lib/leads/search-keys";

const t = createTestDb();
const T0 = Date.parse("2026-06-15T12:00:00.000Z");
const HOUR = 3_600_000;

beforeAll(async () => {
  const db = t.db;
  await db.user.createMany({
    data: [
      { id: "u-ada", name: "Ada Admin", email: "ada@loomstack.example", role: "admin", updatedAt: new Date() },
      { id: "u-sam", name: "Sam Staff", email: "sam@loomstack.example", role: "staff", updatedAt: new Date() },
    ],
  });
  const program = await db.program.create({
    data: {
      slug: "export-data",
      name: "Export Data Analytics",
      tagline: "t",
      summary: "s",
      format: "Online",
      schedule: "Part-time",
      durationWeeks: 12,
      hoursPerWeek: 10,
      level: "Beginner",
      outcomes: "o",
      curriculum: "c",
    },
  });
  await db.cohort.create({
    data: {
      id: "cohort-export-1",
      programId: program.id,
      name: "Autumn 2026",
      startDate: new Date("2026-09-07T00:00:00Z"),
      endDate: new Date("2026-12-07T00:00:00Z"),
      timeZone: "Europe/London",
      seats: 20,
      seatsLeft: 5,
    },
  });
  const contact = await db.contact.create({ data: { email: "export-people@example.com", referralCode: "EXPORT01" } });
  const base = { contactId: contact.id, status: "new" };
  await db.lead.createMany({
    data: [
      {
        ...base,
        id: "x-enroll",
        formType: "enroll",
        status: "lost",
        createdAt: new Date(T0),
        name: "Grace Hopper",
        ...nameSearchKeys("Grace Hopper"),
        email: "grace@example.com",
        phone: "+442079460958",
        programSlug: "export-data",
        cohortId: "cohort-export-1",
        ownerId: "u-sam",
        lostReason: "stale stored reason",
        utmSource: "export-test",
        consentAt: new Date("2026-06-15T11:59:00.000Z"),
        fields: JSON.stringify({
          name: "Grace Hopper",
          email: "grace@example.com",
          phone: "+442079460958",
          program: "export-data",
          cohort: "cohort-export-1",
          paymentOption: "instalments",
          experience: "beginner",
          goals: '=HYPERLINK("http://evil","x")',
          code: "FRIEND42",
          consent: true,
        }),
      },
      {
        ...base,
        id: "x-quote",
        formType: "quote",
        createdAt: new Date(T0 - HOUR),
        name: "Team Lead",
        ...nameSearchKeys("Team Lead"),
        email: "team@example.com",
        phone: "+13125550147",
        utmSource: "export-test",
        fields: JSON.stringify({
          audience: "team",
          name: "Team Lead",
          email: "team@example.com",
          company: "Harbor",
          seats: 12,
          courses: ["export-data", "gone-course"],
          platform: "macos",
          contactBy: "call",
          phone: "+13125550147",
          bestTime: "afternoon",
          timeZone: "America/Chicago",
          consent: true,
        }),
      },
    ],
  });
  await db.leadActivity.createMany({
    data: [
      { leadId: "x-enroll", actorId: "u-sam", type: "note", detail: "Called, no answer", createdAt: new Date("2026-06-15T13:05:00Z") },
      {
        leadId: "x-enroll",
        actorId: "u-ada",
        type: "status",
        fromStatus: "new",
        toStatus: "contacted",
        detail: null,
        createdAt: new Date("2026-06-15T14:00:00Z"),
      },
      { leadId: "x-enroll", actorId: "u-ada", type: "note", detail: "Wants the evening cohort", createdAt: new Date("2026-06-16T09:30:00Z") },
      {
        leadId: "x-enroll",
        actorId: "u-sam",
        type: "status",
        fromStatus: "contacted",
        toStatus: "lost",
        detail: "Chose another school",
        createdAt: new Date("2026-06-17T10:00:00Z"),
      },
      { leadId: "x-enroll", actorId: "u-sam", type: "assign", detail: "Sam Staff", createdAt: new Date("2026-06-17T10:01:00Z") },
    ],
  });
});

afterAll(() => t.cleanup());

async function csvOf(filters: InboxFilters, batchSize?: number) {
  let text = "";
  for await (const chunk of readableExportCsv(t.db, filters, { batchSize })) text += chunk;
  const rows = parseCsv(text);
  const header = rows[0];
  const records = rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
  return { text, header, records };
}

async function xlsxOf(filters: InboxFilters) {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on("data", (b: Buffer) => parts.push(b));
  const ended = new Promise((resolve) => out.on("end", resolve));
  await writeReadableExportXlsx(t.db, filters, out);
  await ended;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(parts) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("Leads")!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const cell = (row: number, label: string) => sheet.getRow(row).getCell(header.indexOf(label) + 1);
  return { sheet, header, cell };
}

describe("readable export: columns", () => {
  it("gives each answer its own readable column, the same set whatever the rows, and no JSON column", () => {
    const all = exportColumns().map((c) => c.label);
    expect(all.slice(0, 12)).toEqual([
      "ID",
      "Received (UTC)",
      "Form",
      "Status",
      "Status reason",
      "Owner",
      "Name",
      "Email",
      "Phone",
      "Program",
      "Cohort",
      "Times sent",
    ]);
    for (const label of [
      "Start date",
      "Payment",
      "Experience",
      "Goals",
      "Company",
      "Seats",
      "Courses",
      "Device",
      "Best time to call",
      "Notes",
      "Other answers",
    ]) {
      expect(all).toContain(label);
    }
    expect(all).not.toContain("Fields (JSON)");
    expect(all).not.toContain("Cohort ID");
    expect(new Set(all).size).toBe(all.length);
    // The comment form's "Article" answer is told apart from the attribution column.
    expect(all).toContain("Article (answer)");
    // Filtered to one form: only that form's answers.
    const enroll = exportColumns("enroll").map((c) => c.label);
    expect(enroll).toContain("Payment");
    expect(enroll).not.toContain("Seats");
  });
});

describe.each([
  ["the whole view", {}],
  ["in batches of one", { batchSize: 1 }],
] as const)("readable export CSV, %s", (_name, { batchSize }: { batchSize?: number }) => {
  it("writes program and cohort by name and answers as their labels", async () => {
    const { records } = await csvOf({ source: "export-test" }, batchSize);
    expect(records.map((r) => r.ID)).toEqual(["x-enroll", "x-quote"]);
    const [enroll, quote] = records;
    expect(enroll).toMatchObject({
      Form: "Enrollment application",
      Status: "Lost",
      Owner: "Sam Staff",
      Program: "Export Data Analytics",
      Cohort: "Autumn 2026",
      Payment: "Monthly instalments",
      Experience: "I have done tutorials or a short course",
      "Received (UTC)": "2026-06-15T12:00:00.000Z",
      "Times sent": "1",
    });
    // An answer outside the stable column set (the example apply form has no code) is kept.
    expect(enroll["Other answers"]).toBe("Discount or referral code: FRIEND42");
    expect(enroll["Start date"]).toMatch(/^Autumn 2026, starting .*2026/);
    expect(quote).toMatchObject({
      Form: "Pricing quote request",
      Company: "Harbor",
      Seats: "12",
      Courses: "Export Data Analytics, gone-course",
      Device: "macOS",
    });
    expect(quote["Best time to call"]).toBe("Afternoon (12:00–17:00), America/Chicago");
  });

  it("includes the notes with date and author, and the latest status change's reason", async () => {
    const { records } = await csvOf({ source: "export-test" }, batchSize);
    expect(records[0].Notes).toBe("2026-06-15 13:05 UTC, Sam Staff: Called, no answer\n2026-06-16 09:30 UTC, Ada Admin: Wants the evening cohort");
    expect(records[0]["Status reason"]).toBe("Chose another school");
    expect(records[1].Notes).toBe("");
    expect(records[1]["Status reason"]).toBe("");
  });

  it("stays formula-safe: formulas and phones get the apostrophe in the CSV", async () => {
    const { records } = await csvOf({ source: "export-test" }, batchSize);
    expect(records[0].Goals).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(records[0].Phone).toBe("'+442079460958");
  });
});

describe("readable export .xlsx", () => {
  it("writes typed cells: phones as text without an apostrophe, dates as dates, numbers as numbers", async () => {
    const { header, cell, sheet } = await xlsxOf({ source: "export-test" });
    expect(header).toEqual(exportColumns().map((c) => c.label));
    expect(sheet.rowCount).toBe(3);
    expect(cell(2, "ID").value).toBe("x-enroll");
    const phone = cell(2, "Phone");
    expect(phone.type).toBe(ExcelJS.ValueType.String);
    expect(phone.value).toBe("+442079460958");
    const received = cell(2, "Received (UTC)").value;
    expect(received).toBeInstanceOf(Date);
    expect((received as Date).toISOString()).toBe("2026-06-15T12:00:00.000Z");
    expect(cell(3, "Seats").value).toBe(12);
    expect(cell(2, "Times sent").value).toBe(1);
    // A formula typed in a form is a plain string cell, not a formula.
    expect(cell(2, "Goals").type).toBe(ExcelJS.ValueType.String);
    expect(cell(2, "Goals").value).toBe(`=HYPERLINK("http://evil","x")`);
    expect(cell(2, "Cohort").value).toBe("Autumn 2026");
    expect(cell(2, "Notes").value).toBe("2026-06-15 13:05 UTC, Sam Staff: Called, no answer\n2026-06-16 09:30 UTC, Ada Admin: Wants the evening cohort");
    expect(cell(2, "Status reason").value).toBe("Chose another school");
  });

  it("applies the same filters as the CSV", async () => {
    const { sheet, cell } = await xlsxOf({ source: "export-test", form: "quote" });
    expect(sheet.rowCount).toBe(2);
    expect(cell(2, "ID").value).toBe("x-quote");
  });
});
