const LINKS = [
  { href: "/console/calls", label: "Agenda", admin: false },
  { href: "/console/calls/availability", label: "My availability", admin: false },
  { href: "/console/calls/types", label: "Call types", admin: false },
  { href: "/console/calls/pins", label: "Program pins", admin: true },
] as const;

/** The calls section's own links, under the console's header; the current page is marked. */
export function CallsNav({ current, admin }: { current: (typeof LINKS)[number]["href"]; admin: boolean }) {
  return (
    <nav aria-label="Calls" className="mb-6 flex flex-wrap gap-x-2 gap-y-2 text-sm">
      {LINKS.filter((l) => admin || !l.admin).map((l) => (
        <a
          key={l.href}
          href={l.href}
          aria-current={l.href === current ? "page" : undefined}
          className="rounded-full px-3 py-1 font-semibold ring-1 ring-brand text-brand aria-[current=page]:bg-brand aria-[current=page]:text-white"
        >
          {l.label}
        </a>
      ))}
    </nav>
  );
}
