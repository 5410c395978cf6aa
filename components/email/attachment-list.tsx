import type { EmailAttachment } from "@/lib/email/template-data";

/**
 * The files sent with an email (a booking's .ics invite): name, type and size, a download
 * link when there is one, and the text itself, folded away.
 */
export function AttachmentList({ attachments, hrefFor }: { attachments: EmailAttachment[]; hrefFor?: (index: number) => string }) {
  if (!attachments.length) return null;
  return (
    <section aria-labelledby="attachments" className="mt-6">
      <h2 id="attachments" className="text-lg font-semibold">
        Attachments
      </h2>
      <ul className="mt-2 space-y-3">
        {attachments.map((a, i) => (
          <li key={i} className="rounded-xl border border-ink/15 bg-white p-4">
            <p>
              {hrefFor ? (
                <a href={hrefFor(i)} download={a.filename} className="font-medium text-brand underline underline-offset-4">
                  Download {a.filename}
                </a>
              ) : (
                <span className="font-medium">{a.filename}</span>
              )}{" "}
              <span className="text-sm text-ink/70">
                ({a.contentType}, {new TextEncoder().encode(a.content).length.toLocaleString("en-US")} bytes)
              </span>
            </p>
            <details className="mt-2">
              <summary className="cursor-pointer text-sm">Show {a.filename}</summary>
              {/* Not a <pre>: the message's text part is the page's one <pre>. */}
              <code
                role="region"
                aria-label={`${a.filename} (scrollable)`}
                tabIndex={0}
                className="mt-2 block max-h-96 overflow-auto whitespace-pre-wrap break-words rounded-lg bg-paper p-3 font-mono text-xs"
              >
                {a.content}
              </code>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
