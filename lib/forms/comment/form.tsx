"use client";

import { LIMITS } from "../field-options";
import { COMMENT_CONSENT, COMMENT_LIMITS } from "./options";
import { CheckboxField, ConsentField, EmailField, TextAreaField, TextField } from "../ui/fields";
import { LeadFormShell, useLeadForm, type LeadFormProps } from "../ui/lead-form";

/** The schema loads once the person starts on the form (../ui/lead-form.tsx). */
const loadSchema = () => import("./schema").then((m) => m.commentSchema);

const LABELS = { name: "Name", email: "Email", homepage: "Website", comment: "Comment", advisor: "Advisor", consent: "Consent", article: "Article" };

/**
 * "Leave a reply", as a react-hook-form form (the /comment page). The guide pages render the
 * same fields as plain HTML (components/content/comment-section.tsx), since they ship no
 * JavaScript; a post from there that needs fixing lands on this form with its answers.
 */
export function CommentForm({ article, ...props }: LeadFormProps & { article: string }) {
  const form = useLeadForm(props, { formId: "comment", schema: loadSchema, base: { article, advisor: false }, labels: LABELS });
  return (
    <LeadFormShell form={form} title="Leave a reply" submitLabel="Post comment" resetHref={`${article}#comments`} resetLabel="Back to the article">
      <input type="hidden" {...form.methods.register("article")} defaultValue={article} />
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField name="name" label="Name" autoComplete="name" maxLength={LIMITS.name} hint="Published with your comment." />
        <EmailField name="email" label="Email" hint="Never published." />
      </div>
      <TextField name="homepage" label="Website" optional type="url" autoComplete="url" maxLength={COMMENT_LIMITS.website} />
      <TextAreaField name="comment" label="Comment" rows={6} maxLength={COMMENT_LIMITS.body} />
      <CheckboxField name="advisor" label="An advisor may contact me about the programs (optional)." />
      <ConsentField consent={COMMENT_CONSENT} />
    </LeadFormShell>
  );
}
