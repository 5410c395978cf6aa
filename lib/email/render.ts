import { render, toPlainText } from "@react-email/components";
import { createElement } from "react";
import type { EmailTemplate, RenderContext, RenderedEmail, TemplateData } from "./template-data";
import { isTemplate, TEMPLATES } from "./templates/catalog";
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

export async function renderEmail<T extends EmailTemplate>(template: T, data: TemplateData[T], ctx: RenderContext): Promise<RenderedEmail> {
  if (!isTemplate(template)) throw new Error(`Unknown email template: ${String(template)}`);
  // Stored JSON may be from an older version of the data: templates read every field
  // defensively, but the object itself must exist.
  const safeData = (typeof data === "object" && data !== null ? data : {}) as TemplateData[T];
  const element = createElement(TEMPLATES[template].Component, { data: safeData, ctx });
  const html = await render(element);
  // Same result as render(element, { plainText: true }) without rendering React twice.
  const text = toPlainText(html, TEXT_OPTIONS);
  return { subject: subjectFor(template, safeData), html, text };
}

/** Text options for the plain-text part, for callers that render an element themselves. */
export const PLAIN_TEXT_OPTIONS = TEXT_OPTIONS;
