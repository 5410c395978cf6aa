import { NextResponse } from "next/server";
import { REFERRAL_CODE_PATTERN } from "@/lib/attribution-cookies";

/** A personal referral link: /r/<code> lands on the home page with the code remembered. */
export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const target = new URL("/", request.url);
  if (REFERRAL_CODE_PATTERN.test(code)) target.searchParams.set("ref", code);
  return NextResponse.redirect(target, 303);
}
