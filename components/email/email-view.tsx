/**
 * An email as the recipient would see it: the HTML part in a sandboxed frame (no scripts,
 * no same-origin access, so nothing in a message can touch this page) and the text part.
 */
export function EmailView({ subject, html, text, title }: { subject: string; html: string; text: string; title: string }) {
  return (
    <div className="mt-6 grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <section aria-labelledby="html-part">
        <h2 id="html-part" className="text-lg font-semibold">
          HTML part
        </h2>
        <iframe title={`${title}: ${subject}`} sandbox="" srcDoc={html} className="mt-2 h-[70vh] w-full rounded-xl border border-ink/15 bg-white" />
      </section>
      <section aria-labelledby="text-part">
        <h2 id="text-part" className="text-lg font-semibold">
          Text part
        </h2>
        <pre
          role="region"
          aria-label="Plain-text body (scrollable)"
          tabIndex={0}
          className="mt-2 h-[70vh] overflow-auto whitespace-pre-wrap [overflow-wrap:anywhere] rounded-xl border border-ink/15 bg-white p-4 font-mono text-sm"
        >
          {text}
        </pre>
      </section>
    </div>
  );
}
