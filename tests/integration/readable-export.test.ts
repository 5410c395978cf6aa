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
import { formatCohortDate } from "@/lib/content/programs";
import { exportColumns, readableExportCsv, writeReadableExportXlsx } from "@/lib/console/readable-export";
import { FORMS, formDefinition, LEAD_TYPES, type LeadType } from "@/lib/forms/registry";
import { nameSearchKeys } from "@/lib/leads/search-keys";

const t = createTestDb();
const T0 = Date.parse("2026-06-15T12:00:00.000Z");
const HOUR = 3_600_000;

/** A program in the catalogue, with placeholder text. */
const createProgram = (slug: string, name: string) =>
  t.db.program.create({
    data: {
      slug,
      name,
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

beforeAll(async () => {
  const db = t.db;
  await db.user.createMany({
    data: [
      { id: "u-ada", name: "Ada Admin", email: "ada@loomstack.example", role: "admin", updatedAt: new Date() },
      { id: "u-sam", name: "Sam Staff", email: "sam@loomstack.example", role: "staff", updatedAt: new Date() },
    ],
  });
  const program = await createProgram("export-data", "Export Data Analytics");
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
    // The apply form's code has a column of its own, though the form's example has none.
    expect(enroll["Discount or referral code"]).toBe("FRIEND42");
    expect(enroll["Other answers"]).toBe("");
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

  it("exports only the inbox's selected leads (ids), unknown ids skipped", async () => {
    const { records } = await csvOf({ ids: ["x-quote", "no-such-lead"] });
    expect(records.map((r) => r.ID)).toEqual(["x-quote"]);
    const { sheet, cell } = await xlsxOf({ ids: ["x-enroll"] });
    expect(sheet.rowCount).toBe(2);
    expect(cell(2, "ID").value).toBe("x-enroll");
  });
});

// ---- every form type ----

/**
 * One lead per form type, its answers the form's own example (a realistic submission), and
 * the enroll example with a discount code. The expected cells are worded by each form's own
 * summary (lib/forms/<form>/definition.tsx, the wording the export promises), with the
 * catalogue names this test seeds; the lead's own columns are written out here.
 */
describe("readable export: a lead of every form type", () => {
  const SOURCE = "every-form";
  const ENROLL = formDefinition("enroll").example.input as Record<string, string>;
  const PROGRAM = { slug: ENROLL.program, name: "Every Form Web Development" };
  const COHORT = { id: ENROLL.cohort, name: "Spring 2027", startDate: new Date("2027-03-01T00:00:00Z") };
  const STARTS_AS = `Spring 2027, starting ${formatCohortDate(COHORT.startDate)}`;
  const idOf = (type: LeadType) => `every-${type}`;
  /** Each lead's answers: its form's example, with a formula in it and, on the enroll lead, a code. */
  const inputOf = (type: LeadType): Record<string, unknown> => ({
    ...(formDefinition(type).example.input as Record<string, unknown>),
    ...(type === "enroll" ? { code: "SPRING10", goals: "=1+1 and a career change" } : {}),
  });
  const BASE_LABELS = new Set(["Name", "Email", "Phone", "Program"]);

  /** [column label, value] of each answer, as the form's summary words it. */
  function expectedAnswers(type: LeadType): [string, string][] {
    const taken = new Set(
      exportColumns()
        .filter((c) => !c.key.startsWith("answer:"))
        .map((c) => c.label),
    );
    return FORMS[type]
      .summary(inputOf(type) as never, { programs: new Map([[PROGRAM.slug, PROGRAM.name]]), cohort: type === "enroll" ? STARTS_AS : undefined })
      .filter((r) => !BASE_LABELS.has(r.label))
      .map((r) => [taken.has(r.label) ? `${r.label} (answer)` : r.label, r.value]);
  }

  beforeAll(async () => {
    const db = t.db;
    const program = await createProgram(PROGRAM.slug, PROGRAM.name);
    await db.cohort.create({
      data: { ...COHORT, programId: program.id, endDate: new Date("2027-06-01T00:00:00Z"), timeZone: "UTC", seats: 20, seatsLeft: 20 },
    });
    const contact = await db.contact.create({ data: { email: "every-form@example.com", referralCode: "EVERY001" } });
    await db.lead.createMany({
      data: LEAD_TYPES.map((type, i) => ({
        id: idOf(type),
        contactId: contact.id,
        formType: type,
        status: "lost",
        createdAt: new Date(T0 - (100 + i) * HOUR),
        name: `Every ${type}`,
        email: `${type}@every.example`,
        phone: "+14155550132",
        ...(formDefinition(type).columns?.(inputOf(type) as never) ?? {}),
        ownerId: "u-ada",
        lostReason: "stored reason, not the latest",
        utmSource: SOURCE,
        fields: JSON.stringify(inputOf(type)),
      })),
    });
    await db.leadActivity.createMany({
      data: LEAD_TYPES.flatMap((type) => [
        { leadId: idOf(type), actorId: "u-sam", type: "note", detail: `=Note on ${type}`, createdAt: new Date("2026-05-01T08:30:00Z") },
        { leadId: idOf(type), actorId: null, type: "note", detail: "Second note", createdAt: new Date("2026-05-02T09:45:00Z") },
        {
          leadId: idOf(type),
          actorId: "u-ada",
          type: "status",
          fromStatus: "new",
          toStatus: "lost",
          detail: `Lost: ${type}`,
          createdAt: new Date("2026-05-03T10:00:00Z"),
        },
      ]),
    });
  });

  it("has a lead of every form type, all but three with answers beyond name, email, phone and program", () => {
    expect(LEAD_TYPES.length).toBeGreaterThan(8);
    expect(LEAD_TYPES.filter((type) => expectedAnswers(type).length === 0).sort()).toEqual(["event", "newsletter", "syllabus"]);
  });

  it.each([500, 2])("writes each lead's readable row in the CSV (batches of %i)", async (batchSize) => {
    const { records, text } = await csvOf({ source: SOURCE }, batchSize);
    expect(records.map((r) => r.ID)).toEqual(LEAD_TYPES.map(idOf));
    for (const [i, type] of LEAD_TYPES.entries()) {
      const r = records[i];
      expect(r, type).toMatchObject({
        "Received (UTC)": new Date(T0 - (100 + i) * HOUR).toISOString(),
        Form: formDefinition(type).label,
        Status: "Lost",
        "Status reason": `Lost: ${type}`,
        Owner: "Ada Admin",
        Name: `Every ${type}`,
        Email: `${type}@every.example`,
        Phone: "'+14155550132",
        "Times sent": "1",
        "Other answers": "",
        Notes: `2026-05-01 08:30 UTC, Sam Staff: =Note on ${type}\n2026-05-02 09:45 UTC, Staff: Second note`,
        "UTM source": SOURCE,
      });
      for (const [label, value] of expectedAnswers(type)) expect(r[label], `${type}: ${label}`).toBe(/^[=+\-@]/.test(value) ? `'${value}` : value);
    }
    const enroll = records[LEAD_TYPES.indexOf("enroll")];
    expect(enroll).toMatchObject({
      Program: PROGRAM.name,
      Cohort: COHORT.name,
      "Start date": STARTS_AS,
      "Discount or referral code": "SPRING10",
      Goals: "'=1+1 and a career change",
    });
    // Formula-safe throughout: no cell of the file starts like a formula.
    for (const row of parseCsv(text)) for (const cell of row) expect(cell).not.toMatch(/^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/);
  });

  it("writes the same rows to the workbook as typed cells", async () => {
    const { sheet, header, cell } = await xlsxOf({ source: SOURCE });
    expect(sheet.rowCount).toBe(1 + LEAD_TYPES.length);
    for (const [i, type] of LEAD_TYPES.entries()) {
      const row = i + 2;
      expect(cell(row, "ID").value).toBe(idOf(type));
      expect((cell(row, "Received (UTC)").value as Date).toISOString()).toBe(new Date(T0 - (100 + i) * HOUR).toISOString());
      expect(cell(row, "Phone").value).toBe("+14155550132");
      expect(cell(row, "Times sent").value).toBe(1);
      expect(cell(row, "Status reason").value).toBe(`Lost: ${type}`);
      expect(cell(row, "Notes").value).toBe(`2026-05-01 08:30 UTC, Sam Staff: =Note on ${type}\n2026-05-02 09:45 UTC, Staff: Second note`);
      for (const [label, value] of expectedAnswers(type)) {
        expect(header, `${type}: ${label}`).toContain(label);
        const c = cell(row, label);
        if (/^(0|[1-9]\d{0,8})$/.test(value)) expect(c.value, `${type}: ${label}`).toBe(Number(value));
        else {
          expect(c.type, `${type}: ${label}`).toBe(ExcelJS.ValueType.String);
          expect(c.value, `${type}: ${label}`).toBe(value);
        }
      }
    }
  });
});
