"use server";

import { db } from "@/lib/db";
import { kickDispatcher } from "@/lib/email/app-dispatcher";
import { cancelRsvp } from "@/lib/events/seats";
import { RSVP_TOKEN_PATTERN, rsvpIdFromToken } from "@/lib/events/tokens";
import { siteUrl } from "@/lib/site-config";
import { tokenLinkAction } from "../../../token-link-action";

/** The person pressed "Cancel my RSVP" on the page their email's link opened. */
export const cancelRsvpAction = tokenLinkAction("cancelRsvpAction", { pattern: RSVP_TOKEN_PATTERN, invalid: "/rsvp/manage/invalid" }, async (token) => {
  const id = rsvpIdFromToken(token);
  if (!id) return "/rsvp/manage/invalid";
  const outcome = await cancelRsvp(db(), id, siteUrl(), new Date());
  if (outcome.ok && outcome.promoted.length) kickDispatcher();
  return `/rsvp/manage/${token}?done=1`;
});
