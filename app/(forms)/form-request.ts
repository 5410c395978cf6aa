import { cookies, headers } from "next/headers";
import { readAttributionCookies } from "@/lib/attribution-cookies";
import { clientIp } from "@/lib/client-ip";
import type { SubmissionContext } from "@/lib/leads/pipeline";

/** Who is asking, for a Server Action: the client IP, user agent, attribution cookies and browser id. */
export async function formRequest(): Promise<SubmissionContext> {
  const h = await headers();
  const c = await cookies();
  return {
    ip: clientIp(h),
    userAgent: h.get("user-agent") ?? undefined,
    firstTouch: readAttributionCookies((name) => c.get(name)?.value),
  };
}
