/**
 * The mailbox and outbox pages show every email the site sends, so they are not for the
 * public. Until staff sign-in exists they are on only when email goes to the local
 * mailbox (no RESEND_API_KEY: a development or demo setup) or when MAILBOX_PAGES=on.
 */
export function mailboxPagesEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.RESEND_API_KEY?.trim() || env.MAILBOX_PAGES === "on";
}
