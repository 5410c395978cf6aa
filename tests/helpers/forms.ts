/** Shared checks for the form modules' own tests (lib/forms/<form>/<form>.test.ts). */
import { expect } from "vitest";
import { renderEmail } from "@/lib/email/render";
import type { EmailTemplate } from "@/lib/email/template-data";
import { emailSample, type FormDefinition } from "@/lib/forms/types";

/** The first message per field, as the form shows them. */
export function fieldErrors(r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of r.error?.issues ?? []) out[i.path.map(String).join(".")] ??= i.message;
  return out;
}

/**
 * The confirmation email says what happens next in the same words as the success panel
 * (the steps are written once, in the definition), and carries the sample's summary.
 */
export async function expectEmailCarriesNextSteps(form: FormDefinition) {
  const { data, ctx } = emailSample(form);
  const { subject, text } = await renderEmail(form.email.template as EmailTemplate, data as never, ctx);
  expect(subject).toBe(form.email.subject(data));
  const flat = text.replace(/\s+/g, " ");
  const steps = form.email.steps ? [] : form.nextSteps.steps;
  for (const step of steps) expect(flat).toContain(step);
  for (const row of data.summary) expect(flat).toContain(row.value.replace(/\s+/g, " "));
  return flat;
}
