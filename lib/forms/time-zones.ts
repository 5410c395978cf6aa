/**
 * The time zone list travels from the server to the form as one string, a "zone offset"
 * line per zone, rather than as label objects: the page carries it twice (in its HTML and
 * in React's payload), and the labels are cheap to build again. Browser-safe.
 */
import type { Option } from "./ui/fields";

export type PackedTimeZones = string;

/** "America/Argentina/Buenos_Aires" at "UTC−3" reads "America/Argentina/Buenos Aires (UTC−3)". */
export const timeZoneLabel = (zone: string, offset: string) => `${zone.replace(/_/g, " ")} (${offset})`;

export function packTimeZones(zones: { zone: string; offset: string }[]): PackedTimeZones {
  return zones.map(({ zone, offset }) => `${zone} ${offset}`).join("\n");
}

export function unpackTimeZones(packed: PackedTimeZones): Option[] {
  if (!packed) return [];
  return packed.split("\n").map((line) => {
    const space = line.indexOf(" ");
    const zone = line.slice(0, space);
    return { value: zone, label: timeZoneLabel(zone, line.slice(space + 1)) };
  });
}
