import { absoluteUrl, siteConfig } from "../site-config";

export type Crumb = { name: string; path: string };

export function organizationJsonLd() {
  return {
    "@type": "EducationalOrganization",
    "@id": absoluteUrl("/#organization"),
    name: siteConfig.name,
    url: absoluteUrl("/"),
    logo: absoluteUrl("/icon.svg"),
    email: siteConfig.contact.email,
    telephone: siteConfig.contact.phone,
    address: { "@type": "PostalAddress", streetAddress: siteConfig.contact.address },
  };
}

export function breadcrumbJsonLd(crumbs: Crumb[]) {
  return {
    "@type": "BreadcrumbList",
    itemListElement: crumbs.map((c, i) => ({
      "@type": "ListItem",
      position: i + 1,
      name: c.name,
      item: absoluteUrl(c.path),
    })),
  };
}

export function articleJsonLd(a: {
  headline: string;
  description: string;
  path: string;
  image: string;
  datePublished: string;
  dateModified: string;
  author: string;
}) {
  return {
    "@type": "Article",
    headline: a.headline,
    description: a.description,
    mainEntityOfPage: absoluteUrl(a.path),
    url: absoluteUrl(a.path),
    image: [absoluteUrl(a.image)],
    datePublished: a.datePublished,
    dateModified: a.dateModified,
    author: { "@type": "Organization", name: a.author, url: absoluteUrl("/careers") },
    publisher: { "@id": absoluteUrl("/#organization") },
  };
}

export function faqPageJsonLd(items: { question: string; answer: string }[]) {
  return {
    "@type": "FAQPage",
    mainEntity: items.map((q) => ({
      "@type": "Question",
      name: q.question,
      acceptedAnswer: { "@type": "Answer", text: q.answer },
    })),
  };
}

export function courseJsonLd(c: {
  name: string;
  description: string;
  path: string;
  durationWeeks: number;
  hoursPerWeek: number;
  priceCents: number;
  currency: string;
  cohorts: { name: string; startDate: string; endDate: string }[];
}) {
  return {
    "@type": "Course",
    name: c.name,
    description: c.description,
    url: absoluteUrl(c.path),
    provider: { "@id": absoluteUrl("/#organization") },
    offers: [
      {
        "@type": "Offer",
        category: "Paid",
        price: (c.priceCents / 100).toFixed(2),
        priceCurrency: c.currency,
        url: absoluteUrl(c.path),
      },
    ],
    hasCourseInstance: c.cohorts.map((k) => ({
      "@type": "CourseInstance",
      name: k.name,
      courseMode: "Online",
      startDate: k.startDate.slice(0, 10),
      endDate: k.endDate.slice(0, 10),
      courseWorkload: `PT${c.hoursPerWeek}H`,
      courseSchedule: {
        "@type": "Schedule",
        repeatFrequency: "P1W",
        duration: `PT${c.hoursPerWeek}H`,
        repeatCount: c.durationWeeks,
      },
    })),
  };
}

/** Wraps nodes in one @graph document, ready to serialise. */
export function jsonLdGraph(...nodes: object[]) {
  return { "@context": "https://schema.org", "@graph": nodes };
}

/** JSON for a <script type="application/ld+json">: `<` is escaped so text can never close the tag. */
export function serializeJsonLd(data: object): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
