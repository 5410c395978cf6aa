import { slotQueryFor } from "../../booking/availability";
import { bookingByManageToken, cancelBooking, rescheduleBooking, type BookingView } from "../../booking/book";
import { freeSlots } from "../../booking/slots";
import { isTimeZone } from "../../booking/zones";
import type { Db } from "../../db";
import { buildPicker, readPickerQuery, type PickerView } from "./picker";
import { isSlotStart } from "./options";

/**
 * /book/manage/<token>, the page the booking emails link to: the call, and its reschedule
 * (the picker's day and time steps, then a POST) and cancel (a POST after a confirmation).
 * Changes are POSTs from the page, so a mail scanner that opens links changes nothing. A
 * move replaces the link (lib/booking/book.ts): the page then redirects to the new one, and
 * the old one, like any unknown link, reads "this link no longer works".
 */

export const managePath = (token: string) => `/book/manage/${token}`;

/** The reschedule picker: free times for the booking's call type and program, its own time not counted as busy, in the visitor's saved zone unless another is chosen. */
export async function reschedulePicker(
  db: Db,
  view: BookingView,
  params: Record<string, string | string[] | undefined>,
  token: string,
  now: Date,
): Promise<PickerView> {
  const query = readPickerQuery(params);
  const slotQuery = await slotQueryFor(
    db,
    { id: view.callType.id, durationMinutes: view.callType.durationMinutes },
    { programSlug: view.programSlug, now, excludeBookingId: view.id },
  );
  return buildPicker({
    query: { tz: query.tz ?? view.visitorTimeZone, day: query.day, slot: query.slot },
    slots: freeSlots(slotQuery),
    durationMinutes: view.callType.durationMinutes,
    advisorZones: [...new Set(slotQuery.advisors.map((a) => a.timeZone))].sort(),
    fallbackZone: view.visitorTimeZone,
    path: managePath(token),
    carry: { step: "reschedule" },
    now,
  });
}

/** Where a change from the manage page lands, and whether it queued emails. */
export type ManageOutcome = { to: string; queued: boolean };

const gone = { to: "/book/manage/expired", queued: false };

/**
 * "Move my call": the time chosen in the picker. A time taken meanwhile comes back to the
 * confirm step with the reason; the next free times are shown there.
 */
export async function rescheduleFromLink(db: Db, a: { token: string; startsAt: string; timeZone: string; now: Date; siteUrl: string }): Promise<ManageOutcome> {
  const view = await bookingByManageToken(db, a.token);
  if (!view) return gone;
  const tz = isTimeZone(a.timeZone) ? a.timeZone : view.visitorTimeZone;
  const back = (refused: string, slot?: string) => {
    const q = new URLSearchParams({ step: "reschedule", tz, ...(slot ? { slot } : {}), refused });
    return { to: `${managePath(a.token)}?${q}#${slot ? "confirm" : "days"}`, queued: false };
  };
  if (!isSlotStart(a.startsAt)) return back("not-offered");
  const result = await db.$transaction((tx) => rescheduleBooking(tx, { bookingId: view.id, startsAt: new Date(a.startsAt), now: a.now, siteUrl: a.siteUrl }), {
    maxWait: 15_000,
    timeout: 15_000,
  });
  if (result.ok) return { to: `${managePath(result.manageToken)}?done=rescheduled`, queued: true };
  if (result.reason === "taken" || result.reason === "not-offered") return back(result.reason, a.startsAt);
  return { to: `${managePath(a.token)}?refused=closed`, queued: false };
}

/** "Yes, cancel the call". Cancelling a cancelled call again changes nothing. */
export async function cancelFromLink(db: Db, a: { token: string; now: Date; siteUrl: string }): Promise<ManageOutcome> {
  const view = await bookingByManageToken(db, a.token);
  if (!view) return gone;
  const result = await db.$transaction((tx) => cancelBooking(tx, { bookingId: view.id, now: a.now, siteUrl: a.siteUrl }), { maxWait: 15_000, timeout: 15_000 });
  if (!result.ok) return { to: `${managePath(a.token)}?refused=closed`, queued: false };
  return { to: `${managePath(a.token)}?done=cancelled`, queued: result.changed };
}
