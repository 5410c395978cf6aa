"use server";

import { redirect } from "next/navigation";
import { publicAction } from "@/lib/actions/client";
import { db } from "@/lib/db";
import { UNSUBSCRIBE_TOKEN_PATTERN, unsubscribeByToken } from "@/lib/email/manage";

/** The person pressed "Unsubscribe": a POST, so link scanners in inboxes cannot do it for them. */
export const unsubscribeAction = publicAction.formAction(
  { name: "unsubscribeAction", malformed: () => redirect("/unsubscribe/invalid") },
  async ({ formData }) => {
    const token = String(formData.get("token") ?? "");
    if (!UNSUBSCRIBE_TOKEN_PATTERN.test(token)) redirect("/unsubscribe/invalid");
    const result = await unsubscribeByToken(db(), token);
    redirect(result.ok ? `/unsubscribe/${token}?done=1` : "/unsubscribe/invalid");
  },
);
