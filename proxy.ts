import { NextResponse, type NextRequest } from "next/server";
import {
  FIRST_TOUCH_COOKIE,
  REFERRAL_CODE_PATTERN,
  REFERRAL_COOKIE,
  VISITOR_COOKIE,
  VISITOR_ID_PATTERN,
  encodeFirstTouch,
  newVisitorId,
  firstTouchFromRequest,
} from "@/lib/attribution-cookies";
import { refuseUnreadableActionPost } from "@/lib/http/action-post";

const DAY = 24 * 60 * 60;

/**
 * Remembers where a visitor came from (first landing page, external referrer, UTM tags)
 * and any referral code (`?ref=CODE`), in first-party cookies that the forms read, plus a
 * random browser id for the referral fraud checks. It only adds cookies, so static pages
 * stay static.
 */
export async function proxy(request: NextRequest) {
  // A Server Action post no page of this app sends: 400 before Next fails to decode it (500).
  const refused = await refuseUnreadableActionPost(request);
  if (refused) return refused;
  const response = NextResponse.next();
  const secure = process.env.NODE_ENV === "production" && request.nextUrl.protocol === "https:";
  const options = { httpOnly: true, sameSite: "lax" as const, secure, path: "/" };

  if (!request.cookies.has(FIRST_TOUCH_COOKIE)) {
    const touch = firstTouchFromRequest(request.nextUrl, request.headers.get("referer"));
    response.cookies.set(FIRST_TOUCH_COOKIE, encodeFirstTouch(touch), { ...options, maxAge: 30 * DAY });
  }
  if (!VISITOR_ID_PATTERN.test(request.cookies.get(VISITOR_COOKIE)?.value ?? "")) {
    response.cookies.set(VISITOR_COOKIE, newVisitorId(), { ...options, maxAge: 365 * DAY });
  }
  const ref = request.nextUrl.searchParams.get("ref");
  if (ref && REFERRAL_CODE_PATTERN.test(ref)) {
    response.cookies.set(REFERRAL_COOKIE, ref, { ...options, maxAge: 60 * DAY });
  }
  return response;
}

export const config = {
  // Pages only: not static assets, images, people photos, Open Graph cards or machine-readable files,
  // nor the CTA counters (go/, seen/), which must set no cookie (lib/cta/).
  matcher: ["/((?!_next/|og/|photos/|go/|seen/|icon.svg|favicon.ico|robots.txt|sitemap.xml|api/).*)"],
};
