import type { ReactNode } from "react";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { siteConfig } from "@/lib/site-config";

type FormPageProps = {
  path: string;
  /** Breadcrumb label for this page. */
  crumb: string;
  eyebrow: string;
  title: string;
  /** One paragraph: what the form is for and what happens after sending it. */
  intro: ReactNode;
  /** The right-hand column on wide screens; defaults to the contact box. */
  aside?: ReactNode;
  children: ReactNode;
};

/** Hero band with breadcrumbs, then the form card(s) overlapping it, as on the program pages. */
export function FormPage({ path, crumb, eyebrow, title, intro, aside, children }: FormPageProps) {
  return (
    <>
      <div className="bg-brand text-white">
        <div className="mx-auto max-w-6xl px-4 pb-20 pt-8 sm:px-6">
          <div className="[&_a]:text-white [&_nav]:text-white/85 [&_span]:text-white">
            <Breadcrumbs
              crumbs={[
                { name: "Home", path: "/" },
                { name: crumb, path },
              ]}
            />
          </div>
          <p className="mt-8 text-sm font-semibold uppercase tracking-wider text-accent">{eyebrow}</p>
          <h1 className="mt-2 text-balance text-4xl font-bold tracking-tight sm:text-5xl">{title}</h1>
          <p className="mt-4 max-w-2xl text-lg leading-8 text-white/90">{intro}</p>
        </div>
      </div>
      <div className="mx-auto max-w-6xl px-4 pb-20 sm:px-6">
        <div className="-mt-12 grid gap-8 lg:grid-cols-[minmax(0,1fr)_19rem] lg:items-start">
          <div className="min-w-0 space-y-8">{children}</div>
          <div className="min-w-0 lg:mt-20">{aside ?? <ContactBox />}</div>
        </div>
      </div>
    </>
  );
}

/** The white card a form sits in. */
export function FormCard({ id, title, description, children }: { id: string; title: string; description?: ReactNode; children: ReactNode }) {
  const headingId = `${id}-heading`;
  return (
    <section id={id} aria-labelledby={headingId} className="scroll-mt-24 rounded-2xl border border-ink/10 bg-white p-5 shadow-sm sm:p-8">
      <h2 id={headingId} className="text-2xl font-bold tracking-tight">
        {title}
      </h2>
      {description && <div className="mt-2 leading-7 text-ink/80">{description}</div>}
      <div className="mt-6">{children}</div>
    </section>
  );
}

/** A tinted box beside the form cards: the contact details, the newsletter's perks. */
export function AsideBox({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const headingId = `${id}-heading`;
  return (
    <aside aria-labelledby={headingId} className="rounded-2xl bg-brand-soft/70 p-6">
      <h2 id={headingId} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </aside>
  );
}

export function ContactBox() {
  const { contact } = siteConfig;
  return (
    <AsideBox id="contact-box" title="Prefer to talk?">
      <p className="mt-2 leading-7 text-ink/85">Our admissions team answers questions about programs, dates and paying.</p>
      <ul className="mt-4 space-y-2 leading-7">
        <li>
          <a href={contact.phoneHref} className="font-semibold text-brand underline underline-offset-2 hover:text-brand-strong">
            {contact.phone}
          </a>
        </li>
        <li className="break-words">
          <a href={`mailto:${contact.email}`} className="font-semibold text-brand underline underline-offset-2 hover:text-brand-strong">
            {contact.email}
          </a>
        </li>
      </ul>
      <p className="mt-3 text-sm leading-6 text-ink/80">{contact.hours}</p>
    </AsideBox>
  );
}
