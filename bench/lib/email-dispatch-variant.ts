/**
 * A dispatcher process for bench:email's comparison rows, configured like
 * `scripts/email-dispatch.ts --once` (the environment) but with one thing changed:
 *
 * - `--variant before`: the dispatcher as it was before issue 16: a compare-and-set and a
 *   transaction per message (`pipeline: "per-message"`) and React Email's own render()
 *   and toPlainText() (`renderEmailReference`).
 * - `--variant raw`: the project's claim, provider call and record, with no rendering: each
 *   template's sample, rendered once at start-up, is sent as every message of that template
 *   (the same sizes of HTML and text to send and store).
 *
 * Prints the totals as JSON on its last line, like `email:dispatch --once`.
 */
import { randomUUID } from "node:crypto";

(process.env as Record<string, string | undefined>).NODE_ENV ??= "production";

const { dispatcherOptionsFromEnv } = await import("../../lib/email/app-dispatcher");
const { drainOutbox } = await import("../../lib/email/dispatcher");
const { EMAIL_SAMPLES, renderEmail, renderEmailReference } = await import("../../lib/email/render");
const { EMAIL_TEMPLATES } = await import("../../lib/email/templates/catalog");

const variant = process.argv[process.argv.indexOf("--variant") + 1];
const options = { ...dispatcherOptionsFromEnv(), workerId: process.env.EMAIL_WORKER_ID || `bench-${process.pid}-${randomUUID().slice(0, 8)}` };

if (variant === "before") {
  options.pipeline = "per-message";
  options.render = (template, data, ctx) => renderEmailReference(template, data as never, ctx);
} else if (variant === "raw") {
  const fixed = new Map(
    await Promise.all(
      EMAIL_TEMPLATES.map(
        async (t) => [t, await renderEmail(t, EMAIL_SAMPLES[t].data as never, { ...EMAIL_SAMPLES[t].ctx, siteUrl: options.siteUrl })] as const,
      ),
    ),
  );
  options.render = async (template) => {
    const rendered = fixed.get(template);
    if (!rendered) throw new Error(`Unknown email template: ${template}`);
    return rendered;
  };
} else {
  throw new Error("--variant must be before or raw");
}

console.error(`email dispatcher ${options.workerId} (${variant}): transport ${options.transport.name}`);
const totals = await drainOutbox(options);
console.log(JSON.stringify(totals));
await options.db.$disconnect();
