"use server";

import { redirect } from "next/navigation";
import { staffAction } from "@/app/(console)/auth";
import { kickDispatcher } from "@/lib/email/app-dispatcher";
import { cancelCall, markCallOutcome, rescheduleCall } from "@/lib/console/calls";
import { db } from "@/lib/db";
import { siteUrl } from "@/lib/site-config";

/**
 * The agenda's Server Actions: staffAction checks the session and "leads:work" (a call is
 * part of working a lead; every change lands on the lead's timeline) before each body runs.
 * The booking store checks the call's state; each answer is a redirect back to the agenda
 * (or the reschedule page) with what happened, so the buttons work without JavaScript.
 */

const AGENDA = "/console/calls";
/** The agenda view to go back to: only the agenda's own path and its plain query. */
const BACK = /^\/console\/calls(?:\?[A-Za-z0-9=&%_.-]{0,300})?$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

const text = (formData: FormData, name: string) => {
  const v = formData.get(name);
  return typeof v === "string" ? v : "";
};
const backOf = (formData: FormData) => {
  const back = text(formData, "back");
  return BACK.test(back) ? back : AGENDA;
};
/** The agenda view with one outcome added, scrolled to the call. */
const withOutcome = (back: string, key: "saved" | "error", value: string, bookingId: string) => {
  const url = new URL(back, "http://x");
  url.searchParams.delete("saved");
  url.searchParams.delete("error");
  url.searchParams.delete("cancel");
  url.searchParams.set(key, value);
  return `${url.pathname}?${url.searchParams.toString()}${ID.test(bookingId) ? `#call-${bookingId}` : ""}`;
};

const leadWork = staffAction("leads:work");
const answers = (name: string) => ({
  name,
  malformed: () => redirect(`${AGENDA}?error=invalid`),
  returnTo: () => AGENDA,
  forbidden: () => redirect(`${AGENDA}?error=forbidden`),
});

/** Done or no-show, from the call's start. */
export const markCallAction = leadWork.formAction(answers("markCallAction"), async ({ formData, staff }) => {
  const bookingId = text(formData, "bookingId");
  const outcome = text(formData, "outcome");
  const back = backOf(formData);
  if (!ID.test(bookingId) || (outcome !== "done" && outcome !== "no_show")) redirect(withOutcome(back, "error", "invalid", ""));
  const result = await markCallOutcome(db(), { bookingId, outcome, actorId: staff.id, now: new Date() });
  redirect(result.ok ? withOutcome(back, "saved", outcome, bookingId) : withOutcome(back, "error", result.reason, bookingId));
});

/** Cancels after the agenda's confirmation step (confirm=yes); both sides are told by email. */
export const cancelCallAction = leadWork.formAction(answers("cancelCallAction"), async ({ formData, staff }) => {
  const bookingId = text(formData, "bookingId");
  const back = backOf(formData);
  if (!ID.test(bookingId) || text(formData, "confirm") !== "yes") redirect(withOutcome(back, "error", "invalid", ""));
  const result = await cancelCall(db(), { bookingId, actorId: staff.id, now: new Date(), siteUrl: siteUrl() });
  if (result.ok && result.changed) kickDispatcher();
  redirect(result.ok ? withOutcome(back, "saved", "cancelled", bookingId) : withOutcome(back, "error", result.reason, bookingId));
});

/** Moves a call to a free start chosen on its reschedule page. */
export const rescheduleCallAction = leadWork.formAction(answers("rescheduleCallAction"), async ({ formData, staff }) => {
  const bookingId = text(formData, "bookingId");
  const startsAt = new Date(text(formData, "startsAt"));
  const back = backOf(formData);
  if (!ID.test(bookingId) || Number.isNaN(startsAt.getTime())) redirect(withOutcome(back, "error", "invalid", ""));
  const result = await rescheduleCall(db(), { bookingId, startsAt, actorId: staff.id, now: new Date(), siteUrl: siteUrl() });
  if (result.ok) {
    kickDispatcher();
    redirect(withOutcome(back, "saved", "moved", bookingId));
  }
  const day = text(formData, "day");
  const query = new URLSearchParams({ error: result.reason, ...(/^\d{4}-\d{2}-\d{2}$/.test(day) ? { day } : {}), back });
  redirect(`${AGENDA}/${bookingId}/reschedule?${query.toString()}`);
});
