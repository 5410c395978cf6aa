import { randomBytes } from "node:crypto";

/**
 * Rendering once per template and data shape, then filling in each message's values.
 *
 * React Email's render costs about 1.6 ms a message and set the pace of the outbox drain
 * (docs/performance.md). Most of what it writes is the same for every message of a template:
 * only the recipient's values change. So, for a template and a data *shape*, this renders the
 * template with a unique placeholder (a "sentinel") in place of each free-text value, keeps
 * the HTML cut at the placeholders, and builds each later message's HTML by putting its
 * values, escaped as React escapes them, where the placeholders were.
 *
 * The output must be byte for byte the direct render's (tests/unit/email-render-fast.test.ts).
 * What keeps it so:
 *
 * - **The shape** (the cache key) holds everything a template can branch on: the data's
 *   structure (keys, list lengths), every number, boolean and null, and every string that is
 *   not free text. Only four kinds of string become placeholders, each replaced by a
 *   placeholder of the same kind, so that every test a template makes on it comes out the
 *   same (`classify`):
 *   - text: non-empty, no space at either end, no line breaks, tabs, control characters or
 *     double spaces, no `@`, not a URL, not a lowercase identifier of up to 20
 *     characters (those are the values templates compare with constants: "approved",
 *     "going", "reminder-1h", form types; they stay in the key), not an ISO 8601 date (the
 *     form in which the data stores the dates that templates format), not a name on
 *     Object.prototype;
 *   - an email address (ASCII, `a@b`): the staff email links it as `mailto:`;
 *   - an http or https URL that is already in its normal form (`new URL(v).toString() === v`).
 *   Anything else stays in the key as it is.
 * - **Two sentinel renders must agree.** The template is rendered with two sets of
 *   placeholders that differ in their letters and their length; once cut at the placeholders
 *   the two must be identical. A template that transforms a value (cuts it, changes its case,
 *   encodes it, pads to its length) leaves a difference and the shape is never cached.
 * - **The preview line** is the one part that depends on a value's length (React Email's
 *   `<Preview>` cuts it at 150 characters and pads it with 150 − length invisible
 *   characters): it is kept as raw text with placeholders and rebuilt per message the way
 *   `<Preview>` builds it.
 * - **Values inside a tag** (an attribute, e.g. `href="mailto:…"`): a URL would encode some
 *   characters, so there a text value is only filled in when it is made of characters no URL
 *   encodes; otherwise the message is rendered directly.
 * - **Checked against a real render**: the template is built on the second message of a
 *   shape (the first is rendered directly, so shapes seen once cost nothing extra), together
 *   with that message's direct render, and kept only if filling it in gives the same bytes.
 * - A value that contains this process's sentinel marker (random per process) is rendered
 *   directly.
 *
 * The cache is bounded (least recently used shapes are dropped).
 */

type Cls = "text" | "email" | "http" | "https";

const MAX_TEMPLATES = 500;
const MAX_SEEN = 5_000;
/** Depth beyond which data is rendered directly (stored JSON is shallow). */
const MAX_DEPTH = 12;

const nonce = () => {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join("");
};
type Mark = { nonce: string; tail: string };
/** Two sentinel sets: different letters and different lengths. */
const MARKS: readonly Mark[] = [
  { nonce: nonce(), tail: "" },
  { nonce: nonce(), tail: "Kk" },
];

/** For tests: a value containing one of these is always rendered directly. */
export const SENTINEL_MARKERS: readonly string[] = MARKS.map((m) => `Zq${m.nonce}`);

/**
 * What a text placeholder carries besides its number: a space, the characters React escapes,
 * accents, typographic punctuation, both cases. A template that changes any of them (encodes
 * the value into a URL, changes its case, replaces quotes) leaves the placeholder mangled or
 * different between the two sets, and the shape is not cached.
 */
const TEXT_PROBE = ` &'"<>é’— x`;

/** A placeholder: its raw text, and where its numbered core starts in it. */
type Sentinel = { raw: string; offset: number };

function sentinel(cls: Cls, mark: Mark, i: number): Sentinel {
  const core = `Zq${mark.nonce}N${i}q${mark.tail}`;
  if (cls === "email") return { raw: `${core}@x.invalid`, offset: 0 };
  if (cls === "http" || cls === "https") {
    // In the path, where URL parsing keeps the case.
    const prefix = `${cls}://x.invalid/`;
    return { raw: prefix + core, offset: prefix.length };
  }
  return { raw: core + TEXT_PROBE, offset: 0 };
}

const IDENTIFIER = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const NOT_PLAIN = /[^\S ]| {2}|^ | $|@|[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const EMAIL = /^[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+$/;
/**
 * Dates as the data stores them (ISO 8601), which templates parse and format. Not
 * `Date.parse`: V8 reads any string with a number in it as a date ("Rita 2").
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A string's kind of placeholder, or null to keep it in the key as it is. */
export function classify(s: string): Cls | null {
  if (s === "" || s.length > 10_000) return null;
  if (s.startsWith("http://") || s.startsWith("https://")) {
    if (!URL.canParse(s)) return null;
    const u = new URL(s);
    return u.toString() === s ? (u.protocol === "http:" ? "http" : "https") : null;
  }
  if (EMAIL.test(s)) return "email";
  if (NOT_PLAIN.test(s)) return null;
  if (s.length <= 20 && IDENTIFIER.test(s)) return null;
  if (s in Object.prototype) return null;
  if (URL.canParse(s) || ISO_DATE.test(s)) return null;
  return "text";
}

type Shape = { key: string; values: string[]; classes: Cls[] };

/** The cache key and the values that become placeholders, in traversal order; null: render directly. */
function describe(data: unknown, ctx: unknown): Shape | null {
  const values: string[] = [];
  const classes: Cls[] = [];
  const parts: string[] = [];
  const bail = { hit: false };
  const walk = (v: unknown, depth: number, literal: boolean) => {
    if (bail.hit) return;
    if (typeof v === "string") {
      if (v.includes(SENTINEL_MARKERS[0]) || v.includes(SENTINEL_MARKERS[1])) bail.hit = true;
      const cls = literal ? null : classify(v);
      if (cls) {
        values.push(v);
        classes.push(cls);
        parts.push("\u0001", cls);
      } else parts.push(JSON.stringify(v));
    } else if (v === null || typeof v === "number" || typeof v === "boolean") parts.push(String(v));
    else if (v === undefined) parts.push("u");
    else if (depth >= MAX_DEPTH) bail.hit = true;
    else if (Array.isArray(v)) {
      parts.push("[");
      for (let i = 0; i < v.length; i++) {
        if (!(i in v)) parts.push("h");
        else walk(v[i], depth + 1, false);
        parts.push(",");
      }
      parts.push("]");
    } else if (typeof v === "object" && isPlain(v)) {
      parts.push("{");
      for (const k of Object.keys(v)) {
        parts.push(JSON.stringify(k), ":");
        walk((v as Record<string, unknown>)[k], depth + 1, false);
        parts.push(",");
      }
      parts.push("}");
    } else bail.hit = true;
  };
  walk(data, 0, false);
  parts.push("|");
  // The site URL is the same for every message of a process: kept in the key as it is.
  if (typeof ctx === "object" && ctx !== null && isPlain(ctx)) {
    parts.push("{");
    for (const k of Object.keys(ctx)) {
      parts.push(JSON.stringify(k), ":");
      walk((ctx as Record<string, unknown>)[k], 1, k === "siteUrl");
      parts.push(",");
    }
    parts.push("}");
  } else walk(ctx, 0, true);
  return bail.hit ? null : { key: parts.join(""), values, classes };
}

function isPlain(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A copy of the data and context with placeholder i in place of the i-th value (the same traversal as `describe`); null if a placeholder would not be of its value's kind. */
function withSentinels(data: unknown, ctx: unknown, mark: Mark): { data: unknown; ctx: unknown; sentinels: Sentinel[] } | null {
  const sentinels: Sentinel[] = [];
  let wrongKind = false;
  const copy = (v: unknown, literal: boolean): unknown => {
    if (typeof v === "string") {
      const cls = literal ? null : classify(v);
      if (!cls) return v;
      const s = sentinel(cls, mark, sentinels.length);
      if (classify(s.raw) !== cls) wrongKind = true;
      sentinels.push(s);
      return s.raw;
    }
    if (Array.isArray(v)) {
      const out: unknown[] = new Array(v.length);
      for (let i = 0; i < v.length; i++) if (i in v) out[i] = copy(v[i], false);
      return out;
    }
    if (typeof v === "object" && v !== null) {
      const out = Object.fromEntries(Object.keys(v).map((k) => [k, copy((v as Record<string, unknown>)[k], false)]));
      return Object.getPrototypeOf(v) === null ? Object.assign(Object.create(null), out) : out;
    }
    return v;
  };
  const d = copy(data, false);
  const c =
    typeof ctx === "object" && ctx !== null
      ? Object.fromEntries(Object.keys(ctx).map((k) => [k, copy((ctx as Record<string, unknown>)[k], k === "siteUrl")]))
      : ctx;
  return wrongKind ? null : { data: d, ctx: c, sentinels };
}

/** A piece of a cut template: fixed HTML, a value (escaped), or the preview line (raw text and values). */
type Piece = string | { slot: number } | { preview: (string | number)[] };
type Template = Piece[];

const PREVIEW_OPEN = '<div style="display:none;overflow:hidden;line-height:1px;opacity:0;max-height:0;max-width:0" data-skip-in-text="true">';
/** React Email's <Preview>: the text cut at 150 characters, then 150 − length of these. */
const PREVIEW_MAX_LENGTH = 150;
const PREVIEW_FILL = "\xA0\u200C\u200B\u200D\u200E\u200F\uFEFF";

/** React's escaping of text and attribute values (escapeTextForBrowser). */
const ESCAPES: Record<string, string> = { '"': "&quot;", "'": "&#x27;", "&": "&amp;", "<": "&lt;", ">": "&gt;" };
const UNESCAPES: Record<string, string> = { "&quot;": '"', "&#x27;": "'", "&amp;": "&", "&lt;": "<", "&gt;": ">" };
export function escapeHtml(s: string): string {
  return /["'&<>]/.test(s) ? s.replace(/["'&<>]/g, (c) => ESCAPES[c]) : s;
}
function unescapeHtml(s: string): string | null {
  const out = s.replace(/&(?:quot|#x27|amp|lt|gt);/g, (e) => UNESCAPES[e]);
  return escapeHtml(out) === s ? out : null;
}

/**
 * Cuts text at the placeholders of one set: fixed strings and slot numbers. Null when a
 * placeholder is not there whole (in `escaped` form for HTML, raw for the preview text).
 */
function cut(text: string, mark: Mark, sentinels: Sentinel[], escaped: boolean): (string | number)[] | null {
  const re = new RegExp(`Zq${mark.nonce}N(\\d+)q${mark.tail}`, "g");
  const pieces: (string | number)[] = [];
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const slot = Number(m[1]);
    const s = sentinels[slot];
    if (!s) return null;
    const expected = escaped ? escapeHtml(s.raw) : s.raw;
    const start = m.index - (escaped ? escapeHtml(s.raw.slice(0, s.offset)).length : s.offset);
    if (start < last || !text.startsWith(expected, start)) return null;
    pieces.push(text.slice(last, start), slot);
    last = start + expected.length;
    re.lastIndex = last;
  }
  pieces.push(text.slice(last));
  return pieces;
}

/** The HTML of a placeholder render, cut into a template; null when it cannot be. */
function toTemplate(html: string, mark: Mark, sentinels: Sentinel[]): Template | null {
  const template: Template = [];
  const addHtml = (part: string) => {
    const pieces = cut(part, mark, sentinels, true);
    if (!pieces) return false;
    for (const p of pieces) template.push(typeof p === "string" ? p : { slot: p });
    return true;
  };
  const open = html.indexOf(PREVIEW_OPEN);
  if (open < 0 || html.indexOf(PREVIEW_OPEN, open + 1) >= 0) return addHtml(html) ? template : null;
  // The preview line: its text (escaped, so it has no "<") then the padding.
  const start = open + PREVIEW_OPEN.length;
  const textEnd = html.indexOf("<", start);
  if (textEnd < 0) return null;
  const raw = unescapeHtml(html.slice(start, textEnd));
  if (raw === null || raw === "" || raw.length >= PREVIEW_MAX_LENGTH) return null;
  const end = `<div>${PREVIEW_FILL.repeat(PREVIEW_MAX_LENGTH - raw.length)}</div></div>`;
  if (!html.startsWith(end, textEnd)) return null;
  const preview = cut(raw, mark, sentinels, false);
  if (!preview || !addHtml(html.slice(0, start))) return null;
  template.push({ preview });
  return addHtml(html.slice(textEnd + end.length)) ? template : null;
}

/** A message's HTML from its template and values. */
function fill(template: Template, values: string[]): string {
  let out = "";
  for (const p of template) {
    if (typeof p === "string") out += p;
    else if ("slot" in p) out += escapeHtml(values[p.slot]);
    else {
      let raw = "";
      for (const q of p.preview) raw += typeof q === "string" ? q : values[q];
      const text = raw.substring(0, PREVIEW_MAX_LENGTH);
      out += escapeHtml(text);
      if (text.length < PREVIEW_MAX_LENGTH) out += `<div>${PREVIEW_FILL.repeat(PREVIEW_MAX_LENGTH - text.length)}</div>`;
      out += "</div>";
    }
  }
  return out;
}

/**
 * A shape's cached parts: the HTML template, and the plain text's when its text does not
 * depend on the values' lengths either (no value in a table laid out as padded columns).
 */
type Entry = { html: Template; text: TextPiece[] | null };
/** A piece of a cut plain text: fixed text, a value (raw), or the text of the message's n-th data table. */
type TextPiece = string | number | { table: number };

/** Entries by template name and shape (null: this shape is not cached), least recently used first. */
const templates = new Map<string, Entry | null>();
/** Shapes seen once: the second message of a shape builds its template. */
const seen = new Set<string>();

/** Renders the HTML of a template's element for some data and context; deterministic. */
export type HtmlRenderer = (data: unknown, ctx: unknown) => Promise<string>;
/** The plain-text part from the HTML; deterministic. */
export type TextConverter = (html: string) => string;

/** Counts, for tests and measurements: messages filled in (and of them, text filled in too), rendered directly, shapes built or refused. */
export const renderCacheStats = { filled: 0, textFilled: 0, direct: 0, built: 0, refused: 0 };

/** Empties the cache (tests). */
export function clearRenderCache() {
  templates.clear();
  seen.clear();
  Object.assign(renderCacheStats, { filled: 0, textFilled: 0, direct: 0, built: 0, refused: 0 });
}

function remember(key: string, entry: Entry | null) {
  if (templates.size >= MAX_TEMPLATES) templates.delete(templates.keys().next().value as string);
  templates.set(key, entry);
}

const DATA_TABLES = /<table data-table[^>]*>[\s\S]*?<\/table>/g;
/** Marks the place of data table n in a text converted with its tables taken out. */
const tableToken = (n: number) => `${SENTINEL_MARKERS[0]}T${n}t`;
const TABLE_TOKEN = new RegExp(`${SENTINEL_MARKERS[0]}T(\\d+)t`);

/** The HTML with each data table replaced by a one-cell table holding its token. */
function withoutTables(html: string): string {
  let n = 0;
  return html.replace(DATA_TABLES, () => `<table data-table="t"><tbody><tr><td>${tableToken(n++)}</td></tr></tbody></table>`);
}

/**
 * Cuts a sentinel render's text at its values and its tables. The text around a data table
 * does not depend on what the table holds, and a table's own text is converted on its own
 * (it is laid out as padded columns): that is checked when the shape is built.
 */
function cutText(html: string, mark: Mark, sentinels: Sentinel[], toText: TextConverter): TextPiece[] | null {
  const parts = toText(withoutTables(html)).split(TABLE_TOKEN);
  const out: TextPiece[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 1) {
      out.push({ table: Number(parts[i]) });
      continue;
    }
    const pieces = cut(parts[i], mark, sentinels, false);
    if (!pieces) return null;
    out.push(...pieces);
  }
  return out;
}

/** A message's text from its cut text, values and filled HTML; null if its tables are not where they were. */
function fillText(pieces: TextPiece[], values: string[], html: string, toText: TextConverter): string | null {
  let tables: string[] | null = null;
  let out = "";
  for (const q of pieces) {
    if (typeof q === "string") out += q;
    else if (typeof q === "number") out += values[q];
    else {
      tables ??= html.match(DATA_TABLES) ?? [];
      const table = tables[q.table];
      if (table === undefined) return null;
      out += toText(table);
    }
  }
  return out;
}

/**
 * The HTML and plain text of one message: filled in from its shape's templates when there
 * are some, else rendered with `render` and converted with `toText`.
 */
export async function renderCached(
  name: string,
  data: unknown,
  ctx: unknown,
  render: HtmlRenderer,
  toText: TextConverter,
): Promise<{ html: string; text: string }> {
  const direct = async () => {
    renderCacheStats.direct++;
    const html = await render(data, ctx);
    return { html, text: toText(html) };
  };
  const shape = describe(data, ctx);
  if (!shape) return direct();
  const key = `${name}\u0000${shape.key}`;
  const cached = templates.get(key);
  if (cached) {
    templates.delete(key);
    templates.set(key, cached);
    renderCacheStats.filled++;
    const html = fill(cached.html, shape.values);
    const text = cached.text && fillText(cached.text, shape.values, html, toText);
    if (text === null) return { html, text: toText(html) };
    renderCacheStats.textFilled++;
    return { html, text };
  }
  if (cached === null) return direct();
  if (!seen.has(key)) {
    if (seen.size >= MAX_SEEN) seen.clear();
    seen.add(key);
    return direct();
  }
  // The second message of this shape: build its templates, checked against its own render.
  seen.delete(key);
  const own = await direct();
  const sets = MARKS.map((mark) => ({ mark, copy: withSentinels(data, ctx, mark) }));
  let entry: Entry | null = null;
  if (sets.every((s) => s.copy)) {
    const htmls = await Promise.all(sets.map((s) => render(s.copy!.data, s.copy!.ctx)));
    const [a, b] = sets.map((s, i) => toTemplate(htmls[i], s.mark, s.copy!.sentinels));
    if (a && b && JSON.stringify(a) === JSON.stringify(b) && fill(a, shape.values) === own.html) {
      // The text too: cut the same way, with each data table's own text converted per message.
      const [ta, tb] = sets.map((s, i) => cutText(htmls[i], s.mark, s.copy!.sentinels, toText));
      const text = ta && tb && JSON.stringify(ta) === JSON.stringify(tb) && fillText(ta, shape.values, own.html, toText) === own.text ? ta : null;
      entry = { html: a, text };
    }
  }
  remember(key, entry);
  renderCacheStats[entry ? "built" : "refused"]++;
  return own;
}
