import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { mailboxPagesEnabled } from "@/lib/email/mailbox-access";

export const metadata: Metadata = { title: { default: "Mailbox", template: "%s | Mailbox" }, robots: { index: false, follow: false } };

export default function MailboxLayout({ children }: { children: React.ReactNode }) {
  if (!mailboxPagesEnabled()) notFound();
  return (
    <div className="min-h-dvh bg-paper text-ink">
      <header className="border-b border-ink/10 bg-white">
        <nav aria-label="Mailbox" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-4 sm:px-6">
          <a href="/mailbox" className="text-lg font-bold text-brand">
            Outbox and local mailbox
          </a>
          <a href="/mailbox" className="font-medium underline-offset-4 hover:underline">
            Messages
          </a>
          <a href="/mailbox?status=failed" className="font-medium underline-offset-4 hover:underline">
            Failed
          </a>
          <a href="/mailbox/previews" className="font-medium underline-offset-4 hover:underline">
            Template previews
          </a>
          <a href="/" className="ml-auto text-sm underline">
            Back to the site
          </a>
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        {children}
      </main>
    </div>
  );
}
