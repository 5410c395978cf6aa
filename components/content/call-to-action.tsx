import { withAttribution } from "@/lib/attribution";
import type { CtaTracking } from "@/lib/cta/links";

export type CallToActionVariant = "brand" | "dark" | "light" | "accent";

export type CallToActionProps = {
  /** Stable id, unique within the article; recorded with the lead as the CTA that led to it. */
  id: string;
  title: string;
  text: string;
  buttonText: string;
  buttonLink: string;
  variant?: CallToActionVariant;
  /** Path of the article that shows this CTA; filled in by the article page. */
  article?: string;
  /**
   * Counts the CTA's impressions and clicks (lib/cta/): the button goes through the
   * first-party click link, and a lazy 1×1 image under the block counts the impression.
   */
  tracking?: CtaTracking;
};

const styles: Record<CallToActionVariant, { box: string; text: string; button: string }> = {
  brand: {
    box: "bg-brand text-white",
    text: "text-white/90",
    button: "bg-accent text-ink hover:bg-accent-soft",
  },
  dark: {
    box: "bg-ink text-white",
    text: "text-white/85",
    button: "bg-white text-ink hover:bg-brand-soft",
  },
  light: {
    box: "border border-brand/25 bg-white text-ink shadow-sm",
    text: "text-ink/80",
    button: "bg-brand text-white hover:bg-brand-strong",
  },
  accent: {
    box: "bg-accent-soft text-ink ring-1 ring-accent/50",
    text: "text-ink/85",
    button: "bg-ink text-white hover:bg-brand-strong",
  },
};

/** A call-to-action block for articles and landing pages. */
export function CallToAction({ id, title, text, buttonText, buttonLink, variant = "brand", article, tracking }: CallToActionProps) {
  const s = styles[variant] ?? styles.brand;
  const href = tracking?.href ?? withAttribution(buttonLink, { article, cta: id });
  const headingId = `cta-${id}`;
  return (
    <aside
      aria-labelledby={headingId}
      data-cta={id}
      className={`not-prose relative my-10 flex flex-col gap-5 rounded-2xl p-6 sm:flex-row sm:items-center sm:justify-between sm:p-8 ${s.box}`}
    >
      <div className="max-w-xl">
        <h2 id={headingId} className="text-xl font-semibold leading-snug tracking-tight sm:text-2xl">
          {title}
        </h2>
        <p className={`mt-2 text-base leading-7 ${s.text}`}>{text}</p>
      </div>
      <a
        href={href}
        className={`cta-button inline-flex min-h-12 shrink-0 items-center justify-center rounded-full px-6 py-3 text-base font-semibold no-underline shadow-sm transition-colors ${s.button}`}
      >
        {buttonText}
      </a>
      {tracking && (
        // Out of the flow and 1×1, so it shifts nothing; lazy, so it loads as the block nears the viewport.
        // eslint-disable-next-line @next/next/no-img-element -- a counting beacon, not a picture for next/image
        <img
          src={tracking.beacon}
          alt=""
          aria-hidden="true"
          loading="lazy"
          decoding="async"
          width={1}
          height={1}
          className="pointer-events-none absolute bottom-0 left-0 h-px w-px"
        />
      )}
    </aside>
  );
}
