/**
 * Small helpers shared by the form components: DOM ids for fields, and turning the values
 * a server action echoes back (`FormState.values`) into react-hook-form default values.
 * Plain functions, usable on the server and in the browser.
 */
import { HIDDEN_FIELDS } from "@/lib/leads/form-state";

export type FormValues = Record<string, unknown>;

/** DOM id of a field; `formId` keeps ids unique when a page has two forms (/refer). */
export function fieldId(formId: string, name: string): string {
  return `${formId}-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

export const errorIdOf = (id: string) => `${id}-error`;
export const hintIdOf = (id: string) => `${id}-hint`;

/** Reads "friends.0.name" from nested values, or from a flat object keyed by dotted paths. */
export function valueAt(values: unknown, path: string): unknown {
  if (!values || typeof values !== "object") return undefined;
  if (path in values) return (values as FormValues)[path];
  return path.split(".").reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as FormValues)[key] : undefined), values);
}

/** `{ "friends.0.name": "Ana" }` becomes `{ friends: [{ name: "Ana" }] }`. */
export function expandDottedKeys(values: FormValues): FormValues {
  const out: FormValues = {};
  for (const [path, value] of Object.entries(values)) {
    const keys = path.split(".");
    let node: Record<string, unknown> = out;
    keys.forEach((key, i) => {
      if (i === keys.length - 1) {
        node[key] = value;
        return;
      }
      if (!node[key] || typeof node[key] !== "object") node[key] = /^\d+$/.test(keys[i + 1]) ? [] : {};
      node = node[key] as Record<string, unknown>;
    });
  }
  return out;
}

/** A ticked checkbox, however it arrived: `true` from react-hook-form, "on" from an HTML post. */
export const isTicked = (v: unknown) => v === true || v === "on" || v === "true";

export const asText = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");

export const asList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" && v ? [v] : [];

/**
 * The values a form starts with: the state's values (the page's prefill, or what was typed
 * before a post without JavaScript) over `base`, which fixes the shape react-hook-form
 * needs (arrays for checkbox groups, a boolean for consent).
 */
export function startingValues(base: FormValues, given: FormValues | undefined): FormValues {
  const values: FormValues = { ...base };
  for (const [key, value] of Object.entries(expandDottedKeys(given ?? {}))) {
    if (key === HIDDEN_FIELDS.token || key === HIDDEN_FIELDS.honeypot || key.startsWith("$ACTION")) continue;
    values[key] = Array.isArray(base[key]) && !Array.isArray(value) ? asList(value) : value;
  }
  if ("consent" in values) values.consent = isTicked(values.consent);
  return values;
}
