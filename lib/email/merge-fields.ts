/**
 * Merge fields in the emails staff write to a lead (issue 19, item 4): `{{first_name}}` and
 * the like, in a template's subject and body (plain text). Checked when a template is saved
 * and when an email is sent; filled in from the lead and the sending advisor when it is
 * queued. Plain text in, plain text out: the HTML part escapes it when it is rendered
 * (lib/email/templates/staff-message.tsx), like every other value.
 */

export const MERGE_FIELDS = ["first_name", "last_name", "program", "advisor_name", "advisor_signature"] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

/** What each field becomes, for the editor's hint. */
export const MERGE_FIELD_HELP: Record<MergeField, string> = {
  first_name: "the person's first name (“there” when unknown)",
  last_name: "the rest of their name (empty when unknown)",
  program: "the program they asked about (“our programs” when none)",
  advisor_name: "your name",
  advisor_signature: "the signature in your profile (your name when you have none)",
};

/** `{{ name }}`: letters, digits and underscores, spaces allowed inside the braces. */
const TOKEN = /\{\{\s*([A-Za-z0-9_]*)\s*\}\}/g;

export const ALLOWED_FIELDS_TEXT = MERGE_FIELDS.map((f) => `{{${f}}}`).join(", ");

const isMergeField = (name: string): name is MergeField => (MERGE_FIELDS as readonly string[]).includes(name);

/**
 * Why `text` cannot be used, or null when every `{{…}}` in it is a known field. An unknown
 * name, an empty or unclosed `{{`, and a stray `}}` are each refused, naming the allowed
 * fields.
 */
export function mergeFieldProblem(text: string): string | null {
  for (const match of text.matchAll(TOKEN)) {
    const name = match[1];
    if (!name) return `“${match[0]}” names no field. Use one of: ${ALLOWED_FIELDS_TEXT}.`;
    if (!isMergeField(name)) return `“{{${name}}}” is not a merge field. Use one of: ${ALLOWED_FIELDS_TEXT}.`;
  }
  const rest = text.replace(TOKEN, "");
  if (rest.includes("{{") || rest.includes("}}")) {
    const at = rest.includes("{{") ? rest.slice(rest.indexOf("{{"), rest.indexOf("{{") + 24) : "}}";
    return `A merge field is not closed properly near “${at.split("\n")[0]}”. Write them as {{first_name}}; allowed: ${ALLOWED_FIELDS_TEXT}.`;
  }
  return null;
}

export type MergeValues = Record<MergeField, string>;

/** Every field's value for one lead and one advisor, with the fallbacks the help text names. */
export function mergeValues(input: { leadName: string | null; programName: string | null; advisorName: string; advisorSignature: string | null }): MergeValues {
  const words = (input.leadName ?? "").trim().split(/\s+/).filter(Boolean);
  const signature = input.advisorSignature?.trim();
  return {
    first_name: words[0] ?? "there",
    last_name: words.slice(1).join(" "),
    program: input.programName?.trim() || "our programs",
    advisor_name: input.advisorName,
    advisor_signature: signature || input.advisorName,
  };
}

/** The text with each known field filled in; anything else is left as written (check it first with mergeFieldProblem). */
export function fillMergeFields(text: string, values: MergeValues): string {
  return text.replace(TOKEN, (whole, name: string) => (isMergeField(name) ? values[name] : whole));
}
