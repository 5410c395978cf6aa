/**
 * Runs once when a Next.js server starts: the email dispatcher starts with the app, so a
 * lead's emails go out without a separate process. Set EMAIL_DISPATCHER=off to run it only
 * as `npm run email:dispatch` (for example on a dedicated worker).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  if (process.env.EMAIL_DISPATCHER === "off") return;
  const { startAppDispatcher } = await import("./lib/email/app-dispatcher");
  startAppDispatcher();
}
