/**
 * Instructor photos: JPEG, PNG or WebP, at most PHOTO_MAX_BYTES. The type is read from the
 * file's first bytes, never from its name or the browser's Content-Type, so a renamed HTML
 * or SVG file is refused. The bytes are stored (in the database, so every app server can
 * serve them) as uploaded, except that a JPEG's APP1 segments (EXIF and XMP: camera, time,
 * often the GPS position) are dropped; they are served with the sniffed type.
 */

export const PHOTO_MAX_BYTES = 512 * 1024;
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The image type the bytes are, by their signature; null for anything else. */
export function sniffImageType(bytes: Uint8Array): PhotoType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  // RIFF <4-byte size> WEBP VP8[ LX]
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8) && startsWith(bytes, ascii("VP8"), 12)) return "image/webp";
  return null;
}

export type PhotoUpload = { kind: "none" } | { kind: "photo"; contentType: PhotoType; bytes: Uint8Array } | { kind: "invalid"; message: string };

export const PHOTO_TYPE_MESSAGE = "Choose a JPEG, PNG or WebP image.";
export const PHOTO_SIZE_MESSAGE = `Choose an image under ${PHOTO_MAX_BYTES / 1024} KB.`;

/**
 * What the photo field of a post holds: nothing (no file chosen: an empty File, or no field),
 * a checked image, or why it was refused.
 */
export async function readPhotoUpload(value: FormDataEntryValue | null): Promise<PhotoUpload> {
  if (value === null || typeof value === "string") return { kind: "none" };
  if (value.size === 0) return { kind: "none" };
  if (value.size > PHOTO_MAX_BYTES) return { kind: "invalid", message: PHOTO_SIZE_MESSAGE };
  const bytes = new Uint8Array(await value.arrayBuffer());
  const contentType = sniffImageType(bytes);
  if (!contentType) return { kind: "invalid", message: PHOTO_TYPE_MESSAGE };
  return { kind: "photo", contentType, bytes: contentType === "image/jpeg" ? withoutJpegMetadata(bytes) : bytes };
}

/**
 * A JPEG without its APP1 segments (EXIF, XMP). Walks the marker segments up to the start of
 * the image data (SOS), which is copied as it is; anything it cannot follow is returned
 * unchanged rather than guessed at.
 */
export function withoutJpegMetadata(bytes: Uint8Array): Uint8Array {
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return bytes;
    const marker = bytes[i + 1];
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0xda) {
      kept.push(bytes.subarray(i));
      const out = new Uint8Array(kept.reduce((n, k) => n + k.length, 0));
      let at = 0;
      for (const k of kept) {
        out.set(k, at);
        at += k.length;
      }
      return out;
    }
    const end = i + 2 + ((bytes[i + 2] << 8) | bytes[i + 3]);
    if (end > bytes.length) return bytes;
    if (marker !== 0xe1) kept.push(bytes.subarray(i, end));
    i = end;
  }
  return bytes;
}

/** The public URL of a stored photo. A new upload is a new row, so the URL can be cached for ever. */
export const photoPath = (id: string) => `/photos/${id}`;

/** "Ada Lovelace" → "AL": shown in place of a photo. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((w) => [...w][0]?.toLocaleUpperCase("en-US") ?? "").join("");
}
