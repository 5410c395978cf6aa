import { describe, expect, it } from "vitest";
import { breadcrumbJsonLd, courseJsonLd, faqPageJsonLd, serializeJsonLd } from "@/lib/seo/json-ld";
import { pageMetadata } from "@/app/(forms)/page-metadata";
import { ogImagePath } from "@/lib/seo/metadata";
import { shareLinks } from "@/lib/seo/share-links";
import { contentSecurityPolicy, securityHeaderRules, securityHeaders } from "@/lib/security/headers";

describe("serializeJsonLd", () => {
  it("cannot be broken out of by text that closes the script tag", () => {
    const out = serializeJsonLd({ name: "</script><script>alert(1)</script>" });
    expect(out).not.toContain("</script>");
    expect(JSON.parse(out).name).toBe("</script><script>alert(1)</script>");
  });
});

describe("structured data builders", () => {
  it("numbers breadcrumbs from 1 with absolute URLs", () => {
    const b = breadcrumbJsonLd([
      { name: "Home", path: "/" },
      { name: "Programs", path: "/programs" },
    ]);
    expect(b.itemListElement.map((i) => i.position)).toEqual([1, 2]);
    expect(b.itemListElement[1].item).toMatch(/^https?:\/\/[^/]+\/programs$/);
  });

  it("builds FAQPage questions with accepted answers", () => {
    const f = faqPageJsonLd([{ question: "Q?", answer: "A." }]);
    expect(f.mainEntity[0]).toEqual({ "@type": "Question", name: "Q?", acceptedAnswer: { "@type": "Answer", text: "A." } });
  });

  it("builds a Course with an offer price and dated instances", () => {
    const c = courseJsonLd({
      name: "ML",
      description: "d",
      path: "/programs/ml",
      durationWeeks: 24,
      hoursPerWeek: 15,
      priceCents: 1_490_000,
      currency: "USD",
      cohorts: [{ name: "Jan", startDate: "2027-01-04T00:00:00.000Z", endDate: "2027-06-18T00:00:00.000Z" }],
    });
    expect(c.offers[0].price).toBe("14900.00");
    expect(c.hasCourseInstance[0].startDate).toBe("2027-01-04");
  });
});

describe("pageMetadata", () => {
  it("sets title, canonical and Open Graph image for a page", () => {
    const m = pageMetadata({ title: "Programs", description: "d", path: "/programs" });
    expect(m.alternates?.canonical).toBe("/programs");
    expect(m.title).toEqual({ absolute: "Programs | Loomstack Academy" });
    expect(JSON.stringify(m.openGraph)).toContain("/og/programs");
    expect(ogImagePath("/")).toBe("/og/home");
  });
});

describe("share links", () => {
  it("are plain URLs to LinkedIn, X and Facebook with the page URL encoded", () => {
    const links = shareLinks("https://site.example/a?b=1&c=2", "Title & more");
    expect(links.map((l) => l.network)).toEqual(["LinkedIn", "X", "Facebook"]);
    for (const l of links) expect(l.href).toContain(encodeURIComponent("https://site.example/a?b=1&c=2"));
    expect(links[1].href).toContain("text=Title%20%26%20more");
  });
});

describe("security headers", () => {
  it("forbids framing and third-party origins, and adds HSTS only in production", () => {
    const csp = contentSecurityPolicy({ isDev: false, inlineScripts: false });
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/https?:/);
    const scriptSrc = (policy: string) => policy.split("; ").find((d) => d.startsWith("script-src"));
    expect(scriptSrc(csp)).toBe("script-src 'self'");
    expect(contentSecurityPolicy({ isDev: false, inlineScripts: true })).toContain("script-src 'self' 'unsafe-inline';");
    const names = (prod: boolean) => securityHeaders({ isDev: false, isProd: prod }).map((h) => h.key);
    expect(names(true)).toContain("Strict-Transport-Security");
    expect(names(false)).not.toContain("Strict-Transport-Security");
  });
});

describe("security header rules", () => {
  it("allow inline script only on the interactive App Router paths", () => {
    const rules = securityHeaderRules({ isDev: false, isProd: true });
    expect(rules[0].source).toBe("/:path*");
    expect(rules[0].headers.find((h) => h.key === "Content-Security-Policy")?.value).toContain("script-src 'self';");
    for (const rule of rules.slice(1)) {
      expect(rule.headers).toHaveLength(1);
      expect(rule.headers[0].value).toContain("script-src 'self' 'unsafe-inline';");
      expect(rule.source).toMatch(/^\/(apply|quote|refer|newsletter|call-back|book|syllabus|rsvp|comment|invite|unsubscribe|confirm|mailbox|console)/);
    }
  });
});
