/**
 * CSV cells and lines for the staff lead export (lib/console/readable-export.ts; docs/console.md,
 * "Export"): RFC 4180, and safe against spreadsheet formula injection.
 */

const QUOTE_NEEDED = /[",\r\n]/;
/** A formula behind leading white space (only tested when the first character may be white space). */
const SPACED_FORMULA = /^\s+[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/** = + - @ TAB CR, and the full-width ＝ ＋ － ＠. */
function formulaStart(code: number): boolean {
  return (
    code === 0x3d ||
    code === 0x2b ||
    code === 0x2d ||
    code === 0x40 ||
    code === 0x09 ||
    code === 0x0d ||
    code === 0xff1d ||
    code === 0xff0b ||
    code === 0xff0d ||
    code === 0xff20
  );
}

/** Could be white space for JavaScript's \s (cheap pre-check; the exact test follows). */
function maybeSpace(code: number): boolean {
  return code <= 0x20 || code >= 0xa0;
}

function isSpace(ch: string): boolean {
  return /\s/.test(ch);
}

/**
 * One CSV field.
 *
 * - null/undefined → empty; a Date → ISO 8601 (UTC); a finite number or bigint as written.
 * - Formula injection (OWASP "CSV Injection"): a string starting with = + - @ TAB CR, or with
 *   one of them after leading white space (a spreadsheet's "trim spaces" would revive it), or
 *   with the full-width ＝ ＋ － ＠, gets a leading ' and is shown as text. Strip one ' to get
 *   the stored value back.
 * - E.164 phones ("+14155550132") get the apostrophe too, on purpose: without it Excel reads
 *   them as formulas and shows 1.42E+10, losing the + and the digits.
 * - Numbers (not strings) are left alone: a JavaScript number prints as digits, a sign and
 *   maybe an exponent, never a function call ("Times sent", "Seats").
 * - Unicode is kept exactly as stored (no normalisation); the route encodes UTF-8 with a BOM.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text: string;
  if (typeof value === "string") {
    text = value;
  } else if (value instanceof Date) {
    text = Number.isNaN(value.getTime()) ? "" : value.toISOString();
  } else if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "bigint") {
    text = String(value);
    if (PLAIN_NUMBER.test(text)) return text;
  } else if (typeof value === "object") {
    text = JSON.stringify(value) ?? "";
  } else {
    text = String(value);
  }
  if (text === "") return "";
  const first = text.charCodeAt(0);
  if (formulaStart(first) || (maybeSpace(first) && SPACED_FORMULA.test(text))) text = `'${text}`;
  const last = text.charCodeAt(text.length - 1);
  const quote = QUOTE_NEEDED.test(text) || (maybeSpace(text.charCodeAt(0)) && isSpace(text[0])) || (maybeSpace(last) && isSpace(text[text.length - 1]));
  return quote ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (RFC 4180: CRLF at the end). */
export function csvLine(values: readonly unknown[]): string {
  let line = values.length ? csvCell(values[0]) : "";
  for (let i = 1; i < values.length; i++) line += `,${csvCell(values[i])}`;
  return `${line}\r\n`;
}

/**
 * `csvCell` for a value read by the export, with a shortcut for the common case: a string whose
 * first character is not = + - @ nor possibly white space (at or below U+0020, or U+00A0 and
 * above, which also covers the full-width signs), whose last is not possibly white space, is
 * only quoted if it holds a comma, a quote or a line break. Anything else goes through
 * `csvCell`, so the result is always exactly csvCell's (tests/unit/csv-export.test.ts checks).
 */
export function fastCsvCell(value: unknown): string {
  if (typeof value !== "string") return csvCell(value);
  const n = value.length;
  if (n === 0) return "";
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(n - 1);
  if (first === 0x3d || first === 0x2b || first === 0x2d || first === 0x40 || first <= 0x20 || first >= 0xa0 || last <= 0x20 || last >= 0xa0) {
    return csvCell(value);
  }
  return QUOTE_NEEDED.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
