import { shareLinks } from "@/lib/seo/share-links";

export function ShareLinks({ url, title }: { url: string; title: string }) {
  return (
    <div>
      <h2 className="text-sm font-semibold uppercase tracking-wider text-ink/80">Share this guide</h2>
      <ul className="mt-3 flex flex-wrap gap-2">
        {shareLinks(url, title).map((l) => (
          <li key={l.network}>
            <a
              href={l.href}
              rel="noopener noreferrer"
              target="_blank"
              className="inline-flex min-h-11 items-center rounded-full border border-ink/15 bg-white px-4 text-sm font-medium hover:border-brand hover:text-brand"
            >
              {l.network}
              <span className="sr-only"> (opens in a new tab)</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
