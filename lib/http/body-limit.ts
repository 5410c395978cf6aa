/**
 * The largest request body the app accepts, in bytes: 1 MiB, the default of Next's
 * `serverActions.bodySizeLimit`. next.config.ts passes it to Next and server.ts refuses
 * larger bodies (413) before Next reads them, so both agree. No form, sign-in or webhook
 * comes near it.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

export type Refusal = { status: 403 | 411 | 413; message: string };

/**
 * Whether to refuse a request before reading its body: 413 when Content-Length is over the
 * limit, 411 when a body comes without a Content-Length (chunked), whose size would only be
 * known after reading it. Browsers always send a Content-Length for forms and fetch().
 * Node's parser has already refused malformed Content-Length values (400).
 */
export function bodyRefusal(headers: { "content-length"?: string; "transfer-encoding"?: string }, limit = MAX_BODY_BYTES): Refusal | null {
  const length = headers["content-length"];
  if (length === undefined) {
    if (headers["transfer-encoding"] !== undefined) return { status: 411, message: "A request body needs a Content-Length header.\n" };
    return null;
  }
  if (Number(length) > limit) return { status: 413, message: `The request body is too large (the limit is ${limit} bytes).\n` };
  return null;
}

/**
 * How much of a refused body is read and thrown away so the client can read the answer.
 * Closing at once would reset a connection the client is still writing to, and most
 * clients then report a broken pipe instead of the 413. Beyond this, the connection is cut.
 */
export const DRAIN_LIMIT_BYTES = 16 * MAX_BODY_BYTES;

type Req = NodeJS.ReadableStream & { headers: Record<string, string | string[] | undefined>; destroy(): void };
type Res = { writeHead(status: number, headers: Record<string, string>): unknown; end(body: string): unknown };

/**
 * Sends a refusal (a short plain-text answer, nothing logged: the input is the client's)
 * and discards the body up to DRAIN_LIMIT_BYTES. `expectingContinue`: the client is waiting
 * for "100 Continue" and has sent no body yet, so the connection is simply closed after.
 */
export function sendRefusal(req: Req, res: Res, refusal: Refusal, expectingContinue = false): void {
  const declared = Number(req.headers["content-length"] ?? 0);
  const close = expectingContinue || declared > DRAIN_LIMIT_BYTES;
  res.writeHead(refusal.status, { "content-type": "text/plain; charset=utf-8", ...(close ? { connection: "close" } : {}) });
  res.end(refusal.message);
  if (close) return;
  let read = 0;
  req.on("data", (chunk: Buffer) => {
    read += chunk.length;
    if (read > DRAIN_LIMIT_BYTES) req.destroy();
  });
  req.on("error", () => {});
  req.resume();
}
