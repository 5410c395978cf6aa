"use client";

import { useEffect } from "react";

/**
 * With JavaScript, the booking pages show times in the browser's own zone: when the URL
 * names none, this adds the zone the browser reports (`tz`) and loads the page again with
 * it. Without JavaScript nothing happens and the page says which zone it uses.
 *
 * A full load (location.replace), not router.replace: a soft navigation this early, before
 * the head has hydrated, leaves the first render's metadata in <head> next to the new one
 * (two og:url, two descriptions; vercel/next.js#97472, seen here on Next 16.4).
 */
export function ZoneDetect({ active }: { active: boolean }) {
  useEffect(() => {
    if (!active) return;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const query = new URLSearchParams(window.location.search);
    // Once set (even to a zone the server does not know), never again: no loop.
    if (!zone || query.has("tz")) return;
    query.set("tz", zone);
    window.location.replace(`${window.location.pathname}?${query.toString()}${window.location.hash}`);
  }, [active]);
  return null;
}
