/**
 * The app's HTTP server: Next.js behind a thin front that decides what the app may trust.
 * `npm start`, `npm run dev` and `npm run site` run it (with tsx).
 *
 * Next.js gives Server Actions and route handlers no socket address, and `next start` passes
 * a client's own X-Forwarded-For through, so the client's address has to be decided here,
 * before Next sees the request (see lib/client-ip.ts and the README's security section):
 * - the client's address comes from the socket and TRUSTED_PROXY_HOPS, and is stamped in
 *   one header of ours; with 0 hops, client-sent forwarding headers are removed;
 * - bodies over the limit get 413, bodies of unknown length 411, and Server Action posts
 *   from another origin 403, without reaching Next (which would answer 500 and log a stack).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { CLIENT_IP_STAMPED_ENV, trustedProxyHops } from "./lib/client-ip";
import { crossOriginActionRefusal } from "./lib/http/action-origin";
import { bodyRefusal, sendRefusal } from "./lib/http/body-limit";
import { prepareForwardedHeaders } from "./lib/http/forwarded-headers";
import { serverOptions } from "./lib/http/server-options";
import { loadDotEnv } from "./lib/load-env";
import { publicUrlProblem, siteUrl } from "./lib/site-config";

const dir = path.dirname(fileURLToPath(import.meta.url));
loadDotEnv(path.join(dir, ".env"));

const options = serverOptions(process.argv.slice(2));
// Like `next start` / `next dev`: the mode decides NODE_ENV, not the caller's shell.
(process.env as Record<string, string>).NODE_ENV = options.dev ? "development" : "production";
// siteUrl()'s default and Next's X-Forwarded-Port follow the port actually served.
process.env.PORT = String(options.port);
const hops = trustedProxyHops();
process.env[CLIENT_IP_STAMPED_ENV] = "1";

function serve(req: IncomingMessage, res: ServerResponse) {
  prepareForwardedHeaders(req.headers, req.socket.remoteAddress, hops);
  const crossOrigin = crossOriginActionRefusal(req.method, req.url, req.headers);
  if (crossOrigin) return sendRefusal(req, res, crossOrigin);
  handle(req, res).catch((error: unknown) => {
    console.error(`request failed: ${req.method} ${req.url?.split("?")[0]}: ${error instanceof Error ? error.message : String(error)}`);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
    res.end("Something went wrong.\n");
  });
}

const server = createServer((req, res) => {
  const refusal = bodyRefusal(req.headers);
  if (refusal) return sendRefusal(req, res, refusal);
  serve(req, res);
});
// "Expect: 100-continue": refuse before the client sends the body at all.
server.on("checkContinue", (req, res) => {
  const refusal = bodyRefusal(req.headers);
  if (refusal) return sendRefusal(req, res, refusal, true);
  res.writeContinue();
  serve(req, res);
});

const app = next({ dev: options.dev, dir, hostname: options.hostname ?? "localhost", port: options.port, httpServer: server });
const handle = app.getRequestHandler();
await app.prepare();

const shown = options.hostname && options.hostname !== "0.0.0.0" && options.hostname !== "::" ? options.hostname : "localhost";
// Where this server reaches itself (the console's page revalidation), as `next start` records it.
process.env.__NEXT_PRIVATE_ORIGIN = `http://${shown.includes(":") ? `[${shown}]` : shown}:${options.port}`;

server.listen(options.port, options.hostname, () => {
  console.log(`> Loomstack Academy (${options.dev ? "development" : "production"}) on http://${shown}:${options.port}`);
  console.log(`> Public URL: ${siteUrl()}; trusted proxy hops: ${hops}${hops === 0 ? " (client addresses from the socket)" : ""}`);
  const problem = publicUrlProblem();
  if (problem) console.warn(`WARNING: ${problem}`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
    // Keep-alive connections would hold close() open; nothing here is worth waiting long for.
    setTimeout(() => process.exit(0), 3_000).unref();
  });
}
