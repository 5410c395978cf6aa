import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";

/**
 * The answer to a comment posted from a guide page without JavaScript. The guide page is
 * static, so the post goes to a route handler (app/(forms)/comment/send) that redirects to
 * /comment, where the full form shows the answer: the success panel, or the field errors
 * with everything typed kept. The answer travels in short-lived cookies, compressed and
 * sealed (AES-256-GCM with a key derived from the auth secret), because it holds what the
 * person typed, email included, and must not be readable or forgeable on the way.
 */

export const POSTED_COOKIE = "comment-posted";
export const POSTED_MAX_AGE_SECONDS = 300;
/** Cookies stay under the browsers' 4 KB each; a long comment is split across a few. */
const CHUNK = 3500;
export const MAX_CHUNKS = 6;

const keyFrom = (secret: string) => createHash("sha256").update(`loomstack:comment-posted:v1:${secret}`).digest();

/** The sealed value as cookie-sized chunks (null if it is too big even then). */
export function sealPostedState(value: unknown, secret: string): string[] | null {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(secret), iv);
  const body = Buffer.concat([cipher.update(deflateRawSync(Buffer.from(JSON.stringify(value), "utf8"))), cipher.final()]);
  const sealed = Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
  const chunks: string[] = [];
  for (let i = 0; i < sealed.length; i += CHUNK) chunks.push(sealed.slice(i, i + CHUNK));
  return chunks.length <= MAX_CHUNKS ? chunks : null;
}

/** The value back from its chunks, or null if anything is missing, altered or not ours. */
export function openPostedState(chunks: (string | undefined)[], secret: string): unknown {
  try {
    const joined = chunks.filter((c): c is string => typeof c === "string").join("");
    if (!joined || !/^[A-Za-z0-9_-]+$/.test(joined)) return null;
    const raw = Buffer.from(joined, "base64url");
    if (raw.length < 29) return null;
    const decipher = createDecipheriv("aes-256-gcm", keyFrom(secret), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
    return JSON.parse(inflateRawSync(plain, { maxOutputLength: 64_000 }).toString("utf8"));
  } catch {
    return null;
  }
}
