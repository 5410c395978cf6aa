import { db } from "@/lib/db";
import { unsubscribeByToken } from "@/lib/email/manage";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` to the
 * URL in the List-Unsubscribe header. No cookies, no confirmation page.
 */
export async function POST(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const result = await unsubscribeByToken(db(), token);
  if (!result.ok) return Response.json({ error: "Unknown unsubscribe link." }, { status: 404 });
  return Response.json({ ok: true, unsubscribed: true });
}
