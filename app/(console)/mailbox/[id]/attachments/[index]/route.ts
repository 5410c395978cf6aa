import { withPermission } from "@/app/(console)/auth";
import { db } from "@/lib/db";
import { getMessage } from "@/lib/email/manage";
import { downloadName, messageContent } from "@/lib/email/message-content";
import { siteUrl } from "@/lib/site-config";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const notFound = (error: string) => Response.json({ error }, { status: 404, headers: { "Cache-Control": "no-store" } });

/**
 * GET /mailbox/<id>/attachments/<n>: the n-th file of a message (a booking's invite), as
 * sent, or as it will be sent. Staff who may read the mailbox (`leads:read`, as its pages):
 * anonymous → 401, no permission → 403 (JSON). Always a download, never shown inline.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; index: string }> }): Promise<Response> {
  return withPermission("leads:read", async () => {
    const { id, index } = await params;
    const message = /^[A-Za-z0-9_-]{1,64}$/.test(id) && /^\d{1,2}$/.test(index) ? await getMessage(db(), id) : null;
    if (!message) return notFound("No such message.");
    const found = await messageContent(message, siteUrl());
    const file = found.ok ? found.email.attachments?.[Number(index)] : undefined;
    if (!file) return notFound("No such attachment.");
    return new Response(file.content, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${downloadName(file.filename)}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
        // Whatever a file holds, it never runs as a page of this site.
        "Content-Security-Policy": "sandbox",
      },
    });
  });
}
