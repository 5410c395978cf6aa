/**
 * Queues today's task digest for every staff member whose local clock has reached
 * TASK_DIGEST_HOUR (default 7) and who has something to do (lib/console/task-digest.ts).
 * The app's dispatcher loop does the same every few minutes unless TASK_DIGEST=off; this is
 * for a cron job or a dedicated worker. Running it any number of times, from any number of
 * machines, still sends each person one digest a day. The emails go out with the outbox
 * (the app's dispatcher, or `npm run email:dispatch`).
 *
 *   npm run tasks:digest
 */
import { loadDotEnv } from "../lib/load-env";

loadDotEnv();

const { runTaskDigests } = await import("../lib/email/app-dispatcher");
const { db } = await import("../lib/db");

const run = await runTaskDigests(new Date());
console.log(JSON.stringify(run));
await db().$disconnect();
