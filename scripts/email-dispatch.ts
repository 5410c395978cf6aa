/**
 * The email dispatcher as its own process (the app server also runs one unless
 * EMAIL_DISPATCHER=off). Safe to run several at once, on one machine or many.
 *
 *   npm run email:dispatch            # poll until stopped (Ctrl-C finishes in-flight sends)
 *   npm run email:dispatch -- --once  # send everything due, print the totals, exit
 */
import { randomUUID } from "node:crypto";
import { loadDotEnv } from "../lib/load-env";

loadDotEnv();
// React's development build renders emails about a third slower; this is a production tool.
(process.env as Record<string, string | undefined>).NODE_ENV ??= "production";

const { appPeriodicJobs, dispatcherOptionsFromEnv } = await import("../lib/email/app-dispatcher");
const { drainOutbox, startDispatcher } = await import("../lib/email/dispatcher");

const options = { ...dispatcherOptionsFromEnv(), workerId: process.env.EMAIL_WORKER_ID || `cli-${process.pid}-${randomUUID().slice(0, 8)}` };
console.error(`email dispatcher ${options.workerId}: transport ${options.transport.name}, from ${options.from}`);

if (process.argv.includes("--once")) {
  const totals = await drainOutbox(options);
  console.log(JSON.stringify(totals));
  await options.db.$disconnect();
} else {
  const running = startDispatcher({ ...options, pollMs: Number(process.env.EMAIL_POLL_MS) || 2_000, periodic: appPeriodicJobs() });
  const stop = async (signal: string) => {
    console.error(`${signal}: finishing in-flight sends`);
    await running.stop();
    await options.db.$disconnect();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}
