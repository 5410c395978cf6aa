import type { Db } from "../db";
import type { SummaryRow } from "../email/template-data";
import { FORMS, type LeadType } from "../forms/registry";
import { summaryRows } from "../forms/summary";
import { BOOKING_VIEW_INCLUDE, toBookingView, type BookingView, type BookingWithParts } from "./view";

/**
 * The console's agenda: the calls starting in a range, each with the lead's details and what
 * the lead sent (its form's summary), so the advisor knows who is calling about what.
 */
export type AgendaItem = BookingView & {
  /** What the lead's form said, labelled as in its emails ("Course: Data Analytics"). */
  summary: SummaryRow[];
};

/** The most calls one agenda page lists. */
export const AGENDA_LIMIT = 500;

const PERSON_FIELDS = new Set(["name", "email", "phone", "consent", "submissionToken"]);

/** The lead's form summary; a form the registry does not know (or stored fields it cannot read) shows the fields as they are. */
function leadSummary(formType: string, fields: string, programs: Map<string, string>): SummaryRow[] {
  let input: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(fields);
    input = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    input = {};
  }
  const form = Object.hasOwn(FORMS, formType) ? FORMS[formType as LeadType] : undefined;
  if (form) {
    try {
      return (form.summary as (input: unknown, names: { programs: Map<string, string> }) => SummaryRow[])(input, { programs });
    } catch {
      // Fields saved by an older version of the form: shown raw below.
    }
  }
  return summaryRows(
    Object.entries(input)
      .filter(([k]) => !PERSON_FIELDS.has(k))
      .map(([k, v]): [string, string | null] => [k, typeof v === "string" ? v : v === null || v === undefined ? null : JSON.stringify(v)]),
  );
}

/**
 * The calls starting in [from, to), earliest first, for one advisor or all. Cancelled calls
 * are left out unless asked for.
 */
export async function agenda(db: Db, a: { from: Date; to: Date; advisorId?: string; includeCancelled?: boolean }): Promise<AgendaItem[]> {
  const rows = (await db.booking.findMany({
    where: {
      startsAt: { gte: a.from, lt: a.to },
      ...(a.advisorId ? { advisorId: a.advisorId } : {}),
      ...(a.includeCancelled ? {} : { status: { not: "cancelled" } }),
    },
    include: BOOKING_VIEW_INCLUDE,
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: AGENDA_LIMIT,
  })) as BookingWithParts[];
  // The catalogue is small: all its names, for the bookings and for the forms' summaries.
  const programs = new Map((await db.program.findMany({ select: { slug: true, name: true } })).map((p) => [p.slug, p.name]));
  return rows.map((b) => ({
    ...toBookingView(b, b.programSlug ? (programs.get(b.programSlug) ?? null) : null),
    summary: leadSummary(b.lead.formType, b.lead.fields, programs),
  }));
}
