import { siteConfig } from "@/lib/site-config";

/** Three woven strands: the Loomstack mark. Decorative; the wordmark carries the name. */
export function LogoMark({ className = "h-8 w-8" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="var(--brand)" />
      <path d="M7 11h18M7 16h18M7 21h18" stroke="var(--brand-soft)" strokeWidth="2.4" strokeLinecap="round" />
      <path d="M12 7v18M20 7v18" stroke="var(--accent)" strokeWidth="2.4" strokeLinecap="round" />
    </svg>
  );
}

export function Logo() {
  return (
    <span className="inline-flex items-center gap-2.5">
      <LogoMark />
      <span className="text-xl font-bold tracking-tight text-ink">
        {siteConfig.logoText}
        <span className="sr-only"> Academy, home</span>
      </span>
    </span>
  );
}
