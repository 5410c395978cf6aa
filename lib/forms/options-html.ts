/**
 * A long <select>'s options as one HTML string, for `dangerouslySetInnerHTML`: React then
 * hydrates the <select> alone, not one element per option (the time zone field has about
 * 420; docs/performance.md, issue 16). Browser-safe.
 */
import type { Option } from "./ui/fields";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

/** Text escaped for HTML content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * `<option value="">placeholder</option>` and then each option, the one whose value is
 * `selected` marked `selected` (what React's server render marks for a select's defaultValue,
 * which it cannot do for options given as HTML).
 */
export function optionsHtml(placeholder: string, options: readonly Option[], selected: string): string {
  const option = (value: string, label: string) =>
    `<option value="${escapeHtml(value)}"${value === selected ? ' selected=""' : ""}>${escapeHtml(label)}</option>`;
  return option("", placeholder) + options.map((o) => option(o.value, o.label)).join("");
}
