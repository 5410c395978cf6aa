/**
 * Baseline for bench/submissions.ts: a bare node:http server that saves the same
 * submission through the same code, driver and rate-limit store (submitLead on Prisma with
 * better-sqlite3 or PostgreSQL, whichever DATABASE_URL names), without Next.js. Not for
 * production use.
 *
 *   DATABASE_URL=file:/tmp/x.db PORT=4000 npx tsx bench/baseline-server.ts
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/x PORT=4000 npx tsx bench/baseline-server.ts
 */
import { createServer } from "node:http";
import { defaultDeps } from "../lib/leads/run-form-action";
import { submitLead } from "../lib/leads/pipeline";
import type { FormType } from "../lib/leads/form-types";

const deps = defaultDeps();
const port = Number(process.env.PORT ?? 4000);

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    try {
      const formType = (req.url ?? "/").slice(1) as FormType;
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const raw: Record<string, unknown> = {};
      for (const [k, v] of form) raw[k] = k in raw ? [raw[k], v].flat() : v;
      const outcome = await submitLead(deps, formType, raw, { ip: req.socket.remoteAddress ?? "unknown" });
      res.writeHead(outcome.kind === "saved" ? 200 : 422, { "content-type": "application/json" });
      res.end(JSON.stringify({ kind: outcome.kind }));
    } catch (error) {
      res.writeHead(500);
      res.end(String(error));
    }
  });
});
server.listen(port, "127.0.0.1", () => console.log(`baseline listening on ${port}`));
