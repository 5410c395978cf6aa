import { isTimeZone } from "../events/time";

/**
 * The time zone a staff member's day runs in: their own (User.timeZone, when set and a
 * valid IANA zone), else UTC, the console's zone until then. Every day boundary a page
 * shows (tasks due today, overdue) and every date and time staff type are read in it.
 */
export function staffTimeZone(user: { timeZone?: string | null }): string {
  const zone = user.timeZone?.trim();
  return zone && isTimeZone(zone) ? zone : "UTC";
}
