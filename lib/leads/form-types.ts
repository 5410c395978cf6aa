import { FORM_TYPES, FORMS, LEAD_TYPES, type FormType, type LeadType } from "../forms/registry";
import { CONSENT, type ConsentKey } from "./consent";

/**
 * The kinds of lead, read from the form registry (lib/forms/registry.ts): `FORM_TYPES` are
 * the forms a visitor posts, `LEAD_TYPES` add `invite` (a referred friend's "yes").
 * Server-only, as the registry is; the browser-safe consent texts are in ./consent.ts.
 */
export { CONSENT, FORM_TYPES, LEAD_TYPES, type FormType, type LeadType };

export const FORM_LABELS = Object.fromEntries(LEAD_TYPES.map((t) => [t, FORMS[t].label])) as Record<LeadType, string>;

export const CONSENT_FOR_FORM = Object.fromEntries(LEAD_TYPES.map((t) => [t, FORMS[t].consent])) as Record<LeadType, ConsentKey>;
