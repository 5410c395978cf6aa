"use server";

import { db } from "@/lib/db";
import { UNSUBSCRIBE_TOKEN_PATTERN, unsubscribeByToken } from "@/lib/email/manage";
import { tokenLinkAction } from "../../token-link-action";

/** The person pressed "Unsubscribe". */
export const unsubscribeAction = tokenLinkAction(
  "unsubscribeAction",
  { pattern: UNSUBSCRIBE_TOKEN_PATTERN, invalid: "/unsubscribe/invalid" },
  async (token) => {
    const result = await unsubscribeByToken(db(), token);
    return result.ok ? `/unsubscribe/${token}?done=1` : "/unsubscribe/invalid";
  },
);
