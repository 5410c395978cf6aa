"use server";

import { redirect } from "next/navigation";
import { formDataAction } from "@/lib/action-args";
import { db } from "@/lib/db";
import { INVITE_TOKEN_PATTERN } from "@/lib/leads/codes";
import { confirmInterest } from "@/lib/referrals/confirm-interest";

/** The friend pressed "Yes, I'm interested": a POST, so link scanners in inboxes cannot do it for them. */
export const confirmInterestAction = formDataAction("confirmInterestAction", () => redirect("/invite/invalid"), async (formData) => {
  const token = String(formData.get("token") ?? "");
  if (!INVITE_TOKEN_PATTERN.test(token)) redirect("/invite/invalid");
  const result = await confirmInterest(db(), token);
  redirect(result.ok ? `/invite/${token}?confirmed=1` : "/invite/invalid");
});
