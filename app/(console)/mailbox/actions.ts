"use server";

import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { kickDispatcher } from "@/lib/email/app-dispatcher";
import { authorize, isDenied } from "@/lib/auth/next";
import { retryMessage } from "@/lib/email/manage";

/** Puts a failed or suppressed message back in the queue. Server Actions are public: check access here too. */
export async function retryMessageAction(formData: FormData) {
  const who = await authorize("email:retry");
  if (isDenied(who)) redirect(who.status === 401 ? "/console/sign-in?next=/mailbox" : "/mailbox?retried=0");
  const id = String(formData.get("id") ?? "").slice(0, 64);
  const back = String(formData.get("back") ?? "/mailbox");
  const ok = id ? await retryMessage(db(), id) : false;
  if (ok) kickDispatcher();
  redirect(`${back.startsWith("/mailbox") ? back : "/mailbox"}${back.includes("?") ? "&" : "?"}retried=${ok ? "1" : "0"}`);
}
