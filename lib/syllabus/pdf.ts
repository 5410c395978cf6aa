import PDFDocument from "pdfkit";
import { formatCohortDate, formatMoney, type ProgramView } from "../content/programs";
import { siteConfig } from "../site-config";

/**
 * The syllabus PDF, built from the program as the database has it (the same view the
 * program page renders), so the PDF never disagrees with the page. pdfkit draws it with the
 * PDF standard fonts (Helvetica), which every reader has: nothing is embedded or fetched.
 */

export function syllabusFilename(program: Pick<ProgramView, "slug">): string {
  return `${siteConfig.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${program.slug}-syllabus.pdf`;
}

// The standard fonts cover WinAnsi (Latin-1 plus typographic quotes, dashes, bullets, €);
// anything else would print as garbage, so it is spelled in the nearest covered characters.
const WIN_ANSI_EXTRAS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
const SPELLED: Record<string, string> = { "→": "->", "←": "<-", "≥": ">=", "≤": "<=", "≈": "~", "−": "-", "✓": "*", Ł: "L", ł: "l" };

export function winAnsiText(text: string): string {
  return Array.from(text, (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || ch === "\n" || WIN_ANSI_EXTRAS.includes(ch)) return ch;
    if (SPELLED[ch]) return SPELLED[ch];
    const plain = ch.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    return /^[\x20-\x7e]+$/.test(plain) ? plain : "?";
  }).join("");
}

const INK = "#1c1917";
const MUTED = "#57534e";
const BRAND = "#1d4ed8";

export type SyllabusPdfOptions = {
  /** Shown as "Prepared on" and stored as the PDF's creation date. */
  now: Date;
  /** Absolute link to the program page, printed at the end. */
  programUrl: string;
};

export async function buildSyllabusPdf(source: ProgramView, { now, programUrl }: SyllabusPdfOptions): Promise<Buffer> {
  const program = pdfSafeProgram(source);
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 56, left: 60, right: 60 },
    info: { Title: `${program.name} syllabus`, Author: siteConfig.name, Subject: program.tagline, CreationDate: now, ModDate: now },
    lang: "en-US",
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const heading = (text: string) => {
    doc.moveDown(1.2).font("Helvetica-Bold").fontSize(15).fillColor(BRAND).text(text).moveDown(0.4);
    doc.font("Helvetica").fontSize(11).fillColor(INK);
  };
  const fact = (label: string, value: string) => {
    doc.font("Helvetica-Bold").text(`${label}: `, { continued: true }).font("Helvetica").text(value);
  };

  doc.font("Helvetica-Bold").fontSize(10).fillColor(MUTED).text(`${siteConfig.name.toUpperCase()}  ·  SYLLABUS`);
  doc.moveDown(0.6).font("Helvetica-Bold").fontSize(26).fillColor(INK).text(program.name);
  doc.moveDown(0.3).font("Helvetica").fontSize(13).fillColor(MUTED).text(program.tagline);
  doc.moveDown(0.6).fontSize(11).fillColor(INK).text(program.summary, { lineGap: 2 });

  heading("At a glance");
  fact("Duration", `${program.durationWeeks} weeks`);
  fact("Time commitment", `About ${program.hoursPerWeek} hours a week`);
  fact("Format", program.format);
  fact("Schedule", program.schedule);
  fact("Who it suits", program.level);

  heading("Modules");
  program.curriculum.forEach((module, i) => {
    doc
      .font("Helvetica-Bold")
      .text(`${String(i + 1).padStart(2, "0")}  `, { continued: true })
      .font("Helvetica")
      .text(module, { lineGap: 3 });
  });

  if (program.outcomes.length) {
    heading("What you will be able to do");
    doc.list(program.outcomes, { bulletRadius: 2, lineGap: 3 });
  }

  heading("Upcoming cohorts");
  if (program.upcomingCohorts.length === 0) {
    doc.text("No dates are open right now. New cohorts are announced on the program page and in our newsletter.");
  } else {
    for (const c of program.upcomingCohorts) {
      const availability = c.status === "waitlist" ? "waitlist" : c.seatsLeft === 1 ? "1 seat left" : `${c.seatsLeft} seats left`;
      doc.font("Helvetica-Bold").text(c.name);
      doc
        .font("Helvetica")
        .fillColor(MUTED)
        .text(`${formatCohortDate(c.startDate)} to ${formatCohortDate(c.endDate)}  ·  class times in ${c.timeZone.replace(/_/g, " ")} time  ·  ${availability}`)
        .fillColor(INK)
        .moveDown(0.3);
    }
  }

  heading("Tuition and payment options");
  if (program.listPriceCents) doc.text(`List price ${formatMoney(program.listPriceCents)}.`).moveDown(0.3);
  for (const o of program.paymentOptions) {
    const price =
      o.monthlyCents && o.instalments
        ? `${formatMoney(o.monthlyCents, o.currency)} a month, ${o.instalments} payments (${formatMoney(o.totalCents, o.currency)} in total)`
        : formatMoney(o.totalCents, o.currency);
    doc.font("Helvetica-Bold").text(`${o.label}: `, { continued: true }).font("Helvetica").text(price);
    doc.fillColor(MUTED).text(o.description, { lineGap: 2 }).fillColor(INK).moveDown(0.3);
  }

  doc.moveDown(1.5).fontSize(9).fillColor(MUTED);
  doc.text(`Prepared on ${formatCohortDate(now)}. Dates, seats and prices change; the program page has the latest:`);
  doc.fillColor(BRAND).text(programUrl, { link: programUrl, underline: true });

  doc.end();
  return done;
}

/** The program with every text the PDF prints made WinAnsi-safe. */
function pdfSafeProgram(p: ProgramView): ProgramView {
  const t = winAnsiText;
  return {
    ...p,
    name: t(p.name),
    tagline: t(p.tagline),
    summary: t(p.summary),
    format: t(p.format),
    schedule: t(p.schedule),
    level: t(p.level),
    curriculum: p.curriculum.map(t),
    outcomes: p.outcomes.map(t),
    upcomingCohorts: p.upcomingCohorts.map((c) => ({ ...c, name: t(c.name) })),
    paymentOptions: p.paymentOptions.map((o) => ({ ...o, label: t(o.label), description: t(o.description) })),
  };
}
