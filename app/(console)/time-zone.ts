/**
 * The signed-in staff member's time zone for this request (issue 19, item 7), and the
 * console's date formatting in it. Pages call `await consoleClock()` once; React's `cache`
 * makes the lookup happen once per request however many components ask.
 */
import { cookies } from "next/headers";
import { cache } from "react";
import { consoleFormat, type ConsoleFormat } from "@/components/console/format";
import { zoneLabel } from "@/lib/booking/zones";
import { db } from "@/lib/db";
import { BROWSER_ZONE_COOKIE, resolveStaffZone, type StaffZone } from "@/lib/console/staff-time-zone";
import { currentStaff } from "./auth";

export type ConsoleClock = ConsoleFormat & StaffZone & { label: string };

export const consoleZone = cache(async (): Promise<StaffZone> => {
  const browser = (await cookies()).get(BROWSER_ZONE_COOKIE)?.value;
  const staff = await currentStaff();
  if (!staff) return resolveStaffZone({ browser });
  const user = await db().user.findUnique({ where: { id: staff.id }, select: { timeZone: true, advisor: { select: { timeZone: true } } } });
  return resolveStaffZone({ profile: user?.timeZone, browser, advisor: user?.advisor?.timeZone });
});

export const consoleClock = cache(async (): Promise<ConsoleClock> => {
  const zone = await consoleZone();
  return { ...consoleFormat(zone.timeZone), ...zone, label: zoneLabel(zone.timeZone, new Date()) };
});
