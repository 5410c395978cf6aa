import { FORM_PAGES } from "@/lib/content/form-pages";
import { LEGAL_DOCS, LEGAL_DOCUMENTS } from "@/lib/legal/registry";
import { siteConfig } from "@/lib/site-config";
import { LinkNav, type SiteLink } from "./link-list";
import { LogoMark } from "./logo";

const columns: { title: string; links: readonly SiteLink[] }[] = [
  {
    title: "Programs",
    links: [
      { href: "/programs/machine-learning-engineering", label: "Machine Learning Engineering" },
      { href: "/programs/full-stack-development", label: "Full-Stack Web Development" },
      { href: "/programs/data-analytics", label: "Data Analytics" },
      { href: "/programs", label: "All programs & pricing" },
      { href: "/events", label: "Info sessions and open houses" },
    ],
  },
  {
    title: "Career guides",
    links: [
      { href: "/careers/machine-learning-engineer", label: "Machine Learning Engineer" },
      { href: "/careers/machine-learning-engineer/salary-and-job-outlook", label: "ML engineer salary" },
      { href: "/careers/machine-learning-engineer/how-to-become-one", label: "How to become an ML engineer" },
      { href: "/careers", label: "All guides" },
    ],
  },
  { title: "Get started", links: FORM_PAGES.map((f) => ({ href: f.path, label: f.link })) },
];

const legalLinks: SiteLink[] = [
  ...LEGAL_DOCS.map((doc) => ({ href: LEGAL_DOCUMENTS[doc].path, label: LEGAL_DOCUMENTS[doc].title })),
  { href: "/emails", label: "Manage my emails" },
];

export function SiteFooter() {
  return (
    <footer className="mt-24 bg-ink text-paper/85">
      <div className="mx-auto grid max-w-6xl gap-12 px-4 py-16 sm:px-6 md:grid-cols-[1.3fr_repeat(3,1fr)]">
        <div>
          <p className="flex items-center gap-2.5 text-lg font-bold text-white">
            <LogoMark /> {siteConfig.name}
          </p>
          <p className="mt-4 max-w-xs text-sm leading-6">{siteConfig.tagline}</p>
          <address className="mt-6 space-y-1 text-sm not-italic leading-6">
            <p>
              <a className="underline decoration-paper/40 underline-offset-2 hover:text-white" href={`mailto:${siteConfig.contact.email}`}>
                {siteConfig.contact.email}
              </a>
            </p>
            <p>
              <a className="underline decoration-paper/40 underline-offset-2 hover:text-white" href={siteConfig.contact.phoneHref}>
                {siteConfig.contact.phone}
              </a>
            </p>
            <p>{siteConfig.contact.address}</p>
            <p>{siteConfig.contact.hours}</p>
          </address>
        </div>
        {columns.map((col) => (
          <LinkNav
            key={col.title}
            label={col.title}
            heading={<h2 className="text-sm font-semibold uppercase tracking-wider text-accent">{col.title}</h2>}
            links={col.links}
            listClassName="mt-4 space-y-1 text-sm"
            linkClassName="inline-block py-1.5 hover:text-white hover:underline"
          />
        ))}
      </div>
      <div className="border-t border-paper/15">
        <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-6 text-xs text-paper/70 sm:px-6 md:flex-row md:items-start md:justify-between md:gap-8">
          <p>
            © {new Date().getUTCFullYear()} {siteConfig.name}. A fictional bootcamp for an open-source demo. Figures in our career guides are cited to their
            original sources.
          </p>
          <LinkNav
            label="Legal"
            className="shrink-0"
            links={legalLinks}
            listClassName="flex flex-wrap gap-x-5"
            linkClassName="inline-block py-1.5 underline decoration-paper/40 underline-offset-2 hover:text-white"
          />
        </div>
      </div>
    </footer>
  );
}
