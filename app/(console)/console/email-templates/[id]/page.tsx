import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireStaffPage } from "@/app/(console)/auth";
import { consoleClock } from "@/app/(console)/time-zone";
import { BackLink } from "@/components/console/page-parts";
import { getTemplate } from "@/lib/console/email-templates";
import { db } from "@/lib/db";
import { EmailTemplateEditor } from "../editor";

export const metadata: Metadata = { title: "Email template" };

export default async function EmailTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireStaffPage("templates:edit", `/console/email-templates/${id}`);
  const [template, { formatWhen }] = await Promise.all([getTemplate(db(), id.slice(0, 64)), consoleClock()]);
  if (!template) notFound();
  return (
    <>
      <BackLink href="/console/email-templates">← Email templates</BackLink>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">{template.name}</h1>
      <p className="mt-1 text-sm text-ink/70">
        {template.archivedAt ? `Archived ${formatWhen(template.archivedAt)}. ` : ""}Last changed {formatWhen(template.updatedAt)}.
      </p>
      <EmailTemplateEditor templateId={template.id} saved={{ name: template.name, subject: template.subject, body: template.body }} />
    </>
  );
}
