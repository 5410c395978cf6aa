import { db } from "@/lib/db";
import { getPhoto } from "@/lib/people/instructors";

/**
 * Instructor photos, from the database (so any app server can answer). A new upload gets a
 * new id, so a URL's bytes never change: browsers and CDNs may cache it for a year. The type
 * is the one sniffed from the bytes at upload, and nosniff stops a browser guessing another.
 */
export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const photo = await getPhoto(db(), (await params).id);
  if (!photo) return new Response("Not found", { status: 404, headers: { "Cache-Control": "public, max-age=60", "Content-Type": "text/plain" } });
  return new Response(new Uint8Array(photo.bytes), {
    headers: {
      "Content-Type": photo.contentType,
      "Content-Length": String(photo.bytes.byteLength),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
