import type { Metadata } from "next";
import { requireStaffPage } from "@/app/(console)/auth";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/console/page-parts";
import { AttachmentList } from "@/components/email/attachment-list";
import { EmailView } from "@/components/email/email-view";
import { EMAIL_SAMPLES, isTemplate, renderEmail } from "@/lib/email/render";

type Props = { params: Promise<{ template: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Preview: ${(await params).template}` };
}

export default async function TemplatePreview({ params }: Props) {
  const { template } = await params;
  await requireStaffPage("leads:read", `/mailbox/previews/${template}`);
  if (!isTemplate(template)) notFound();
  const sample = EMAIL_SAMPLES[template];
  const email = await renderEmail(template, sample.data as never, sample.ctx);
  return (
    <>
      <BackLink href="/mailbox/previews">← All templates</BackLink>
      <h1 className="mt-4 text-2xl font-bold tracking-tight">{template}</h1>
      <p className="mt-2">
        <strong>Subject:</strong> {email.subject}
      </p>
      <AttachmentList attachments={email.attachments ?? []} />
      <EmailView subject={email.subject} html={email.html} text={email.text} title={`Preview of ${template}`} />
    </>
  );
}
