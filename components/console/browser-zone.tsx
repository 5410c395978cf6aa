"use client";

import { useEffect } from "react";
import { BROWSER_ZONE_COOKIE } from "@/lib/console/staff-time-zone";

/**
 * Tells the server the browser's time zone (a cookie), so console pages rendered on the
 * server show times in it when the profile names none. `sent` is the cookie as the server
 * received it, `rendered` the zone this page was drawn in; the page loads once more only when
 * it depends on the browser's zone (`reload`) and was drawn in another.
 * A full load, not a router refresh: a soft navigation right after load can leave the first
 * render's metadata in <head> (vercel/next.js#97472).
 */
export function BrowserZone({ sent, rendered, reload }: { sent: string | null; rendered: string; reload: boolean }) {
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === sent || !/^[A-Za-z0-9_+\-/]{1,64}$/.test(zone)) return;
    document.cookie = `${BROWSER_ZONE_COOKIE}=${zone}; path=/; max-age=31536000; samesite=lax`;
    if (reload && zone !== rendered) window.location.reload();
  }, [sent, rendered, reload]);
  return null;
}
