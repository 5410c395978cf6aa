/**
 * What a view of /book keeps (lib/booking/visit.ts) and how a booking takes it: the page's
 * own UTMs first, else the first touch's; the first touch's landing page and referrer; the
 * article and CTA of the page's URL.
 */
import { describe, expect, it } from "vitest";
import { bookingVisitRule, visitAttribution, withVisitAttribution, type VisitAttribution } from "@/lib/booking/visit";

describe("the booking page visit's attribution", () => {
  it("takes the page's UTMs over the first touch's, and the first touch's landing page and referrer", () => {
    const touch = {
      landing: "/careers/ml?utm_source=google",
      referrer: "https://www.google.com/",
      utm_source: "google",
      utm_medium: "cpc",
      visitorId: "v".repeat(22),
    };
    expect(visitAttribution({ utm_source: "newsletter", article: "/careers/ml", cta: "guide-footer" }, touch, "/book?utm_source=newsletter")).toEqual({
      utmSource: "newsletter",
      utmMedium: "cpc",
      utmCampaign: null,
      utmTerm: null,
      utmContent: null,
      referrerUrl: "https://www.google.com/",
      landingPage: "/careers/ml?utm_source=google",
      article: "/careers/ml",
      cta: "guide-footer",
    });
  });

  it("counts the page itself as the landing page of a browser with no first touch yet", () => {
    expect(visitAttribution({}, {}, "/book?cta=x")).toMatchObject({ landingPage: "/book?cta=x", referrerUrl: null, utmSource: null });
  });

  it("gives a booking the visit's attribution, keeping what the visit lacks", () => {
    const visit: VisitAttribution = {
      utmSource: "newsletter",
      utmMedium: null,
      utmCampaign: "spring",
      utmTerm: null,
      utmContent: null,
      referrerUrl: "https://news.example/",
      landingPage: "/book?utm_source=newsletter",
      article: null,
      cta: "hero",
    };
    const { raw, touch } = withVisitAttribution(
      { name: "Ada", utm_source: "later", utm_medium: "email", article: "/x" },
      { landing: "/", utm_source: "google" },
      visit,
    );
    expect(raw).toEqual({ name: "Ada", utm_source: "newsletter", utm_medium: "email", utm_campaign: "spring", article: "/x", cta: "hero" });
    expect(touch).toEqual({ landing: "/book?utm_source=newsletter", referrer: "https://news.example/", utm_source: "google" });
    expect(withVisitAttribution({ a: 1 }, { landing: "/" }, null)).toEqual({ raw: { a: 1 }, touch: { landing: "/" } });
  });

  it("limits new visits per address to BOOKING_VISIT_LIMIT, 30 an hour by default", () => {
    const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;
    expect(bookingVisitRule(env({}))).toEqual({ points: 30, durationSeconds: 3600 });
    expect(bookingVisitRule(env({ BOOKING_VISIT_LIMIT: "5/60" }))).toEqual({ points: 5, durationSeconds: 60 });
    expect(bookingVisitRule(env({ BOOKING_VISIT_LIMIT: "lots" }))).toEqual({ points: 30, durationSeconds: 3600 });
  });
});
