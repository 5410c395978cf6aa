import type { Metadata } from "next";
import { requireStaffPage } from "@/app/(console)/auth";
import { BackLink } from "@/components/console/page-parts";
import { EmailTemplateEditor } from "../editor";

export const metadata: Metadata = { title: "New email template" };

export default async function NewEmailTemplatePage() {
  await requireStaffPage("templates:edit", "/console/email-templates/new");
  return (
    <>
      <BackLink href="/console/email-templates">← Email templates</BackLink>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">New email template</h1>
      <EmailTemplateEditor saved={{}} />
    </>
  );
}
