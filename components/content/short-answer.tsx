import type { ReactNode } from "react";

/** A highlighted answer to the question a guide page is about, placed right after its intro. */
export function ShortAnswer({ title = "The short answer", children }: { title?: string; children: ReactNode }) {
  return (
    <section aria-labelledby="short-answer" className="rounded-2xl border-l-4 border-brand bg-brand-soft/60 px-5 py-4 sm:px-6 sm:py-5">
      <h2 id="short-answer" className="mt-0 text-lg font-semibold text-ink sm:text-xl">
        {title}
      </h2>
      <div className="mt-2 space-y-3">{children}</div>
    </section>
  );
}
