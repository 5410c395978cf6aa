/**
 * A lead's answers as staff read them on the lead page: labelled and worded by the form's own
 * summary (program and cohort names, option labels), never raw keys and ids. A lead stored
 * before its form changed shape, or of a form no longer known, shows its raw answers instead.
 */
import { FORMS, LEAD_TYPES, type LeadType } from "../forms/registry";
import type { SummaryNames } from "../forms/types";

export type Answer = [label: string, value: string];

/** The person's own details, which the page shows from the lead's columns. */
const CONTACT_LABELS = new Set(["Name", "Email", "Phone"]);

const raw = (v: unknown): string => (typeof v === "string" ? v : JSON.stringify(v));

export function readableAnswers(formType: string, fields: Record<string, unknown>, names: SummaryNames): Answer[] {
  if ((LEAD_TYPES as readonly string[]).includes(formType)) {
    try {
      return FORMS[formType as LeadType]
        .summary(fields as never, names)
        .filter((r) => !CONTACT_LABELS.has(r.label))
        .map((r): Answer => [r.label, r.value]);
    } catch {
      // Stored before the form changed shape: the raw answers below.
    }
  }
  return Object.entries(fields)
    .filter(([k, v]) => !["name", "email", "phone", "consent"].includes(k) && v !== null && v !== undefined && v !== "")
    .map(([k, v]): Answer => [k, raw(v)]);
}
