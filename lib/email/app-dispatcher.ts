import { db } from "../db";
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

/** Work that rides on the dispatcher's loop: confirming referral points after a holding period. */
export const appPeriodicJobs = (): PeriodicJob[] => [
  { name: "referral points release", everyMs: REFERRAL_RELEASE_EVERY_MS, run: (now) => releaseHeldReferralPoints(db(), now) },
];

/** Starts this process's dispatcher once (instrumentation.ts calls it when the server starts). */
export function startAppDispatcher(env: NodeJS.ProcessEnv = process.env): RunningDispatcher {
  globalForDispatcher.__loomstackDispatcher ??= startDispatcher({
    ...dispatcherOptionsFromEnv(env),
    pollMs: Number(env.EMAIL_POLL_MS) || 2_000,
    periodic: appPeriodicJobs(),
  });
  return globalForDispatcher.__loomstackDispatcher;
}

/** Wakes this process's dispatcher, if it runs, so a new lead's emails go out at once. */
export function kickDispatcher() {
  globalForDispatcher.__loomstackDispatcher?.kick();
}
