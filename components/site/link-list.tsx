import type { ReactNode } from "react";

export type SiteLink = { href: string; label: string };

/**
 * A list of links (a menu, a footer column, a set of shortcuts): one <li><a> a link, styled
 * by the caller. Extra items (a call to action) follow as children.
 */
export function LinkList({
  links,
  className,
  linkClassName,
  label,
  children,
}: {
  links: readonly SiteLink[];
  className?: string;
  linkClassName?: string;
  /** The list's accessible name, when no heading or nav names it. */
  label?: string;
  children?: ReactNode;
}) {
  return (
    <ul className={className} aria-label={label}>
      {links.map((l) => (
        <li key={l.href}>
          <a href={l.href} className={linkClassName}>
            {l.label}
          </a>
        </li>
      ))}
      {children}
    </ul>
  );
}

/** A navigation landmark around a LinkList, named by `label`, with an optional heading first. */
export function LinkNav({
  label,
  heading,
  className,
  listClassName,
  ...list
}: {
  label: string;
  heading?: ReactNode;
  className?: string;
  listClassName?: string;
  links: readonly SiteLink[];
  linkClassName?: string;
}) {
  return (
    <nav aria-label={label} className={className}>
      {heading}
      <LinkList {...list} className={listClassName} />
    </nav>
  );
}
