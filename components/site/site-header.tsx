import { LinkList, LinkNav, type SiteLink } from "./link-list";
import { Logo } from "./logo";
import { SkipLink } from "./skip-link";

const nav: SiteLink[] = [
  { href: "/programs", label: "Programs & pricing" },
  { href: "/careers", label: "Career guides" },
  { href: "/refer", label: "Refer a friend" },
  { href: "/quote", label: "Team training" },
];

/**
 * Server-rendered header. The phone menu is a <details> element, so it needs no
 * JavaScript. Public pages use plain <a> links rather than next/link: they are static
 * HTML, and skipping the client router's per-link hydration and prefetching keeps the
 * main thread free on slow phones (see README, "Performance").
 */
export function SiteHeader() {
  return (
    <header className="sticky top-0 z-40 border-b border-ink/10 bg-paper">
      <SkipLink className="focus:top-3 focus:z-50 focus:rounded-md focus:bg-ink focus:text-paper" />
      <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
        <a href="/" className="shrink-0 rounded-md">
          <Logo />
        </a>
        <LinkNav
          label="Main"
          className="hidden lg:block"
          links={nav}
          listClassName="flex items-center gap-1 text-[0.95rem] font-medium"
          linkClassName="rounded-md px-3 py-2 text-ink/80 hover:bg-brand-soft hover:text-ink"
        />
        <div className="flex items-center gap-2">
          <a
            href="/apply"
            className="hidden rounded-full bg-brand px-5 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-strong sm:inline-block"
          >
            Apply now
          </a>
          <details className="group relative lg:hidden">
            <summary className="flex min-h-11 min-w-11 cursor-pointer list-none items-center justify-center rounded-md border border-ink/15 px-3 text-sm font-semibold [&::-webkit-details-marker]:hidden">
              <span className="group-open:hidden">Menu</span>
              <span className="hidden group-open:inline">Close</span>
            </summary>
            <nav
              aria-label="Main (mobile)"
              className="absolute right-0 top-full mt-2 w-[min(18rem,calc(100vw-2rem))] rounded-xl border border-ink/10 bg-white p-2 shadow-xl"
            >
              <LinkList links={nav} className="flex flex-col text-base font-medium" linkClassName="block rounded-lg px-4 py-3 hover:bg-brand-soft">
                <li>
                  <a href="/apply" className="mt-1 block rounded-lg bg-brand px-4 py-3 text-center font-semibold text-white">
                    Apply now
                  </a>
                </li>
              </LinkList>
            </nav>
          </details>
        </div>
      </div>
    </header>
  );
}
