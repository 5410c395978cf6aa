/**
 * The time zone the console shows a staff member's times in (issue 19, item 7): the zone
 * they chose on their profile; else the zone they gave as theirs when they started taking
 * calls (their hours run on it, so the agenda matches them); else the zone their browser
 * reported (a cookie the console sets, so pages rendered on the server already use it); else
 * UTC. Every value is checked against the runtime's zone list, so a
 * forged cookie can only pick another real zone for its own sender's display.
 */
import { isTimeZone } from "../events/time";

/** The cookie holding the browser's zone (`Intl.DateTimeFormat().resolvedOptions().timeZone`). */
export const BROWSER_ZONE_COOKIE = "console_tz";

export type ZoneSource = "profile" | "browser" | "advisor" | "default";
export type StaffZone = { timeZone: string; source: ZoneSource };

const valid = (zone: string | null | undefined): zone is string => typeof zone === "string" && isTimeZone(zone);

export function resolveStaffZone(input: { profile?: string | null; browser?: string | null; advisor?: string | null }): StaffZone {
  if (valid(input.profile)) return { timeZone: input.profile, source: "profile" };
  if (valid(input.advisor)) return { timeZone: input.advisor, source: "advisor" };
  if (valid(input.browser)) return { timeZone: input.browser, source: "browser" };
  return { timeZone: "UTC", source: "default" };
}

/** The zone for a staff member (profile, call hours, the browser's if known, else UTC), outside a request (the digest). */
export function staffTimeZone(user: { timeZone?: string | null; advisor?: { timeZone: string } | null }, browserZone?: string | null): string {
  return resolveStaffZone({ profile: user.timeZone, advisor: user.advisor?.timeZone, browser: browserZone }).timeZone;
}

/** What the header says about where the zone came from. */
export const ZONE_SOURCE_TEXT: Record<ZoneSource, string> = {
  profile: "set on your profile",
  browser: "your browser's zone",
  advisor: "the zone of your call hours",
  default: "no zone known yet",
};
