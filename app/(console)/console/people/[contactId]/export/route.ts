import { withPermission } from "@/app/(console)/auth";
import { exportPerson } from "@/lib/console/privacy";
import { db } from "@/lib/db";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * GET /console/people/<contactId>/export: everything stored about one person as a JSON
 * download (for an access request). Admins only (`privacy:manage`): anonymous → 401,
 * staff → 403 (JSON). Never cached: it is personal data.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ contactId: string }> }): Promise<Response> {
  return withPermission("privacy:manage", async () => {
    const { contactId } = await params;
    const data = /^[A-Za-z0-9_-]{1,64}$/.test(contactId) ? await exportPerson(db(), contactId) : null;
    if (!data) return Response.json({ error: "No such person." }, { status: 404, headers: { "Cache-Control": "no-store" } });
    const day = data.exportedAt.slice(0, 10);
    return new Response(`${JSON.stringify(data, null, 2)}\n`, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="person-${contactId}-${day}.json"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
}
