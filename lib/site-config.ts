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

/**
 * The site's public origin, for canonical URLs, the sitemap, Open Graph, emails and staff
 * sign-in: SITE_URL (or NEXT_PUBLIC_SITE_URL). Unset, it is this machine on the port the
 * server listens on (PORT, default 3000), which only works locally: a production server
 * warns about that (publicUrlProblem). Static pages bake it in at build time.
 */
export function siteUrl(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.SITE_URL?.trim() || env.NEXT_PUBLIC_SITE_URL?.trim() || `http://localhost:${env.PORT?.trim() || "3000"}`;
  return raw.replace(/\/+$/, "");
}

export function absoluteUrl(path: string): string {
  return new URL(path, siteUrl() + "/").toString();
}

function isLocalHostname(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h.endsWith(".localhost") || /^127\.\d+\.\d+\.\d+$/.test(h) || h === "0.0.0.0" || h === "::1" || h === "::";
}

/**
 * Why the public origin is wrong for a production server, or null: SITE_URL unset, not a
 * URL, or pointing at this machine. Links in every email and page would then be dead for
 * everyone else. server.ts prints it at start; the console's settings page shows it.
 */
export function publicUrlProblem(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.NODE_ENV !== "production") return null;
  const raw = env.SITE_URL?.trim() || env.NEXT_PUBLIC_SITE_URL?.trim();
  const fix = "Set SITE_URL to the site's public origin (for example https://www.loomstack.example) before `npm run build` and when starting the server.";
  if (!raw) return `SITE_URL is not set, so links in emails and pages point to ${siteUrl(env)}, which works on this machine only. ${fix}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `SITE_URL (${raw}) is not a valid URL. ${fix}`;
  }
  if (isLocalHostname(url.hostname)) return `SITE_URL is ${url.origin}, so links in emails and pages work on this machine only. ${fix}`;
  return null;
}
