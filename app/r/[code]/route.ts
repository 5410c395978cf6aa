import { REFERRAL_CODE_PATTERN } from "@/lib/attribution-cookies";

/**
 * A personal referral link: /r/<code> lands on the home page with the code remembered.
 *
 * The Location is relative: the browser resolves it against the address it asked for, so it
 * is right behind any proxy. An absolute one would have to be built from the request's
 * Host and forwarded headers, which behind a proxy name the app's internal address.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const target = REFERRAL_CODE_PATTERN.test(code) ? `/?ref=${encodeURIComponent(code)}` : "/";
  return new Response(null, { status: 303, headers: { Location: target, "Cache-Control": "no-store" } });
}
