import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import type { ProgramView } from "../content/programs";
import { buildSyllabusPdf, syllabusFilename, winAnsiText } from "./pdf";

/** A program as the database view has it; every expected string below is written here. */
const program: ProgramView = {
  slug: "data-analytics",
  name: "Data Analytics",
  tagline: "From spreadsheets to SQL dashboards → in 16 weeks.",
  summary: "Learn to clean, query and explain data for real decisions.",
  format: "Online, live",
  schedule: "Part-time: Tuesday and Thursday evenings + Saturday mornings",
  durationWeeks: 16,
  hoursPerWeek: 12,
  level: "Beginners; no coding needed",
  outcomes: ["Write SQL that answers business questions", "Present findings to a non-technical audience"],
  curriculum: ["Spreadsheet modelling", "SQL for analysts", "Python with pandas", "Dashboards and storytelling", "Capstone with a real dataset"],
  careerGuide: null,
  updatedAt: "2026-11-01T00:00:00.000Z",
  upcomingCohorts: [
    {
      id: "c1",
      name: "March 2027 evenings",
      startDate: "2027-03-01T00:00:00.000Z",
      endDate: "2027-06-21T00:00:00.000Z",
      timeZone: "America/New_York",
      seatsLeft: 9,
      status: "open",
    },
    {
      id: "c2",
      name: "May 2027 evenings",
      startDate: "2027-05-03T00:00:00.000Z",
      endDate: "2027-08-23T00:00:00.000Z",
      timeZone: "Europe/London",
      seatsLeft: 0,
      status: "waitlist",
    },
  ],
  paymentOptions: [
    {
      id: "p1",
      kind: "upfront",
      label: "Pay upfront",
      description: "One payment, 10% off.",
      totalCents: 810_000,
      currency: "USD",
      instalments: null,
      monthlyCents: null,
    },
    {
      id: "p2",
      kind: "instalments",
      label: "Monthly instalments",
      description: "12 interest-free payments.",
      totalCents: 900_000,
      currency: "USD",
      instalments: 12,
      monthlyCents: 75_000,
    },
  ],
  listPriceCents: 900_000,
  fromPriceCents: 810_000,
};

async function pdfText(pdf: Buffer): Promise<{ text: string; pages: number }> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text, totalPages } = await extractText(doc, { mergePages: true });
  return { text: text.replace(/\s+/g, " "), pages: totalPages };
}

describe("the syllabus PDF", () => {
  it("is a PDF whose text has the program's modules, facts, cohorts and prices", async () => {
    const pdf = await buildSyllabusPdf(program, { now: new Date("2026-12-06T12:00:00Z"), programUrl: "https://loomstack.example/programs/data-analytics" });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { text, pages } = await pdfText(pdf);
    expect(pages).toBeGreaterThanOrEqual(1);
    for (const name of program.curriculum) expect(text).toContain(name);
    // In order, numbered as on the program page.
    expect(text).toMatch(/01 Spreadsheet modelling 02 SQL for analysts 03 Python with pandas/);
    for (const fact of [
      "Data Analytics",
      "Duration: 16 weeks",
      "About 12 hours a week",
      "Format: Online, live",
      "Tuesday and Thursday evenings + Saturday mornings",
      "Beginners; no coding needed",
      "Write SQL that answers business questions",
      "March 2027 evenings",
      "Mon, March 1, 2027 to Mon, June 21, 2027",
      "America/New York",
      "9 seats left",
      "waitlist",
      "Pay upfront: $8,100",
      "$750 a month, 12 payments ($9,000 in total)",
      "Prepared on Sun, December 6, 2026",
      "https://loomstack.example/programs/data-analytics",
    ]) {
      expect(text).toContain(fact);
    }
    // The standard fonts cannot draw an arrow: it is spelled out rather than garbled.
    expect(text).toContain("SQL dashboards -> in 16 weeks.");
  });

  it("says so when no cohort is open", async () => {
    const pdf = await buildSyllabusPdf({ ...program, upcomingCohorts: [] }, { now: new Date("2026-12-06T12:00:00Z"), programUrl: "https://x.example/p" });
    expect((await pdfText(pdf)).text).toContain("No dates are open right now.");
  });

  it("is named after the school and the program", () => {
    expect(syllabusFilename(program)).toBe("loomstack-academy-data-analytics-syllabus.pdf");
  });

  it("keeps what the standard fonts can draw and spells the rest", () => {
    expect(winAnsiText("Café “quoted” — 10–12 € • ok")).toBe("Café “quoted” — 10–12 € • ok");
    expect(winAnsiText("≥ 3 → Łódź ✓ 日本")).toBe(">= 3 -> Lódz * ??");
  });
});
