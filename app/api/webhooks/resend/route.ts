import { db } from "@/lib/db";
import { handleResendWebhook } from "@/lib/email/webhook";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Resend's events are a few KB; anything far larger is not one of them. */
const MAX_BODY_BYTES = 256 * 1024;

/**
 * Resend delivery events (signed with Svix). All the logic is in lib/email/webhook.ts; this
 * only hands it the raw body (the signature covers the exact bytes) and the Svix headers.
 */
export async function POST(request: Request) {
  try {
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (declared > MAX_BODY_BYTES) return tooLarge();
    const raw = await request.text();
    if (Buffer.byteLength(raw, "utf8") > MAX_BODY_BYTES) return tooLarge();

    const { status, body } = await handleResendWebhook(db(), process.env.RESEND_WEBHOOK_SECRET, raw, {
      "svix-id": request.headers.get("svix-id"),
      "svix-timestamp": request.headers.get("svix-timestamp"),
      "svix-signature": request.headers.get("svix-signature"),
    });
    return Response.json(body, { status });
  } catch (error) {
    // A 5xx makes Svix retry the event later.
    console.error("Resend webhook failed:", error);
    return Response.json({ error: "Internal error while handling the webhook." }, { status: 500 });
  }
}

function tooLarge() {
  return Response.json({ error: "Body too large." }, { status: 413 });
}
