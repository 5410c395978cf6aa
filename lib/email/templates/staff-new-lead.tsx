import { Text } from "@react-email/components";
import { FORM_LABELS, type FormType } from "../../leads/form-types";
import type { RenderContext, StaffNewLeadData } from "../template-data";
import { CallToAction, EmailLayout, Paragraph, SafeLink, Subtitle, Title } from "./layout";
import { s } from "./styles";
import { LabelledRow, SummaryTable } from "./summary-table";
import { rows, str } from "./values";

const EMAIL_LIKE = /^[^\s@<>]+@[^\s@<>]+$/;

/** The form's label as stored, or the current label for its form type. */
export function staffLabel(data: { label?: unknown; formType?: unknown }): string {
  return str(data.label) ?? (typeof data.formType === "string" && data.formType in FORM_LABELS ? FORM_LABELS[data.formType as FormType] : "Form");
}

export function StaffNewLeadEmail({ data, ctx }: { data: StaffNewLeadData; ctx: RenderContext }) {
  const label = staffLabel(data);
  const name = str(data.name);
  const email = str(data.email);
  const phone = str(data.phone);
  const summary = rows(data.summary);
  const attribution = rows(data.attribution);
  const leadId = str(data.leadId);
  return (
    <EmailLayout preview={`${label} from ${name ?? email ?? phone ?? "an unnamed contact"}`} ctx={ctx} footerNote="Sent to staff for every new lead.">
      <Title>New lead: {label}</Title>
      <table data-table="contact" cellPadding={0} cellSpacing={0} width="100%" style={s.table}>
        <tbody>
          <LabelledRow label="Name">{name ?? "—"}</LabelledRow>
          <LabelledRow label="Email">{email && EMAIL_LIKE.test(email) ? <SafeLink href={`mailto:${email}`}>{email}</SafeLink> : (email ?? "—")}</LabelledRow>
          <LabelledRow label="Phone">{phone ?? "—"}</LabelledRow>
        </tbody>
      </table>
      <CallToAction href={data.consoleUrl}>Open in the console</CallToAction>
      <Subtitle>What they sent</Subtitle>
      {summary.length > 0 ? <SummaryTable rows={summary} /> : <Paragraph>No answers were recorded.</Paragraph>}
      <Subtitle>Where they came from</Subtitle>
      {attribution.length > 0 ? <SummaryTable rows={attribution} /> : <Paragraph>No campaign, article or referral was recorded.</Paragraph>}
      {leadId ? <Text style={s.small}>Lead {leadId}</Text> : null}
    </EmailLayout>
  );
}
