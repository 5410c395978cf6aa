import type { Metadata } from "next";
import { currentStaff } from "@/app/(console)/auth";
import { can } from "@/lib/auth/roles";
import { SkipLink } from "@/components/site/skip-link";
import { signOutAction } from "./console/sign-in/actions";
import { cookies } from "next/headers";
import { BrowserZone } from "@/components/console/browser-zone";
import { BROWSER_ZONE_COOKIE } from "@/lib/console/staff-time-zone";
import { consoleClock } from "./time-zone";

/** Every console page is rendered per request, for the signed-in staff member (one setting for all the pages below). */
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Console", template: "%s | Loomstack console" },
  robots: { index: false, follow: false },
};

const NAV = [
  { href: "/console", label: "Dashboard" },
  { href: "/console/leads", label: "Leads" },
  { href: "/console/board", label: "Board" },
  { href: "/console/ctas", label: "CTAs" },
  { href: "/console/tasks", label: "My tasks" },
  { href: "/console/calls", label: "Calls" },
  { href: "/console/referrals", label: "Referrals" },
  { href: "/console/programs", label: "Programs" },
  { href: "/console/instructors", label: "Instructors" },
  { href: "/console/outcomes", label: "Outcomes" },
  { href: "/console/stories", label: "Stories" },
  { href: "/console/events", label: "Events" },
  { href: "/console/subscribers", label: "Subscribers" },
  { href: "/console/codes", label: "Codes" },
  { href: "/console/comments", label: "Comments" },
  { href: "/console/email-templates", label: "Email templates" },
  { href: "/mailbox", label: "Outbox" },
] as const;

const ADMIN_NAV = [
  { href: "/console/people", label: "People" },
  { href: "/console/staff", label: "Staff" },
  { href: "/console/settings", label: "Settings" },
] as const;

/**
 * The staff console's frame. It only decides what to show; every page, action and route
 * handler checks the session and role itself (layouts do not re-run on navigation).
 */
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const staff = await currentStaff();
  const clock = staff ? await consoleClock() : null;
  const sentZone = (await cookies()).get(BROWSER_ZONE_COOKIE)?.value ?? null;
  return (
    <div className="min-h-dvh bg-paper text-ink">
      <SkipLink className="focus:top-4 focus:rounded focus:bg-white" />
      <header className="border-b border-ink/10 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 sm:px-6">
          <a href="/console" className="text-lg font-bold text-brand">
            Loomstack console
          </a>
          {staff && (
            <nav aria-label="Console" className="flex flex-wrap gap-x-5 gap-y-2 text-sm font-medium">
              {[...NAV, ...(can(staff.role, "staff:manage") ? ADMIN_NAV : [])].map((item) => (
                <a key={item.href} href={item.href} className="underline-offset-4 hover:underline">
                  {item.label}
                </a>
              ))}
            </nav>
          )}
          <div className="ml-auto flex items-center gap-4 text-sm">
            {staff ? (
              <>
                <a href="/console/profile" className="underline-offset-4 hover:underline">
                  {staff.name} <span className="rounded-full bg-brand-soft px-2 py-0.5 text-xs font-semibold">{staff.role}</span>
                </a>
                <form action={signOutAction}>
                  <button type="submit" className="rounded-full px-3 py-1 font-semibold ring-1 ring-ink/30 hover:bg-ink/5">
                    Sign out
                  </button>
                </form>
              </>
            ) : (
              <a href="/" className="underline">
                Back to the site
              </a>
            )}
          </div>
        </div>
        {staff && clock && (
          <p className="mx-auto max-w-7xl px-4 pb-2 text-xs text-ink/75 sm:px-6">
            Times in {clock.label}.{" "}
            <a href="/console/profile" className="underline underline-offset-2">
              Change<span className="sr-only"> time zone</span>
            </a>
            <BrowserZone sent={sentZone} rendered={clock.timeZone} reload={clock.source !== "profile"} />
          </p>
        )}
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-8 outline-none sm:px-6">
        {children}
      </main>
    </div>
  );
}
