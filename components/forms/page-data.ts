/**
 * Server-side helpers for the form pages: query parameters, attribution, and the option
 * lists the client forms receive as plain props.
 */
import { ATTRIBUTION_PARAMS } from "@/lib/attribution";
import { REFERRAL_CODE_PATTERN, UTM_KEYS } from "@/lib/attribution-cookies";
import { clipText } from "@/lib/clip-text";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { formatCohortDate, listProgramsForForms, type ProgramView } from "@/lib/content/programs";
import { db } from "@/lib/db";
import type { Attribution } from "@/lib/forms/ui/lead-form";
import type { TimeZoneChoices } from "@/lib/forms/ui/time-zone-field";
import type { ProgramChoice } from "@/lib/forms/enroll/form";
import type { Option } from "@/lib/forms/ui/fields";
import { packTimeZones, type PackedTimeZones } from "@/lib/forms/time-zones";

// The form pages read their query through the app's one reader; re-exported for them.
export { queryParam, type SearchParams };

// The same bounds as attributionSchema in lib/leads/schemas.ts, so the hidden fields stay
// small however long the link was.
const ATTRIBUTION_LIMITS: Record<string, number> = {
  [ATTRIBUTION_PARAMS.article]: 300,
  [ATTRIBUTION_PARAMS.cta]: 100,
  ...Object.fromEntries(UTM_KEYS.map((k) => [k, 200])),
};

/** The attribution parameters present in the URL, passed to the form as hidden fields. */
export function attributionFrom(params: SearchParams): Attribution {
  const out: Attribution = {};
  for (const [key, max] of Object.entries(ATTRIBUTION_LIMITS)) {
    const value = queryParam(params, key);
    if (value) out[key] = clipText(value, max);
  }
  const ref = queryParam(params, "ref");
  if (ref && REFERRAL_CODE_PATTERN.test(ref)) out.ref = ref;
  return out;
}

export type { ProgramChoice };

/** The program a link names with ?program=<slug>, if it is one of `programs`. */
export function programFromQuery<P extends { slug: string }>(programs: P[], params: SearchParams): P | undefined {
  return programs.find((p) => p.slug === queryParam(params, "program"));
}

/** The programs a form offers, and the one its link names with ?program=<slug>, if any. */
export async function formPrograms(params: SearchParams): Promise<{ programs: ProgramView[]; linked?: ProgramView }> {
  const programs = await listProgramsForForms(db());
  return { programs, linked: programFromQuery(programs, params) };
}

/** Programs as the options of a course field. */
export function courseOptions(programs: ProgramView[]): Option[] {
  return programs.map((p) => ({ value: p.slug, label: p.name }));
}

/** Programs with their upcoming cohorts as ready-made option labels. */
export function programChoices(programs: ProgramView[]): ProgramChoice[] {
  return programs.map((p) => ({
    slug: p.slug,
    name: p.name,
    cohorts: p.upcomingCohorts.map((c) => ({
      value: c.id,
      label: `Starts ${formatCohortDate(c.startDate)} (${c.status === "waitlist" ? "waitlist" : c.seatsLeft === 1 ? "1 seat left" : `${c.seatsLeft} seats left`})`,
    })),
  }));
}

export const DEFAULT_TIME_ZONE = "America/Chicago";

let timeZoneCache: { hour: number; packed: PackedTimeZones } | undefined;

/**
 * Every IANA time zone the runtime knows with its current UTC offset, packed for the form
 * (lib/forms/time-zones.ts). Working out the offsets is slow (docs/performance.md), so the
 * list is kept for the hour (offsets change with DST).
 */
export function packedTimeZones(now = new Date()): PackedTimeZones {
  const hour = Math.floor(now.getTime() / 3_600_000);
  if (timeZoneCache?.hour === hour) return timeZoneCache.packed;
  const zones = Intl.supportedValuesOf("timeZone");
  if (!zones.includes("UTC")) zones.push("UTC");
  const packed = packTimeZones(zones.map((zone) => ({ zone, offset: utcOffset(zone, now) })));
  timeZoneCache = { hour, packed };
  return packed;
}

/** A time zone field's props: every zone, and the default the page renders with. */
export function timeZoneChoices(): TimeZoneChoices {
  return { timeZones: packedTimeZones(), defaultTimeZone: DEFAULT_TIME_ZONE };
}

function utcOffset(zone: string, now: Date): string {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "shortOffset" })
    .formatToParts(now)
    .find((p) => p.type === "timeZoneName")?.value;
  return (name ?? "GMT").replace(/^GMT$/, "GMT+0").replace("GMT", "UTC").replace("-", "−");
}

/**
 * The page's own URL (query kept, so attribution and prefill survive) with a form's card as
 * fragment: a post without JavaScript lands on that form, not at the top of the page. React
 * also keys the returned state by it, so two forms on one page need different fragments.
 */
export function formPermalink(path: string, params: SearchParams, fragment: string): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, v);
  }
  const search = query.toString();
  return `${path}${search ? `?${search}` : ""}#${fragment}`;
}
