import { recentArticles } from "@/content/guides";

const dateFmt = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

export function RecentArticles({ exceptPath, limit = 4, headingLevel = 2 }: { exceptPath?: string; limit?: number; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby="recent-articles">
      <Heading id="recent-articles" className="text-sm font-semibold uppercase tracking-wider text-ink/80">
        Recent articles
      </Heading>
      <ul className="mt-4 grid gap-3 sm:grid-cols-2">
        {recentArticles(limit, exceptPath).map((a) => (
          <li key={a.path}>
            <a
              href={a.path}
              className="block h-full rounded-xl border border-ink/10 bg-white p-4 transition-colors hover:border-brand/50 hover:bg-brand-soft/40"
            >
              <span className="block text-xs font-medium uppercase tracking-wide text-brand">{a.guide.shortTitle}</span>
              <span className="mt-1 block font-semibold leading-snug text-ink">{a.section.title}</span>
              <span className="mt-2 block text-sm text-ink/75">
                Updated <time dateTime={a.section.updated}>{dateFmt.format(new Date(a.section.updated))}</time>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
