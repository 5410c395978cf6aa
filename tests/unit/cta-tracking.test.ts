import { afterEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db";
import { isCountableHit } from "@/lib/cta/filter";
import { ctaTracking } from "@/lib/cta/links";
import { ctaRegistry, extractCallToActions, findCta, isLocalPath, parseCtaSegments } from "@/lib/cta/registry";
import { BEACON_GIF, COUNT_WAIT_MS, ctaClickResponse, ctaImpressionResponse } from "@/lib/cta/responses";

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const BOTS = [
  "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
  "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
  "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
  "curl/8.5.0",
  "python-requests/2.32.3",
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
];

const hit = (headers: Record<string, string> = {}, method = "GET") => ({ method, headers: new Headers({ "user-agent": CHROME, ...headers }) });

describe("which hits count", () => {
  it("counts a browser's GET", () => {
    expect(isCountableHit(hit())).toBe(true);
  });

  it.each(BOTS)("leaves out a known bot: %s", (ua) => {
    expect(isCountableHit(hit({ "user-agent": ua }))).toBe(false);
  });

  it("leaves out a request that names no browser", () => {
    expect(isCountableHit({ method: "GET", headers: new Headers() })).toBe(false);
    expect(isCountableHit(hit({ "user-agent": "  " }))).toBe(false);
  });

  it("leaves out HEAD and other methods", () => {
    expect(isCountableHit(hit({}, "HEAD"))).toBe(false);
    expect(isCountableHit(hit({}, "POST"))).toBe(false);
  });

  it.each([
    ["sec-purpose", "prefetch"],
    ["sec-purpose", "prefetch;prerender"],
    ["purpose", "prefetch"],
    ["x-moz", "prefetch"],
    ["x-purpose", "preview"],
  ])("leaves out a prefetch or preview (%s: %s)", (name, value) => {
    expect(isCountableHit(hit({ [name]: value }))).toBe(false);
  });
});

describe("the CTA registry", () => {
  it("holds every CTA of the guide articles, each sending to a form with its attribution", () => {
    const all = [...ctaRegistry().values()];
    expect(all.length).toBeGreaterThanOrEqual(7);
    const faq = findCta("/careers/machine-learning-engineer/faq", "faq-call-back");
    expect(faq).toMatchObject({ buttonLink: "/call-back", title: "Talk it through with an advisor" });
    expect(faq!.destination).toBe("/call-back?article=%2Fcareers%2Fmachine-learning-engineer%2Ffaq&cta=faq-call-back");
    const apply = findCta("/careers/machine-learning-engineer", "overview-apply");
    expect(apply!.destination).toBe("/apply?program=machine-learning-engineering&article=%2Fcareers%2Fmachine-learning-engineer&cta=overview-apply");
    for (const c of all) expect(isLocalPath(c.destination), c.id).toBe(true);
  });

  it("does not find a CTA on another article, or an unknown one", () => {
    expect(findCta("/careers/machine-learning-engineer", "faq-call-back")).toBeNull();
    expect(findCta("/careers/machine-learning-engineer/faq", "nope")).toBeNull();
  });

  it("reads CTA tags and refuses one it cannot read", () => {
    expect(extractCallToActions('a <CallToAction id="x" title="A > B" buttonLink="/quote" /> b')).toEqual([{ id: "x", title: "A > B", buttonLink: "/quote" }]);
    expect(() => extractCallToActions('<CallToAction id="x" buttonLink={"/quote"} />')).toThrow(/not self-closing with plain string attributes/);
  });

  it.each(["//evil.example/x", "/\\evil.example", "\\\\evil.example", "https://evil.example/", "javascript:alert(1)", "evil.example", "/\tx", ""])(
    "is not a path on this site: %j",
    (href) => {
      expect(isLocalPath(href)).toBe(false);
    },
  );

  it.each([
    [["careers", "machine-learning-engineer", "faq", "faq-call-back"], { article: "/careers/machine-learning-engineer/faq", id: "faq-call-back" }],
    [["careers", "machine-learning-engineer", "overview-apply"], { article: "/careers/machine-learning-engineer", id: "overview-apply" }],
  ])("reads the article and CTA from a path: %j", (segments, expected) => {
    expect(parseCtaSegments(segments)).toEqual(expected);
  });

  it.each([
    [[]],
    [["faq-call-back"]],
    [["", "x"]],
    [["careers", "..", "x"]],
    [["careers/faq", "x"]],
    [["careers\\faq", "x"]],
    [["evil.com", "x"]],
    [Array(12).fill("a")],
  ])("refuses a malformed path: %j", (segments) => {
    expect(parseCtaSegments(segments)).toBeNull();
  });

  it("fails an article's build when it renders a CTA the registry does not hold as it is", () => {
    const registered = [{ id: "a", buttonLink: "/quote" }];
    expect(ctaTracking("/careers/x", { id: "a", buttonLink: "/quote" }, registered)).toEqual({ href: "/go/careers/x/a", beacon: "/seen/careers/x/a" });
    expect(() => ctaTracking("/careers/x", { id: "b", buttonLink: "/quote" }, registered)).toThrow(/not in the CTA registry/);
    expect(() => ctaTracking("/careers/x", { id: "a", buttonLink: "/apply" }, registered)).toThrow(/links to \/apply/);
  });
});

/** A database whose every statement fails (or never answers), as when PostgreSQL is down. */
function brokenDb(mode: "fail" | "hang"): Db & { calls: number } {
  const db = {
    calls: 0,
    $executeRawUnsafe() {
      db.calls += 1;
      return mode === "fail" ? Promise.reject(new Error("connection refused")) : new Promise(() => {});
    },
  };
  return db as unknown as Db & { calls: number };
}

const FAQ = ["careers", "machine-learning-engineer", "faq", "faq-call-back"];
const request = (path: string, init: RequestInit = {}) =>
  new Request(`http://127.0.0.1${path}`, { ...init, headers: { "user-agent": CHROME, ...init.headers } });
const quiet = () => {};

describe("the click and beacon responses", () => {
  it("redirects a click to the registry's destination, with attribution, even when counting fails", async () => {
    const db = brokenDb("fail");
    const res = await ctaClickResponse(request("/go/x"), FAQ, { db, now: new Date(), log: quiet });
    expect(db.calls).toBe(1);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/call-back?article=%2Fcareers%2Fmachine-learning-engineer%2Ffaq&cta=faq-call-back");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("returns the beacon image, uncached, even when counting fails", async () => {
    const db = brokenDb("fail");
    const res = await ctaImpressionResponse(request("/seen/x"), FAQ, { db, now: new Date(), log: quiet });
    expect(db.calls).toBe(1);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/gif");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(Buffer.from(await res.arrayBuffer()).equals(BEACON_GIF)).toBe(true);
    expect(BEACON_GIF.subarray(0, 6).toString()).toBe("GIF89a");
  });

  describe("with a database that does not answer", () => {
    afterEach(() => vi.useRealTimers());
    it("still redirects once the wait for the count is over", async () => {
      vi.useFakeTimers();
      let settled = false;
      const pending = ctaClickResponse(request("/go/x"), FAQ, { db: brokenDb("hang"), now: new Date(), log: quiet }).then((r) => ((settled = true), r));
      await vi.advanceTimersByTimeAsync(COUNT_WAIT_MS - 1);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect((await pending).status).toBe(303);
    });
  });

  it("does not write for a bot, a HEAD or a prefetch, and still answers", async () => {
    const db = brokenDb("fail");
    const deps = { db, now: new Date(), log: quiet };
    expect((await ctaClickResponse(request("/go/x", { headers: { "user-agent": BOTS[0]! } }), FAQ, deps)).status).toBe(303);
    expect((await ctaClickResponse(request("/go/x", { method: "HEAD" }), FAQ, deps)).status).toBe(303);
    expect((await ctaImpressionResponse(request("/seen/x", { headers: { "sec-purpose": "prefetch" } }), FAQ, deps)).status).toBe(200);
    expect(db.calls).toBe(0);
  });

  it.each([
    [["evil.com", "x"]],
    [["", "evil.com"]],
    [["careers", "machine-learning-engineer", "faq", "//evil.com"]],
    [["careers", "machine-learning-engineer", "faq", "%2F%2Fevil.com"]],
    [["careers", "machine-learning-engineer", "faq", "\\evil.com"]],
    [["careers", "machine-learning-engineer", "faq"]],
    [["careers", "machine-learning-engineer", "faq-call-back"]],
    [["careers", "machine-learning-engineer", "faq", "faq-call-back", "extra"]],
  ])("answers a crafted or unknown path with a 404 page and no Location: %j", async (segments) => {
    const db = brokenDb("fail");
    for (const respond of [ctaClickResponse, ctaImpressionResponse]) {
      const res = await respond(request("/go/x?to=https://evil.com&next=//evil.com"), segments, { db, now: new Date(), log: quiet });
      expect(res.status).toBe(404);
      expect(res.headers.get("location")).toBeNull();
      expect(await res.text()).toContain("Page not found");
    }
    expect(db.calls).toBe(0);
  });

  it("ignores any destination in the query string", async () => {
    const res = await ctaClickResponse(request("/go/x?to=https://evil.com&location=//evil.com&cta=other"), FAQ, {
      db: brokenDb("fail"),
      now: new Date(),
      log: quiet,
    });
    expect(res.headers.get("location")).toBe("/call-back?article=%2Fcareers%2Fmachine-learning-engineer%2Ffaq&cta=faq-call-back");
  });
});
