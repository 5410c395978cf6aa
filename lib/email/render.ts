import { plainTextSelectors, render, toPlainText } from "@react-email/components";
import { compile } from "html-to-text";
import { createElement } from "react";
import { renderCached } from "./render-cache";
import type { EmailAttachment, EmailTemplate, RenderContext, RenderedEmail, TemplateData } from "./template-data";
import { EMAIL_TEMPLATES, isTemplate, TEMPLATES } from "./templates/catalog";
import { clip, oneLine } from "./templates/values";

/**
 * Renders one outbox email: subject, HTML and plain text. Plain Node code (no Next.js), so
 * the dispatcher and scripts can use it.
 */
export { EMAIL_SAMPLES, isTemplate } from "./templates/catalog";

/** Plain-text layout: headings as written (not upper-cased), label/value tables as columns. */
const TEXT_OPTIONS: NonNullable<Parameters<typeof toPlainText>[1]> = {
  selectors: [
    { selector: "h1", options: { uppercase: false } },
    { selector: "h2", options: { uppercase: false } },
    { selector: "table[data-table]", format: "dataTable", options: { uppercaseHeaderCells: false, maxColumnWidth: 60 } },
  ],
};

export const SUBJECT_MAX_LENGTH = 150;

/** The subject line for a template and its data (single line, at most 150 characters). */
export function subjectFor<T extends EmailTemplate>(template: T, data: TemplateData[T]): string {
  return clip(oneLine(TEMPLATES[template].subject(data)), SUBJECT_MAX_LENGTH);
}

/** The template's element, from data that may be from an older version (or not an object). */
function elementFor<T extends EmailTemplate>(template: T, data: TemplateData[T], ctx: RenderContext) {
  if (!isTemplate(template)) throw new Error(`Unknown email template: ${String(template)}`);
  // Stored JSON may be from an older version of the data: templates read every field
  // defensively, but the object itself must exist.
  const safeData = (typeof data === "object" && data !== null ? data : {}) as TemplateData[T];
  return { element: createElement(TEMPLATES[template].Component, { data: safeData, ctx }), safeData };
}

/** The template's attachments for this data (a booking's invite); none for most templates. */
function attachmentsFor<T extends EmailTemplate>(template: T, data: TemplateData[T]): { attachments?: EmailAttachment[] } {
  const build = TEMPLATES[template].attachments;
  const attachments = build ? build(data) : [];
  return attachments.length ? { attachments } : {};
}

/** Templates always rendered directly, never from the per-shape cache (their catalog entry says why). */
export const UNCACHED_TEMPLATES: ReadonlySet<EmailTemplate> = new Set(EMAIL_TEMPLATES.filter((t) => TEMPLATES[t].renderCache === false));

/**
 * The reference render: React Email's own `render()` and `toPlainText()`, exactly as the
 * dispatcher called them before issue 16. `renderEmail` must give the same bytes
 * (tests/unit/email-render-fast.test.ts); the benchmark's "before" dispatcher uses it.
 */
export async function renderEmailReference<T extends EmailTemplate>(template: T, data: TemplateData[T], ctx: RenderContext): Promise<RenderedEmail> {
  const { element, safeData } = elementFor(template, data, ctx);
  const html = await render(element);
  // Same result as render(element, { plainText: true }) without rendering React twice.
  const text = toPlainText(html, TEXT_OPTIONS);
  return { subject: subjectFor(template, safeData), html, text, ...attachmentsFor(template, safeData) };
}

/**
 * toPlainText(html, TEXT_OPTIONS) compiled once: html-to-text's convert() compiles its
 * options (selector parsing, deep merges) on every call, which cost more than converting.
 * The same options as React Email's toPlainText: no word wrap, its selectors then ours.
 */
const toText = compile({ wordwrap: false, ...TEXT_OPTIONS, selectors: [...plainTextSelectors, ...(TEXT_OPTIONS.selectors ?? [])] });

/**
 * Inline styles carry nothing for the plain text (no selector here looks at them), and are
 * most of the markup html-to-text would parse. React writes every attribute value with `"`
 * escaped, and text with `"` escaped, so the pattern matches whole style attributes only.
 */
const STYLE_ATTRIBUTE = / style="[^"]*"/g;

/**
 * Renders one outbox email: subject, HTML and plain text, byte for byte what
 * `renderEmailReference` gives, at a fraction of its cost (docs/performance.md). The HTML is
 * React Email's own render, done once per template and data shape and then filled in with
 * each message's values (render-cache.ts), except for a template whose catalog entry keeps it
 * out of the cache (booking), rendered every time; the text part is converted from that HTML
 * with html-to-text compiled once. Attachments (a booking's invite) come from the same data.
 * (A faster Node-stream render would import react-dom/server, which Next's build refuses in
 * the code it compiles.)
 */
export async function renderEmail<T extends EmailTemplate>(template: T, data: TemplateData[T], ctx: RenderContext): Promise<RenderedEmail> {
  const { safeData } = elementFor(template, data, ctx);
  const Component = TEMPLATES[template].Component;
  const renderHtml = (d: unknown, c: unknown) => render(createElement(Component, { data: d as TemplateData[T], ctx: c as RenderContext }));
  const textOf = (h: string) => toText(h.replace(STYLE_ATTRIBUTE, ""));
  let parts: { html: string; text: string };
  if (UNCACHED_TEMPLATES.has(template)) {
    const html = await renderHtml(safeData, ctx);
    parts = { html, text: textOf(html) };
  } else parts = await renderCached(template, safeData, ctx, renderHtml, textOf);
  return { subject: subjectFor(template, safeData), ...parts, ...attachmentsFor(template, safeData) };
}

/** Text options for the plain-text part, for callers that render an element themselves. */
export const PLAIN_TEXT_OPTIONS = TEXT_OPTIONS;
