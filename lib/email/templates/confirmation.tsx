import type { ReactNode } from "react";
import { siteConfig } from "../../site-config";
import type { ConfirmationEmailData, RenderContext } from "../template-data";
import { CallToAction, EmailLayout, Paragraph, Steps, Subtitle, Title } from "./layout";
import { SummaryTable } from "./summary-table";
import { greeting, rows, url } from "./values";

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
  const verify = url(data.verifyUrl);
  return (
    <EmailLayout
      preview={preview}
      ctx={ctx}
      unsubscribe={unsubscribe}
      footerNote={
        <>
          You are receiving this email because this address was used to send a form on our website. If that was not you, let us know at{" "}
          {siteConfig.contact.email}.
        </>
      }
    >
      <Title>{title}</Title>
      <Paragraph>{greeting(data.name)}</Paragraph>
      <Paragraph>{intro}</Paragraph>
      <Subtitle>What happens next</Subtitle>
      <Steps items={nextSteps} />
      {verify ? (
        <>
          <Subtitle>Please confirm your email address</Subtitle>
          <Paragraph>
            Whoever introduced you to us has referral points pending for you; they stay pending until you confirm that this address is yours. The button works
            once, for 7 days.
          </Paragraph>
          <CallToAction href={verify}>Confirm my email address</CallToAction>
        </>
      ) : null}
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
