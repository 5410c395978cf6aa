/**
 * The raw-driver HTTP baseline of bench/submissions.ts: bench/baselines/raw-submit.ts (an
 * application saved with better-sqlite3 prepared statements, the same rows, emails and
 * rate-limit counters as submitLead) behind a bare node:http server. SQLite only. Not for
 * production use.
 *
 *   DATABASE_URL=file:/tmp/x.db PORT=4000 npx tsx bench/baselines/raw-submit-server.ts
 */
import { createServer } from "node:http";
import { rawEnrollSaverFromEnv } from "./raw-submit";

const port = Number(process.env.PORT ?? 4000);
const saver = rawEnrollSaverFromEnv();

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    try {
      if (req.url !== "/enroll") {
        res.writeHead(404);
        res.end("The raw baseline saves applications only: POST /enroll");
        return;
      }
      const raw: Record<string, unknown> = {};
      for (const [k, v] of new URLSearchParams(Buffer.concat(chunks).toString("utf8"))) raw[k] = k in raw ? [raw[k], v].flat() : v;
      const outcome = saver.save(raw, req.socket.remoteAddress ?? "unknown");
      res.writeHead(outcome.kind === "saved" ? 200 : 422, { "content-type": "application/json" });
      res.end(JSON.stringify(outcome));
    } catch (error) {
      res.writeHead(500);
      res.end(String(error));
    }
  });
});
server.listen(port, "127.0.0.1", () => console.log(`raw baseline listening on ${port}`));
