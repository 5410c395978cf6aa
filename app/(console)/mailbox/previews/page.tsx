import type { Metadata } from "next";
import { requireStaffPage } from "@/app/(console)/auth";
import { EMAIL_TEMPLATES } from "@/lib/email/templates/catalog";

export const metadata: Metadata = { title: "Template previews" };

export default async function PreviewsPage() {
  await requireStaffPage("leads:read", "/mailbox/previews");
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Template previews</h1>
      <p className="mt-2 max-w-3xl text-ink/80">Every email template, rendered with realistic sample data (HTML and plain-text parts).</p>
      <ul className="mt-6 grid gap-2 sm:grid-cols-2">
        {EMAIL_TEMPLATES.map((t) => (
          <li key={t}>
            <a href={`/mailbox/previews/${t}`} className="block rounded-xl border border-ink/10 bg-white px-4 py-3 font-medium text-brand underline">
              {t}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
