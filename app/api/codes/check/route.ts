import { clientIp } from "@/lib/client-ip";
import { db } from "@/lib/db";
import { answerCodeCheck, codeCheckLimiter, type CodeCheckLimiter } from "@/lib/discounts/check-endpoint";
import { limiterStore } from "@/lib/rate-limit";

// Always answered at request time, never cached.
export const dynamic = "force-dynamic";

const globalForCodes = globalThis as unknown as { __loomstackCodeCheck?: CodeCheckLimiter };

/** /apply's "Discount or referral code", checked as the person types (lib/discounts/check-endpoint.ts). */
export async function GET(request: Request) {
  const url = new URL(request.url);
  globalForCodes.__loomstackCodeCheck ??= codeCheckLimiter(limiterStore());
  const answer = await answerCodeCheck(
    { db: db(), limiter: globalForCodes.__loomstackCodeCheck },
    { ip: clientIp(request.headers), code: url.searchParams.get("code"), program: url.searchParams.get("program") },
  );
  const extra: Record<string, string> = answer.retryAfterSeconds ? { "Retry-After": String(answer.retryAfterSeconds) } : {};
  return Response.json(answer.body, { status: answer.status, headers: { "Cache-Control": "no-store", ...extra } });
}
