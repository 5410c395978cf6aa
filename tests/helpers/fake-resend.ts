/**
 * A local Resend-compatible HTTP server for tests and benchmarks (POST /emails and
 * /emails/batch). It records what it accepts and honours Idempotency-Key the way Resend
 * does: the same key with the same body answers with the first email's id and sends
 * nothing new; the same key with a different body is a 409.
 *
 * It can be told to misbehave:
 * - "down":    the connection is dropped before anything is accepted;
 * - "hang":    the request is never answered (the client's timeout fires);
 * - "accept-then-drop": the email is accepted (and counted) but the response is lost,
 *              like a crash between Resend sending and the client hearing back;
 * - "429", "500": an error response, nothing accepted;
 * - "422":     a validation error, nothing accepted.
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** An attachment in Resend's API body (the SDK turns `contentType` into `content_type`). */
type ApiAttachment = { filename?: string; content_type?: string; content: string };

export type FakeMode = "ok" | "down" | "hang" | "accept-then-drop" | "429" | "500" | "422";

export type Delivery = {
  id: string;
  idempotencyKey: string | null;
  from: string;
  to: string[];
  subject: string;
  html?: string;
  text?: string;
  replyTo?: string | string[];
  headers?: Record<string, string>;
  /** As Resend gets them: content_type, and the content decoded from its base64. */
  attachments?: { filename?: string; contentType?: string; content: string }[];
  at: number;
};

export type FakeResend = {
  url: string;
  /** Every accepted email, once (an idempotent replay is not a new delivery). */
  deliveries: Delivery[];
  /** Requests received, including failed and replayed ones. */
  requests: number;
  /** Requests whose Idempotency-Key had been accepted before (answered from the record). */
  replays: number;
  mode: FakeMode;
  /** Delay before answering each request. */
  latencyMs: number;
  /** Applies `mode` to the next `n` requests only, then returns to the current mode. */
  failNext(n: number, mode: FakeMode): void;
  /** A promise that resolves once `n` requests have arrived in total. */
  waitForRequests(n: number): Promise<void>;
  close(): Promise<void>;
};

export async function startFakeResend(options: { apiKey?: string; latencyMs?: number } = {}): Promise<FakeResend> {
  const apiKey = options.apiKey ?? "re_test_key";
  const byKey = new Map<string, { hash: string; ids: string[] }>();
  const sockets = new Set<Socket>();
  const waiters: { n: number; resolve: () => void }[] = [];
  let oneOff: { n: number; mode: FakeMode } | undefined;

  const state: FakeResend = {
    url: "",
    deliveries: [],
    requests: 0,
    replays: 0,
    mode: "ok",
    latencyMs: options.latencyMs ?? 0,
    failNext(n, mode) {
      oneOff = { n, mode };
    },
    waitForRequests(n) {
      if (state.requests >= n) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, name: string, message: string) => json(res, status, { statusCode: status, name, message });

  const accept = (key: string | null, hash: string, emails: Record<string, unknown>[]): { ids: string[]; conflict: boolean } => {
    if (key) {
      const seen = byKey.get(key);
      if (seen) {
        if (seen.hash !== hash) return { ids: [], conflict: true };
        state.replays++;
        return { ids: seen.ids, conflict: false };
      }
    }
    const ids = emails.map((e) => {
      const id = randomUUID();
      state.deliveries.push({
        id,
        idempotencyKey: key,
        from: String(e.from),
        to: [e.to].flat().map(String),
        subject: String(e.subject),
        html: e.html as string | undefined,
        text: e.text as string | undefined,
        replyTo: (e.reply_to ?? e.replyTo) as string | undefined,
        headers: e.headers as Record<string, string> | undefined,
        attachments: (e.attachments as ApiAttachment[] | undefined)?.map((a) => ({
          filename: a.filename,
          contentType: a.content_type,
          content: Buffer.from(a.content, "base64").toString("utf8"),
        })),
        at: Date.now(),
      });
      return id;
    });
    if (key) byKey.set(key, { hash, ids });
    return { ids, conflict: false };
  };

  const validate = (e: Record<string, unknown>): string | null => {
    if (!e || typeof e !== "object") return "Invalid email object";
    if (typeof e.from !== "string" || !e.from) return "The `from` field is required.";
    const to = [e.to].flat();
    if (!to.length || to.some((t) => typeof t !== "string" || !t.includes("@"))) return "Invalid `to` field.";
    if (typeof e.subject !== "string" || !e.subject) return "The `subject` field is required.";
    if (typeof e.html !== "string" && typeof e.text !== "string") return "Either `html` or `text` is required.";
    if (e.attachments !== undefined) {
      if (!Array.isArray(e.attachments)) return "Invalid `attachments` field.";
      for (const a of e.attachments as ApiAttachment[]) {
        // Resend reads `content` as base64: text sent as it is would arrive garbled.
        if (typeof a?.content !== "string" || Buffer.from(a.content, "base64").toString("base64") !== a.content) return "Attachment content must be base64.";
      }
    }
    return null;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    state.requests++;
    for (const w of waiters.filter((w) => state.requests >= w.n)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
    let mode = state.mode;
    if (oneOff && oneOff.n > 0) {
      mode = oneOff.mode;
      if (--oneOff.n === 0) oneOff = undefined;
    }
    if (state.latencyMs) await new Promise((r) => setTimeout(r, state.latencyMs));

    if (mode === "down") return req.socket.destroy();
    if (mode === "hang") return; // never answered; the socket closes when the client gives up
    if (mode === "429") return error(res, 429, "rate_limit_exceeded", "Too many requests.");
    if (mode === "500") return error(res, 500, "internal_server_error", "Something went wrong.");
    if (mode === "422") return error(res, 422, "validation_error", "The `to` address is not allowed.");

    if (req.headers.authorization !== `Bearer ${apiKey}`) return error(res, 401, "missing_api_key", "Missing or wrong API key.");
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "POST" || (path !== "/emails" && path !== "/emails/batch")) return error(res, 404, "not_found", "Not found.");
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return error(res, 400, "invalid_json", "Body is not JSON.");
    }
    const emails = (path === "/emails/batch" ? body : [body]) as Record<string, unknown>[];
    if (!Array.isArray(emails) || emails.length === 0 || emails.length > 100) return error(res, 422, "validation_error", "Send 1 to 100 emails.");
    for (const e of emails) {
      const problem = validate(e);
      if (problem) return error(res, 422, "validation_error", problem);
    }
    const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
    const { ids, conflict } = accept(key, createHash("sha256").update(raw).digest("hex"), emails);
    if (conflict) return error(res, 409, "invalid_idempotent_request", "Same idempotency key used with a different payload.");
    if (mode === "accept-then-drop") return req.socket.destroy();
    return path === "/emails/batch" ? json(res, 200, { data: ids.map((id) => ({ id })) }) : json(res, 200, { id: ids[0] });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
