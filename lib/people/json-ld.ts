import { absoluteUrl } from "../site-config";
import type { PersonView } from "./instructors";

/**
 * JSON-LD for the people pages. /about is an AboutPage about the organization, whose
 * employees are the published instructors and advisors (Person). Student stories and
 * outcomes get a plain WebPage: the school's own testimonials are never Review or
 * AggregateRating (self-serving reviews are not eligible), and nothing carries a rating.
 */

export function personJsonLd(p: PersonView) {
  return {
    "@type": "Person",
    name: p.name,
    jobTitle: p.role,
    description: p.bio,
    ...(p.photo ? { image: absoluteUrl(p.photo.src) } : {}),
    worksFor: { "@id": absoluteUrl("/#organization") },
  };
}

/** The AboutPage node; its main entity is the organization node (give it `employee` with organizationWithPeople). */
export function aboutPageJsonLd(o: { path: string; name: string; description: string }) {
  return {
    "@type": "AboutPage",
    name: o.name,
    description: o.description,
    url: absoluteUrl(o.path),
    mainEntity: { "@id": absoluteUrl("/#organization") },
  };
}

/** The organization node with its published people as employees. */
export function organizationWithPeople<O extends object>(organization: O, people: PersonView[]) {
  return { ...organization, employee: people.map(personJsonLd) };
}

export function webPageJsonLd(o: { path: string; name: string; description: string; dateModified?: string }) {
  return {
    "@type": "WebPage",
    name: o.name,
    description: o.description,
    url: absoluteUrl(o.path),
    ...(o.dateModified ? { dateModified: o.dateModified } : {}),
    publisher: { "@id": absoluteUrl("/#organization") },
  };
}
