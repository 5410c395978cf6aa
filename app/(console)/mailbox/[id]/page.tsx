import type { Metadata } from "next";
import { requireStaffPage } from "@/app/(console)/auth";
import { notFound } from "next/navigation";
import { Facts, type Fact } from "@/components/console/facts";
import { consoleClock } from "@/app/(console)/time-zone";
import { BackLink, Section } from "@/components/console/page-parts";
import { AttachmentList } from "@/components/email/attachment-list";
import { EmailView } from "@/components/email/email-view";
import { db } from "@/lib/db";
import { DEFAULT_FROM } from "@/lib/email/app-dispatcher";
import { getMessage } from "@/lib/email/manage";
import { messageContent } from "@/lib/email/message-content";
import { siteConfig, siteUrl } from "@/lib/site-config";
import { retryMessageAction } from "../actions";

export const metadata: Metadata = { title: "Message" };

export default async function MessagePage({ params }: { params: Promise<{ id: string }> }) {
  const { formatWhen } = await consoleClock();
  const when = (d: Date | null) => formatWhen(d, { seconds: true });
  const { id } = await params;
  await requireStaffPage("leads:read", `/mailbox/${id}`);
  const m = await getMessage(db(), id.slice(0, 64));
  if (!m) notFound();

  // Not sent yet: show what it will look like.
  const found = await messageContent(m, siteUrl());
  const content = found.ok ? found.email : null;
  const renderError = found.ok ? null : found.error;

  const facts: Fact[] = [
    ["From", process.env.EMAIL_FROM?.trim() || DEFAULT_FROM],
    ["To", m.toAddress],
    // As the dispatcher sends it: the message's own (an advisor's), else the site's.
    ["Reply-To", m.replyTo ?? (process.env.EMAIL_REPLY_TO?.trim() || siteConfig.contact.email)],
    ["Template", `${m.template} (${m.category})`],
    ["Status", m.status],
    ["Delivered by", m.transport ?? "—"],
    ["Attempts", String(m.attempts)],
    ["Queued", when(m.createdAt)],
    ["Sent", when(m.sentAt)],
    ["Delivered", when(m.deliveredAt)],
    ["Opened", when(m.openedAt)],
    ["Next attempt", m.status === "pending" ? when(m.nextAttemptAt) : "—"],
    ["Idempotency-Key", m.id],
    ["Provider id", m.providerId ?? "—"],
    ["List-Unsubscribe", m.unsubscribeToken ? "yes (one-click)" : "no (transactional)"],
  ];

  return (
    <>
      <BackLink href="/mailbox">← All messages</BackLink>
      <h1 className="mt-4 text-2xl font-bold tracking-tight">{content?.subject ?? "(cannot be rendered)"}</h1>
      {found.ok && !found.sent && <p className="mt-2 text-ink/70">Not sent yet: this is how it will look.</p>}
      <Facts rows={facts} wrap="all" className="mt-6" />
      {m.lastError && (
        <p className="mt-4 rounded-lg bg-red-50 px-4 py-3 text-red-900">
          <strong>Last error:</strong> {m.lastError}
        </p>
      )}
      {(m.status === "failed" || m.status === "suppressed") && (
        <form action={retryMessageAction} className="mt-4">
          <input type="hidden" name="id" value={m.id} />
          <input type="hidden" name="back" value="/mailbox" />
          <button type="submit" className="min-h-11 rounded-full bg-brand px-5 font-semibold text-white">
            Retry this message
          </button>
        </form>
      )}
      {m.events.length > 0 && (
        <Section headingId="events" title="Delivery events" className="mt-6">
          <ul className="mt-2 list-disc pl-6 text-sm">
            {m.events.map((e) => (
              <li key={e.id}>
                {when(e.occurredAt)}: {e.type}
              </li>
            ))}
          </ul>
        </Section>
      )}
      {content ? (
        <>
          <AttachmentList attachments={content.attachments ?? []} hrefFor={(i) => `/mailbox/${m.id}/attachments/${i}`} />
          <EmailView subject={content.subject} html={content.html} text={content.text} title="Message" />
        </>
      ) : (
        <p className="mt-6 text-red-900">This message cannot be rendered{renderError ? `: ${renderError}` : "."}</p>
      )}
    </>
  );
}
