"use server";

import { redirect } from "next/navigation";
import { staffAction } from "@/app/(console)/auth";
import { createEvent, EVENT_FIELDS, markAttended, updateEvent, type EventEditOutcome } from "@/lib/console/events";
import { formValues } from "@/lib/console/programs";
import { db } from "@/lib/db";
import { kickDispatcher } from "@/lib/email/app-dispatcher";
import { siteUrl } from "@/lib/site-config";
import { consoleFormAnswers } from "../form-answers";
import { FIX_FIELDS, type ConsoleFormState } from "../programs/form-state";

/**
 * The events editor's and attendee list's Server Actions. staffAction checks the session and
 * the permission first ("content:edit" to create and edit events, "leads:work" to mark who
 * attended); lib/console/events.ts validates the post.
 */

const idOf = (formData: FormData, name: string) => {
  const v = formData.get(name);
  return typeof v === "string" && /^[a-z0-9]{1,64}$/.test(v) ? v : "";
};

function finish(outcome: EventEditOutcome, formData: FormData, saved: string): ConsoleFormState {
  if (!outcome.ok)
    return { status: "error", message: outcome.message ?? FIX_FIELDS, fieldErrors: outcome.fieldErrors, values: formValues(formData, EVENT_FIELDS) };
  redirect(`/console/events/${outcome.id}?saved=${saved}`);
}

const contentEdit = staffAction("content:edit");

export const createEventAction = contentEdit.stateAction(
  consoleFormAnswers("createEventAction", () => "/console/events/new"),
  async ({ formData }) => finish(await createEvent(db(), formData), formData, "created"),
);

export const saveEventAction = contentEdit.stateAction(
  consoleFormAnswers("saveEventAction", ({ formData }) => `/console/events/${idOf(formData, "eventId")}`),
  async ({ formData }) => {
    const outcome = await updateEvent(db(), idOf(formData, "eventId"), formData, siteUrl());
    // A larger capacity or a new time may have queued emails (promotions, reminders).
    if (outcome.ok) kickDispatcher();
    return finish(outcome, formData, "saved");
  },
);

const back = (eventId: string, q: string) => redirect(eventId ? `/console/events/${eventId}?${q}#attendees` : "/console/events");

export const markAttendedAction = staffAction("leads:work").formAction(
  {
    name: "markAttendedAction",
    malformed: () => redirect("/console/events"),
    returnTo: ({ formData }) => `/console/events/${idOf(formData, "eventId")}`,
    forbidden: ({ formData }) => back(idOf(formData, "eventId"), "attendance=forbidden"),
  },
  async ({ formData }) => {
    const result = await markAttended(db(), idOf(formData, "rsvpId"), formData.get("attended") === "yes");
    back(result.eventId ?? idOf(formData, "eventId"), `attendance=${result.ok ? "saved" : "refused"}`);
  },
);
