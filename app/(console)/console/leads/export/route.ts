import { PassThrough, Readable } from "node:stream";
import { withPermission } from "@/app/(console)/auth";
import { parseInboxFilters } from "@/lib/console/inbox";
import { bulkIds } from "@/lib/console/bulk";
import { consoleZone } from "@/app/(console)/time-zone";
import { exportClock, readableExportCsv, readableExportFileName, writeReadableExportXlsx } from "@/lib/console/readable-export";
import { db } from "@/lib/db";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** UTF-8's byte order mark, so that spreadsheets read the file as UTF-8. */
const BOM = "\uFEFF";
const UTF8 = new TextEncoder();
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const failed = () => Response.json({ error: "The export failed. Try again." }, { status: 500, headers: { "Cache-Control": "no-store" } });

function download(body: ReadableStream<Uint8Array>, type: string, format: "csv" | "xlsx"): Response {
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${readableExportFileName(format, exportClock.now())}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/**
 * GET /console/leads/export?<the inbox's filters>[&format=xlsx], or ?id=…&id=… (the inbox's
 * selected rows, at most BULK_LIMIT): the current view as a CSV
 * (default) or Excel download (`leads:export`), with readable values, one column per answer,
 * notes and the latest status reason (lib/console/readable-export.ts). Both bodies are
 * pull-based: a slow client holds the queries back. The CSV's first batch is read before the
 * 200 is sent, so an early failure is a plain 500; a later one aborts the download rather than
 * end it as if complete. More: docs/console.md, "Export".
 */
export async function GET(request: Request): Promise<Response> {
  return withPermission("leads:export", async (staff) => {
    const params = new URL(request.url).searchParams;
    const timeZone = (await consoleZone()).timeZone;
    let filters = { ...parseInboxFilters(params, timeZone), after: undefined };
    // The inbox's bulk bar: the selected leads (`id`, repeated), whatever the view's filters;
    // its form says `selection`, so that nothing selected is refused rather than the whole view.
    if (params.has("id") || params.has("selection")) {
      const chosen = bulkIds(params.getAll("id"));
      if (!chosen.ok) return Response.json({ error: chosen.error }, { status: 400, headers: { "Cache-Control": "no-store" } });
      filters = { ids: chosen.ids, timeZone, after: undefined };
    }
    return params.get("format") === "xlsx" ? xlsx(filters, staff.id) : csv(filters, staff.id);
  });
}

async function csv(filters: ReturnType<typeof parseInboxFilters>, me: string): Promise<Response> {
  const chunks = readableExportCsv(db(), filters, { me });
  let first: string = BOM;
  try {
    for (let i = 0; i < 2; i++) {
      const next = await chunks.next();
      if (next.done) break;
      first += next.value;
    }
  } catch (error) {
    console.error("[export] CSV export failed before the response started", error);
    return failed();
  }
  let head: string | null = first;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (head !== null) {
          controller.enqueue(UTF8.encode(head));
          head = null;
          return;
        }
        try {
          const next = await chunks.next();
          if (cancelled) return;
          if (next.done) controller.close();
          else controller.enqueue(UTF8.encode(next.value));
        } catch (error) {
          if (cancelled) return;
          console.error("[export] CSV export failed mid-stream; the download is cut short", error);
          controller.error(error);
        }
      },
      async cancel() {
        cancelled = true;
        await chunks.return(undefined);
      },
    },
    new CountQueuingStrategy({ highWaterMark: 1 }),
  );
  return download(body, "text/csv; charset=utf-8", "csv");
}

function xlsx(filters: ReturnType<typeof parseInboxFilters>, me: string): Response {
  // exceljs writes the zipped workbook into `out` as rows are committed; the producer waits
  // while `out` is full, and stops when the client goes away (the stream is destroyed).
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const ready = () =>
    new Promise<void>((resolve) => {
      if (!out.writableNeedDrain || out.destroyed) return resolve();
      const done = () => {
        out.off("drain", done);
        out.off("close", done);
        resolve();
      };
      out.on("drain", done);
      out.on("close", done);
    });
  writeReadableExportXlsx(db(), filters, out, { me, shouldStop: () => out.destroyed, ready }).catch((error: unknown) => {
    if (out.destroyed) return; // the client went away: nothing to report
    console.error("[export] Excel export failed; the download is cut short", error);
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return download(Readable.toWeb(out) as ReadableStream<Uint8Array>, XLSX_TYPE, "xlsx");
}
