import type { FaqItem } from "@/content/guides/types";
import { slugify } from "@/lib/content/text";

/** Questions as headings with their answers: readable without JavaScript, linkable by id. */
export function FaqList({ items }: { items: FaqItem[] }) {
  return (
    <div className="not-prose mt-8 divide-y divide-ink/10 rounded-2xl border border-ink/10 bg-white">
      {items.map((item) => (
        <section key={item.question} aria-labelledby={`faq-${slugify(item.question)}`} className="p-5 sm:p-6">
          <h3 id={`faq-${slugify(item.question)}`} className="text-lg font-semibold leading-snug text-ink">
            {item.question}
          </h3>
          <p className="mt-2 leading-7 text-ink/85">{item.answer}</p>
        </section>
      ))}
    </div>
  );
}
