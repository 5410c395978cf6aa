/**
 * A lead's answers as staff read them: labelled and worded by the form's own summary
 * (program and cohort names, option labels), never raw keys and ids. A lead stored before its
 * form changed shape, or of a form no longer known, gives its raw answers instead. The lead
 * page (`readableAnswers`) and the export (lib/console/readable-export.ts, `formAnswers`)
 * both word answers here.
 */
import { FORMS, LEAD_TYPES, type LeadType } from "../forms/registry";
import type { SummaryNames } from "../forms/types";

export type Answer = [label: string, value: string];

const raw = (v: unknown): string => (typeof v === "string" ? v : JSON.stringify(v));
const isLeadType = (type: unknown): type is LeadType => (LEAD_TYPES as readonly unknown[]).includes(type);

/** Every answer as the form's summary words it (the person's details included), else the raw ones without consent. */
export function formAnswers(formType: unknown, fields: Record<string, unknown>, names: SummaryNames): { label: string; value: string }[] {
  if (isLeadType(formType)) {
    try {
      return FORMS[formType].summary(fields as never, names);
    } catch {
      // Stored before the form changed shape: the raw answers below.
    }
  }
  return Object.entries(fields)
    .filter(([k, v]) => k !== "consent" && v !== null && v !== undefined && v !== "")
    .map(([k, v]) => ({ label: k, value: raw(v) }));
}

/** The person's own details, which the lead page shows from the lead's columns. */
const CONTACT = new Set(["Name", "Email", "Phone", "name", "email", "phone"]);

/** The answers for the lead page: as `formAnswers`, without the person's name, email and phone. */
export function readableAnswers(formType: string, fields: Record<string, unknown>, names: SummaryNames): Answer[] {
  return formAnswers(formType, fields, names)
    .filter((r) => !CONTACT.has(r.label))
    .map((r): Answer => [r.label, r.value]);
}
