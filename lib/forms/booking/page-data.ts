import { ATTACH_REFUSALS, attachableLead } from "../../booking/attach";
import { findSlots, type SlotsFound } from "../../booking/availability";
import type { Db } from "../../db";
import { buildPicker, pickerHref, readPickerQuery, type PickerQuery, type PickerView } from "./picker";

/**
 * What /book shows, from its URL: the call types, the picker (days, times, the chosen time)
 * in the visitor's zone, and, for a "Book your call now" link, the lead it books for. A link
 * whose reference does not hold (forged, expired, already booked) gets a plain message and
 * the ordinary form; a call type that is not offered falls back to the first one.
 */

/** The zone when neither the URL nor the advisors name one. */
export const SITE_TIME_ZONE = "America/Chicago";

export type CallTypeLink = { slug: string; name: string; durationMinutes: number; href: string; current: boolean };

export type BookPage =
  | { open: false }
  | {
      open: true;
      query: PickerQuery;
      picker: PickerView;
      callType: SlotsFound["callType"];
      callTypes: CallTypeLink[];
      /** The URL named a call type that is not offered. */
      typeNotice: string | null;
      /** The booking link's lead: "Booking for <name>". */
      attached: { ref: string; name: string | null; needsEmail: boolean } | null;
      /** Why the booking link cannot be used. */
      refusal: string | null;
      programSlug: string | null;
    };

export async function loadBookPage(
  db: Db,
  a: { params: Record<string, string | string[] | undefined>; carry: Record<string, string | undefined>; now: Date; path?: string },
): Promise<BookPage> {
  const path = a.path ?? "/book";
  const query = readPickerQuery(a.params);
  let attached: Extract<BookPage, { open: true }>["attached"] = null;
  let refusal: string | null = null;
  let programSlug = query.program ?? null;
  if (query.for) {
    const verdict = await attachableLead(db, query.for, a.now);
    if (verdict.ok) {
      attached = { ref: query.for, name: verdict.lead.name, needsEmail: !verdict.lead.email };
      // The lead's own program decides the advisors (pins), whatever the URL says.
      programSlug = verdict.lead.programSlug;
    } else refusal = ATTACH_REFUSALS[verdict.reason];
  }
  const picked: PickerQuery = { ...query, program: programSlug ?? undefined, for: attached ? query.for : undefined };

  let typeNotice: string | null = null;
  let found = await findSlots(db, { callTypeSlug: picked.type, programSlug, now: a.now });
  if (!found && picked.type) {
    typeNotice = "That kind of call is not offered any more, so the times below are for the call we offer now.";
    picked.type = undefined;
    found = await findSlots(db, { programSlug, now: a.now });
  }
  if (!found) return { open: false };

  const picker = buildPicker({
    query: picked,
    slots: found.slots,
    durationMinutes: found.callType.durationMinutes,
    advisorZones: found.advisorZones,
    fallbackZone: SITE_TIME_ZONE,
    path,
    carry: a.carry,
    now: a.now,
  });
  const keep = { ...a.carry, tz: picked.tz, program: picked.program, for: picked.for };
  const callTypes = found.callTypes.map((t) => ({
    ...t,
    href: pickerHref(path, keep, { type: t.slug }, "days"),
    current: t.slug === found.callType.slug,
  }));
  return { open: true, query: picked, picker, callType: found.callType, callTypes, typeNotice, attached, refusal, programSlug };
}
