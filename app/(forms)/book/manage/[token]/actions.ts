"use server";

import { redirect } from "next/navigation";
import { publicAction } from "@/lib/actions/client";
import { db } from "@/lib/db";
import { kickDispatcher } from "@/lib/email/app-dispatcher";
import { cancelFromLink, rescheduleFromLink, type ManageOutcome } from "@/lib/forms/booking/manage";
import { siteUrl } from "@/lib/site-config";

const field = (formData: FormData, name: string) => String(formData.get(name) ?? "").slice(0, 200);

function land(outcome: ManageOutcome): never {
  if (outcome.queued) kickDispatcher();
  redirect(outcome.to);
}

/** "Move my call" on the manage page: a POST with the link's token and the time chosen. */
export const rescheduleBookingAction = publicAction.formAction(
  { name: "rescheduleBookingAction", malformed: () => redirect("/book/manage/expired") },
  async ({ formData }) =>
    land(
      await rescheduleFromLink(db(), {
        token: field(formData, "token"),
        startsAt: field(formData, "startsAt"),
        timeZone: field(formData, "timeZone"),
        now: new Date(),
        siteUrl: siteUrl(),
      }),
    ),
);

/** "Yes, cancel the call" on the manage page. */
export const cancelBookingAction = publicAction.formAction(
  { name: "cancelBookingAction", malformed: () => redirect("/book/manage/expired") },
  async ({ formData }) => land(await cancelFromLink(db(), { token: field(formData, "token"), now: new Date(), siteUrl: siteUrl() })),
);
