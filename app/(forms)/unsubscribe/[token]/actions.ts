"use server";

import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { UNSUBSCRIBE_TOKEN_PATTERN, unsubscribeByToken } from "@/lib/email/manage";

/** The person pressed "Unsubscribe": a POST, so link scanners in inboxes cannot do it for them. */
export async function unsubscribeAction(formData: FormData) {
  const token = String(formData.get("token") ?? "");
  if (!UNSUBSCRIBE_TOKEN_PATTERN.test(token)) redirect("/unsubscribe/invalid");
  const result = await unsubscribeByToken(db(), token);
  redirect(result.ok ? `/unsubscribe/${token}?done=1` : "/unsubscribe/invalid");
}
