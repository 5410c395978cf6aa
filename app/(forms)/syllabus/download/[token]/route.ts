import { db } from "@/lib/db";
import { absoluteUrl } from "@/lib/site-config";
import { getProgram } from "@/lib/content/programs";
import { findSyllabusLink, recordSyllabusDownload } from "@/lib/syllabus/links";
import { buildSyllabusPdf, syllabusFilename } from "@/lib/syllabus/pdf";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * GET /syllabus/download/<token>: the syllabus PDF from an emailed link, built from the
 * program as it is now. An expired or unknown link is sent (303, relative Location, as in
 * app/r/[code]) to a page that says so and offers a new request; never an error.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  const now = new Date();
  const link = await findSyllabusLink(db(), token, now);
  const program = link.ok ? await getProgram(db(), link.programSlug, now) : null;
  if (!link.ok || !program) {
    const query = link.ok || link.reason === "unknown" ? "reason=unknown" : `reason=expired&program=${encodeURIComponent(link.programSlug)}`;
    return new Response(null, { status: 303, headers: { Location: `/syllabus/link?${query}`, "Cache-Control": "no-store" } });
  }
  const pdf = await buildSyllabusPdf(program, { now, programUrl: absoluteUrl(`/programs/${program.slug}`) });
  await recordSyllabusDownload(db(), link.linkId, now);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${syllabusFilename(program)}"`,
      "Content-Length": String(pdf.length),
      // The link is personal and expires: no shared cache may keep the answer.
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
    },
  });
}
