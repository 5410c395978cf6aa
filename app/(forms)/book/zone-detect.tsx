"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * With JavaScript, the booking pages show times in the browser's own zone: when the URL
 * names none, this adds the zone the browser reports (`tz`) and the page renders again with
 * it. Without JavaScript nothing happens and the page says which zone it uses.
 */
export function ZoneDetect({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const query = new URLSearchParams(window.location.search);
    // Once set (even to a zone the server does not know), never again: no loop.
    if (!zone || query.has("tz")) return;
    query.set("tz", zone);
    router.replace(`${window.location.pathname}?${query.toString()}${window.location.hash}`, { scroll: false });
  }, [active, router]);
  return null;
}
