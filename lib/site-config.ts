/**
 * The brand in one place: name, logo text, colours, contact details and the staff inbox.
 * Loomstack Academy is fictional; the phone number is in the 555-01xx range reserved for
 * fiction and the domain uses the reserved `.example` TLD.
 */
export const siteConfig = {
  name: "Loomstack Academy",
  shortName: "Loomstack",
  logoText: "loomstack",
  tagline: "Job-ready tech skills, woven around the life you already have.",
  description:
    "Loomstack Academy runs live, mentor-led bootcamps in machine learning, full-stack development and data analytics, with career guides to help you choose.",
  locale: "en_US",
  colors: {
    // Deep teal for brand surfaces, saffron for highlights, warm paper for the page.
    brand: "#0b4f4a",
    brandStrong: "#083a36",
    brandSoft: "#dcefeb",
    accent: "#f2a541",
    accentSoft: "#fdf0db",
    ink: "#14211f",
    paper: "#fbf8f3",
  },
  contact: {
    email: "hello@loomstack.example",
    phone: "+1 555 014 2210",
    phoneHref: "tel:+15550142210",
    address: "200 Example Street, Suite 4, Austin, TX 78701",
    hours: "Monday to Friday, 9:00–18:00 Central",
  },
  /** Where staff notifications go unless a per-form recipient is configured. */
  staffInbox: "admissions@loomstack.example",
  social: {
    linkedin: "https://www.linkedin.com/company/loomstack-academy-example",
    x: "https://x.com/loomstack_example",
  },
} as const;

/** Absolute origin used for canonical URLs, sitemaps and Open Graph. */
export function siteUrl(): string {
  const raw = process.env.SITE_URL ?? process.env.NEXT_PUBLIC_SITE_URL ?? "http://localhost:3000";
  return raw.replace(/\/+$/, "");
}

export function absoluteUrl(path: string): string {
  return new URL(path, siteUrl() + "/").toString();
}
