"use server";

import { redirect } from "next/navigation";
import { formDataAction } from "@/lib/action-args";
import { db } from "@/lib/db";
import { kickDispatcher } from "@/lib/email/app-dispatcher";
import { authorize, isDenied } from "@/lib/auth/next";
import { retryMessage } from "@/lib/email/manage";

/** A call without form data (tampered): back to the mailbox, nothing retried. */
const toMailbox = () => redirect("/mailbox?retried=0");

/** Puts a failed or suppressed message back in the queue. Server Actions are public: check access here too. */
export const retryMessageAction = formDataAction("retryMessageAction", toMailbox, async (formData) => {
  const who = await authorize("email:retry");
  if (isDenied(who)) redirect(who.status === 401 ? "/console/sign-in?next=/mailbox" : "/mailbox?retried=0");
  const id = String(formData.get("id") ?? "").slice(0, 64);
  const back = String(formData.get("back") ?? "/mailbox");
  const ok = id ? await retryMessage(db(), id) : false;
  if (ok) kickDispatcher();
  redirect(`${back.startsWith("/mailbox") ? back : "/mailbox"}${back.includes("?") ? "&" : "?"}retried=${ok ? "1" : "0"}`);
});
