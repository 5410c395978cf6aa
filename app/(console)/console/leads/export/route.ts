import { withPermission } from "@/app/(console)/auth";
import { exportFileName, exportLeadsCsvUtf8 } from "@/lib/console/export";
import { parseInboxFilters } from "@/lib/console/inbox";
import { db } from "@/lib/db";
import { resolveDatabaseUrl } from "@/lib/db/url";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** UTF-8's byte order mark, so that spreadsheets read the file as UTF-8. */
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/**
 * GET /console/leads/export?<the inbox's filters>: the current view as a CSV download
 * (`leads:export`). The body is a pull-based stream, so a slow client holds the queries back
 * and memory stays at about two batches. The first batch is read before the 200 is sent, so
 * an early failure is a plain 500; a later one aborts the download rather than end it as if
 * complete. More: docs/console.md, "CSV export".
 */
export async function GET(request: Request): Promise<Response> {
  return withPermission("leads:export", async (staff) => {
    const filters = { ...parseInboxFilters(new URL(request.url).searchParams), after: undefined };
    // The rows are read with Kysely on a connection of the export's own (several times
    // faster than through Prisma; on SQLite, SQL writes most CSV lines), already as UTF-8:
    // lib/console/export.ts.
    const url = resolveDatabaseUrl();
    const chunks = exportLeadsCsvUtf8(db(), filters, { me: staff.id, sqliteUrl: url.startsWith("file:") ? url : undefined });

    // Header line + first batch, before committing to a 200.
    const head: Uint8Array[] = [BOM];
    try {
      for (let i = 0; i < 2; i++) {
        const next = await chunks.next();
        if (next.done) break;
        head.push(next.value);
      }
    } catch (error) {
      console.error("[export] CSV export failed before the response started", error);
      return Response.json({ error: "The export failed. Try again." }, { status: 500, headers: { "Cache-Control": "no-store" } });
    }

    let first: Uint8Array | null = concatBytes(head);
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (first) {
            controller.enqueue(first);
            first = null;
            return;
          }
          try {
            const next = await chunks.next();
            if (cancelled) return; // the client left while this batch was read
            if (next.done) controller.close();
            else controller.enqueue(next.value);
          } catch (error) {
            if (cancelled) return;
            console.error("[export] CSV export failed mid-stream; the download is cut short", error);
            controller.error(error);
          }
        },
        async cancel() {
          // The client went away: stop querying.
          cancelled = true;
          await chunks.return(undefined);
        },
      },
      new CountQueuingStrategy({ highWaterMark: 1 }),
    ); // at most one batch read ahead of the client

    return new Response(body, {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${exportFileName()}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
}
