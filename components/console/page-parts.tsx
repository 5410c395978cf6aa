import type { ReactNode } from "react";

/** Small pieces that recur on console pages: links, headings, badges, notices, sections. */

/** A link back to the list a page belongs to ("← All leads"), above its heading. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p className="text-sm">
      <a href={href} className="underline underline-offset-4">
        {children}
      </a>
    </p>
  );
}

/** "Staff › Ada Admin": the list, then the record this page edits. */
export function Breadcrumb({ href, parent, current }: { href: string; parent: string; current: string }) {
  return (
    <p className="text-sm">
      <a href={href} className="text-brand underline">
        {parent}
      </a>{" "}
      <span aria-hidden="true">›</span> {current}
    </p>
  );
}

const BADGE_TONES = {
  amber: "bg-amber-100 text-amber-900",
  emerald: "bg-emerald-100 text-emerald-900",
  sky: "bg-sky-100 text-sky-900",
  red: "bg-red-100 text-red-900",
  stone: "bg-stone-200 text-stone-900",
} as const;

export type BadgeTone = keyof typeof BADGE_TONES;

/** A status pill. The tones meet 4.5:1 contrast; the text, not the colour, carries the status. */
export function Badge({ tone, children }: { tone: BadgeTone | undefined; children: ReactNode }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${tone ? BADGE_TONES[tone] : ""}`.trim()}>{children}</span>;
}

/** A link in a sentence, a list or a table cell: brand-coloured and underlined. */
export function TextLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} className="text-brand underline underline-offset-4">
      {children}
    </a>
  );
}

const NOTICE_TONES = {
  ok: "bg-brand-soft",
  warn: "bg-amber-100 text-amber-950",
  error: "border border-red-300 bg-red-50 text-red-900",
} as const;

/**
 * What the last action did, shown once after the redirect back: a status (ok, warn) or an
 * alert (error). An `id` lets the redirect's #fragment scroll to it; focusable ones take focus.
 */
export function Notice({
  tone = "ok",
  id,
  className,
  focusable = false,
  children,
}: {
  tone?: keyof typeof NOTICE_TONES;
  id?: string;
  /** Spacing around it. */
  className?: string;
  focusable?: boolean;
  children: ReactNode;
}) {
  return (
    <div
      id={id}
      role={tone === "error" ? "alert" : "status"}
      tabIndex={focusable ? -1 : undefined}
      className={[className, "rounded-lg px-4 py-3", NOTICE_TONES[tone]].filter(Boolean).join(" ")}
    >
      {children}
    </div>
  );
}

const PANEL = "rounded-xl border border-ink/10 bg-white p-4";

/**
 * A titled part of a page, named by its heading for screen readers. A panel is a white box
 * (a side card on a record's page); otherwise the section sits on the page background.
 */
export function Section({
  id,
  headingId,
  title,
  panel = false,
  className,
  titleClassName = panel ? "font-semibold" : "text-lg font-semibold",
  children,
}: {
  /** The section's own id, for links to it (#status). */
  id?: string;
  headingId: string;
  title: ReactNode;
  panel?: boolean;
  /** Spacing and layout around it. */
  className?: string;
  titleClassName?: string;
  children: ReactNode;
}) {
  return (
    <section id={id} aria-labelledby={headingId} className={[className, panel && PANEL].filter(Boolean).join(" ") || undefined}>
      <h2 id={headingId} className={titleClassName}>
        {title}
      </h2>
      {children}
    </section>
  );
}
