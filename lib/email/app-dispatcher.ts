import { db } from "../db";
import { digestHourFromEnv, queueTaskDigests } from "../console/task-digest";
import { staffTimeZone } from "../console/staff-time-zone";
import { releaseHeldReferralPoints } from "../referrals/release";
import { siteConfig, siteUrl } from "../site-config";
import { startDispatcher, type DispatcherOptions, type PeriodicJob, type RunningDispatcher } from "./dispatcher";
import { renderEmail } from "./render";
import { emailSettingsFromEnv } from "./transport";

/** The sender when EMAIL_FROM is not set. */
export const DEFAULT_FROM = `${siteConfig.name} <${siteConfig.contact.email}>`;

/** Dispatcher settings from the environment (see .env.example). */
export function dispatcherOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DispatcherOptions {
  const settings = emailSettingsFromEnv(env, DEFAULT_FROM, siteConfig.contact.email);
  const num = (v: string | undefined) => (v && Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : undefined);
  return {
    db: db(),
    transport: settings.transport,
    from: settings.from,
    replyTo: settings.replyTo,
    siteUrl: siteUrl(),
    render: (template, data, ctx) => renderEmail(template, data as never, ctx),
    batchSize: num(env.EMAIL_BATCH_SIZE),
    concurrency: num(env.EMAIL_CONCURRENCY),
    leaseMs: num(env.EMAIL_LEASE_MS),
    maxAttempts: num(env.EMAIL_MAX_ATTEMPTS),
    log: (message, extra) => console.error(`[email] ${message}`, extra ? JSON.stringify(extra) : ""),
  };
}

const globalForDispatcher = globalThis as unknown as { __loomstackDispatcher?: RunningDispatcher };

/** How often the dispatcher's loop confirms referral points whose holding period has passed. */
export const REFERRAL_RELEASE_EVERY_MS = 60_000;

/**
 * How often the loop looks for staff whose day's task digest is due. Every app server runs
 * it; the digest's idempotency key makes each person's digest one email a day however many do.
 */
export const TASK_DIGEST_EVERY_MS = 5 * 60_000;

/** Queues the day's task digests due at `now` (lib/console/task-digest.ts). */
export const runTaskDigests = (now: Date, env: NodeJS.ProcessEnv = process.env) =>
  queueTaskDigests(db(), { now, siteUrl: siteUrl(), timeZoneOf: staffTimeZone, hour: digestHourFromEnv(env) });

/**
 * Work that rides on the dispatcher's loop: confirming referral points after a holding
 * period, and the staff's daily task digests (TASK_DIGEST=off leaves those to `npm run tasks:digest`).
 */
export const appPeriodicJobs = (env: NodeJS.ProcessEnv = process.env): PeriodicJob[] => [
  { name: "referral points release", everyMs: REFERRAL_RELEASE_EVERY_MS, run: (now) => releaseHeldReferralPoints(db(), now) },
  ...(env.TASK_DIGEST === "off" ? [] : [{ name: "task digest", everyMs: TASK_DIGEST_EVERY_MS, run: (now: Date) => runTaskDigests(now, env) }]),
];

/** Starts this process's dispatcher once (instrumentation.ts calls it when the server starts). */
export function startAppDispatcher(env: NodeJS.ProcessEnv = process.env): RunningDispatcher {
  globalForDispatcher.__loomstackDispatcher ??= startDispatcher({
    ...dispatcherOptionsFromEnv(env),
    pollMs: Number(env.EMAIL_POLL_MS) || 2_000,
    periodic: appPeriodicJobs(env),
  });
  return globalForDispatcher.__loomstackDispatcher;
}

/** Wakes this process's dispatcher, if it runs, so a new lead's emails go out at once. */
export function kickDispatcher() {
  globalForDispatcher.__loomstackDispatcher?.kick();
}
