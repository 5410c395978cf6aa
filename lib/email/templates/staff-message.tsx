import type { RenderContext, StaffMessageData } from "../template-data";
import { EmailLayout, MultiLine, Paragraph } from "./layout";
import { str } from "./values";

/** The text of a message written by staff, as stored: merge fields already filled in. */
export const staffMessageSubject = (d: StaffMessageData) => str(d.subject) ?? "A message from our admissions team";

/**
 * An email a staff member wrote to a lead from the lead page (lib/console/lead-email.ts).
 * The body is their plain text: paragraphs at blank lines, line breaks kept. React escapes
 * it like any other value, so whatever they (or the lead's name) typed cannot become markup.
 */
export function StaffMessageEmail({ data, ctx }: { data: StaffMessageData; ctx: RenderContext }) {
  const body = str(data.body) ?? "";
  const paragraphs = body.split(/(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)+/).filter((p) => p.trim());
  return (
    <EmailLayout preview={body.replace(/\s+/g, " ").slice(0, 140)} ctx={ctx} footerNote={<>You can reply to this email: it goes to the person who wrote it.</>}>
      {paragraphs.map((p, i) => (
        <Paragraph key={i}>
          <MultiLine text={p} />
        </Paragraph>
      ))}
    </EmailLayout>
  );
}
