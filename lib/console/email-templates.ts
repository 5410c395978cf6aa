/**
 * The templates staff write to leads with (issue 19, item 4): a name, a subject and a
 * plain-text body with merge fields (lib/email/merge-fields.ts), checked when saved. Staff
 * with "templates:edit" list, add, edit, archive and restore them at /console/email-templates;
 * the lead page offers the active ones.
 */
import { z } from "zod";
import type { Db } from "../db";
import { mergeFieldProblem } from "../email/merge-fields";
import { INVISIBLE_CHARS_MESSAGE, isCleanText, isSingleLine, SINGLE_LINE_MESSAGE } from "../text-checks";

export const TEMPLATE_LIMITS = { name: 80, subject: 150, body: 10_000 } as const;
export const TEMPLATE_FIELDS = ["name", "subject", "body"] as const;

const withMergeFields = (schema: z.ZodString) =>
  schema.superRefine((text, ctx) => {
    const problem = mergeFieldProblem(text);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** A line of text: trimmed, bounded, one line, no invisible characters. */
const line = (label: string, max: number) =>
  z
    .string({ error: `Write the ${label}.` })
    .trim()
    .min(1, `Write the ${label}.`)
    .max(max, `Keep the ${label} under ${max} characters.`)
    .refine(isSingleLine, SINGLE_LINE_MESSAGE)
    .refine(isCleanText, INVISIBLE_CHARS_MESSAGE);

/** The subject and body of an email to a lead: the template editor's and the lead page's. */
export const subjectSchema = withMergeFields(line("subject", TEMPLATE_LIMITS.subject));
export const bodySchema = withMergeFields(
  z
    .string({ error: "Write the message." })
    .trim()
    .min(1, "Write the message.")
    .max(TEMPLATE_LIMITS.body, `Keep the message under ${TEMPLATE_LIMITS.body.toLocaleString("en-US")} characters.`)
    .refine(isCleanText, INVISIBLE_CHARS_MESSAGE),
);

/** The template editor's form. */
export const templateSchema = z.object({ name: line("name", TEMPLATE_LIMITS.name), subject: subjectSchema, body: bodySchema });
export type TemplateInput = z.infer<typeof templateSchema>;

/** The editor's post, as strings (a missing field is undefined, which the schema refuses). */
export function templatePost(formData: FormData): Record<(typeof TEMPLATE_FIELDS)[number], unknown> {
  const get = (name: string) => {
    const v = formData.get(name);
    return typeof v === "string" ? v.slice(0, TEMPLATE_LIMITS.body * 2) : undefined;
  };
  return { name: get("name"), subject: get("subject"), body: get("body") };
}

export type TemplateEditOutcome = { ok: true; id: string } | { ok: false; fieldErrors: Record<string, string>; message?: string };

function check(input: unknown): { ok: true; data: TemplateInput } | { ok: false; fieldErrors: Record<string, string> } {
  const parsed = templateSchema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? "form");
    fieldErrors[key] ??= issue.message;
  }
  return { ok: false, fieldErrors };
}

export async function createTemplate(db: Db, input: unknown, actorId: string): Promise<TemplateEditOutcome> {
  const checked = check(input);
  if (!checked.ok) return checked;
  const row = await db.$transaction((tx) => tx.leadEmailTemplate.create({ data: { ...checked.data, updatedById: actorId }, select: { id: true } }));
  return { ok: true, id: row.id };
}

export async function updateTemplate(db: Db, id: string, input: unknown, actorId: string): Promise<TemplateEditOutcome> {
  const checked = check(input);
  if (!checked.ok) return checked;
  const { count } = await db.$transaction((tx) => tx.leadEmailTemplate.updateMany({ where: { id }, data: { ...checked.data, updatedById: actorId } }));
  if (count === 0) return { ok: false, fieldErrors: {}, message: "That template does not exist any more." };
  return { ok: true, id };
}

/** Archive (off the lead page's list) or restore. False when the template does not exist. */
export async function setTemplateArchived(db: Db, id: string, archived: boolean, actorId: string, now = new Date()): Promise<boolean> {
  const { count } = await db.$transaction((tx) =>
    tx.leadEmailTemplate.updateMany({ where: { id }, data: { archivedAt: archived ? now : null, updatedById: actorId } }),
  );
  return count === 1;
}

/** Every template, active first, then by name; with who changed it last. */
export function listTemplates(db: Db) {
  return db.leadEmailTemplate.findMany({
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
    include: { updatedBy: { select: { name: true } } },
  });
}

/** The templates the lead page offers. */
export function activeTemplates(db: Db) {
  return db.leadEmailTemplate.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true, subject: true, body: true } });
}

export function getTemplate(db: Db, id: string) {
  return db.leadEmailTemplate.findUnique({ where: { id } });
}

/** Sensible first templates, for the seed and a fresh install. */
export const STARTER_TEMPLATES: TemplateInput[] = [
  {
    name: "First contact",
    subject: "Your interest in {{program}}",
    body: "Hi {{first_name}},\n\nThank you for getting in touch about {{program}}. I am {{advisor_name}}, your admissions advisor, and I am here to answer your questions about the course, the schedule and the fees.\n\nWhen would suit you for a 20-minute call this week? Reply to this email with a couple of times, and I will send an invite.\n\n{{advisor_signature}}",
  },
  {
    name: "Follow-up after call",
    subject: "Following up on our call",
    body: "Hi {{first_name}},\n\nThank you for your time on the phone today. As promised, here is a summary of the next steps for {{program}}:\n\n1. Finish your application online.\n2. Book your technical interview.\n3. Choose a payment option.\n\nIf anything is unclear, just reply to this email.\n\n{{advisor_signature}}",
  },
  {
    name: "No answer yet",
    subject: "Still thinking about {{program}}?",
    body: "Hi {{first_name}},\n\nI tried to reach you about {{program}} and did not manage to. If you are still interested, reply with a good time to talk, or any question you have.\n\n{{advisor_signature}}",
  },
];

/** Adds the starter templates that are missing (by name); an edited or archived one is left as it is. */
export async function seedEmailTemplates(db: Db): Promise<{ templates: number }> {
  let created = 0;
  for (const t of STARTER_TEMPLATES) {
    if (await db.leadEmailTemplate.findFirst({ where: { name: t.name }, select: { id: true } })) continue;
    await db.leadEmailTemplate.create({ data: t });
    created++;
  }
  return { templates: created };
}
