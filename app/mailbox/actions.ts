"use server";

import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { kickDispatcher } from "@/lib/email/app-dispatcher";
import { mailboxPagesEnabled } from "@/lib/email/mailbox-access";
import { retryMessage } from "@/lib/email/manage";

/** Puts a failed or suppressed message back in the queue. Server Actions are public: check access here too. */
export async function retryMessageAction(formData: FormData) {
  if (!mailboxPagesEnabled()) redirect("/");
  const id = String(formData.get("id") ?? "").slice(0, 64);
  const back = String(formData.get("back") ?? "/mailbox");
  const ok = id ? await retryMessage(db(), id) : false;
  if (ok) kickDispatcher();
  redirect(`${back.startsWith("/mailbox") ? back : "/mailbox"}${back.includes("?") ? "&" : "?"}retried=${ok ? "1" : "0"}`);
}
