import type { ReactNode } from "react";
import { siteConfig } from "../../site-config";
import type { ConfirmationEmailData, RenderContext } from "../template-data";
import { EmailLayout, Paragraph, Steps, Subtitle, Title } from "./layout";
import { SummaryTable } from "./summary-table";
import { greeting, rows } from "./values";

export type ConfirmationProps = { data: ConfirmationEmailData; ctx: RenderContext };

/**
 * The shape every confirmation shares: greeting, what happens next, the template's own
 * section (discount code, points), and a summary of what the person sent.
 */
export function ConfirmationEmail({
  data,
  ctx,
  preview,
  title,
  intro,
  nextSteps,
  children,
  summaryTitle = "What you sent us",
  unsubscribe,
}: ConfirmationProps & {
  preview: string;
  title: string;
  intro: ReactNode;
  nextSteps: readonly ReactNode[];
  /** The template's own section, shown between the next steps and the summary. */
  children?: ReactNode;
  summaryTitle?: string;
  unsubscribe?: { prompt: string; action: string };
}) {
  const summary = rows(data.summary);
  return (
    <EmailLayout
      preview={preview}
      ctx={ctx}
      unsubscribe={unsubscribe}
      footerNote={
        <>
          You are receiving this email because this address was used to send a form on our website. If that was not you, let us
          know at {siteConfig.contact.email}.
        </>
      }
    >
      <Title>{title}</Title>
      <Paragraph>{greeting(data.name)}</Paragraph>
      <Paragraph>{intro}</Paragraph>
      <Subtitle>What happens next</Subtitle>
      <Steps items={nextSteps} />
      {children}
      {summary.length > 0 ? (
        <>
          <Subtitle>{summaryTitle}</Subtitle>
          <SummaryTable rows={summary} />
        </>
      ) : null}
    </EmailLayout>
  );
}
