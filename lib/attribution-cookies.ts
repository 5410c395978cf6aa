import { clipText } from "./clip-text";

/**
 * First-touch attribution and referral codes, kept in first-party cookies by proxy.ts so
 * that content pages stay static and script-free. Forms read them when a lead is saved.
 */
export const FIRST_TOUCH_COOKIE = "ls_ft";
export const REFERRAL_COOKIE = "ls_ref";
/** A random id for this browser (first-party, HttpOnly): the referral fraud checks compare it. */
export const VISITOR_COOKIE = "ls_vid";
export const VISITOR_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
export const REFERRAL_CODE_PATTERN = /^[A-Za-z0-9]{4,32}$/;
export const UTM_KEYS = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"] as const;

export type FirstTouch = {
  landing?: string;
  referrer?: string;
  utm_source?: string;
  utm_medium?: string;
  utm_campaign?: string;
  utm_term?: string;
  utm_content?: string;
  /** Referral code from a referral link, if the visitor arrived through one. */
  ref?: string;
  /** This browser's id (VISITOR_COOKIE). */
  visitorId?: string;
};

// Never cuts a character in half, so a clipped value is always valid text.
const clip = (v: string | null | undefined, max: number) => (v ? clipText(v, max) : undefined);

/** Builds the first-touch record for a visitor's first request. */
export function firstTouchFromRequest(url: URL, referer: string | null): FirstTouch {
  const external = referer && safeOrigin(referer) !== url.origin ? referer : undefined;
  const touch: FirstTouch = { landing: clip(url.pathname + url.search, 500), referrer: clip(external, 500) };
  for (const key of UTM_KEYS) touch[key] = clip(url.searchParams.get(key), 200);
  return touch;
}

function safeOrigin(u: string): string | null {
  try {
    return new URL(u).origin;
  } catch {
    return null;
  }
}

export function encodeFirstTouch(t: FirstTouch): string {
  return Buffer.from(JSON.stringify(t)).toString("base64url");
}

/** Reads the cookies back; anything malformed is ignored rather than trusted. */
export function readAttributionCookies(get: (name: string) => string | undefined): FirstTouch {
  let touch: FirstTouch = {};
  const raw = get(FIRST_TOUCH_COOKIE);
  if (raw && raw.length < 4000) {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
      if (parsed && typeof parsed === "object") {
        for (const [k, v] of Object.entries(parsed)) {
          if (typeof v === "string" && (k === "landing" || k === "referrer" || (UTM_KEYS as readonly string[]).includes(k))) {
            touch = { ...touch, [k]: clip(v, 500) };
          }
        }
      }
    } catch {
      // A tampered or truncated cookie just means no first-touch data.
    }
  }
  const ref = get(REFERRAL_COOKIE);
  if (ref && REFERRAL_CODE_PATTERN.test(ref)) touch.ref = ref;
  const visitor = get(VISITOR_COOKIE);
  if (visitor && VISITOR_ID_PATTERN.test(visitor)) touch.visitorId = visitor;
  return touch;
}

/** 16 random bytes as base64url (Web Crypto: the proxy may run outside Node). */
export function newVisitorId(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64url");
}
