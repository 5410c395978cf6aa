import { guidePath, type Guide } from "@/content/guides";
import type { Heading } from "@/lib/content/text";

/** The guide's sections, with the current one's headings nested under it. */
export function GuideToc({ guide, currentSlug, headings }: { guide: Guide; currentSlug: string; headings: Heading[] }) {
  return (
    <nav aria-label="Guide contents" className="text-[0.95rem]">
      <ol className="space-y-1">
        {guide.sections.map((s, i) => {
          const current = s.slug === currentSlug;
          return (
            <li key={s.slug}>
              <a
                href={guidePath(guide, s)}
                aria-current={current ? "page" : undefined}
                className={`flex gap-3 rounded-lg px-3 py-2 ${current ? "bg-brand text-white" : "text-ink/85 hover:bg-brand-soft hover:text-ink"}`}
              >
                <span aria-hidden="true" className={`font-mono text-sm ${current ? "text-accent" : "text-brand"}`}>
                  {String(i + 1).padStart(2, "0")}
                </span>
                <span className="font-medium">{s.navTitle}</span>
              </a>
              {current && headings.length > 0 && (
                <ol aria-label="On this page" className="my-2 ml-[2.6rem] space-y-1 border-l-2 border-brand/20 pl-3 text-sm">
                  {headings
                    .filter((h) => h.depth === 2)
                    .map((h) => (
                      <li key={h.id}>
                        <a href={`#${h.id}`} className="block py-1 text-ink/80 hover:text-brand hover:underline">
                          {h.text}
                        </a>
                      </li>
                    ))}
                </ol>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
