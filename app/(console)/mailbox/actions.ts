"use server";

import { redirect } from "next/navigation";
import { staffAction } from "@/app/(console)/auth";
import { db } from "@/lib/db";
import { kickDispatcher } from "@/lib/email/app-dispatcher";
import { retryMessage } from "@/lib/email/manage";

/** Back to the mailbox with nothing retried: a call without form data (tampered), or no permission. */
const nothingRetried = () => redirect("/mailbox?retried=0");

/** Puts a failed or suppressed message back in the queue ("email:retry", checked by staffAction). */
export const retryMessageAction = staffAction("email:retry").formAction(
  { name: "retryMessageAction", malformed: nothingRetried, returnTo: () => "/mailbox", forbidden: nothingRetried },
  async ({ formData }) => {
    const id = String(formData.get("id") ?? "").slice(0, 64);
    const back = String(formData.get("back") ?? "/mailbox");
    const ok = id ? await retryMessage(db(), id) : false;
    if (ok) kickDispatcher();
    redirect(`${back.startsWith("/mailbox") ? back : "/mailbox"}${back.includes("?") ? "&" : "?"}retried=${ok ? "1" : "0"}`);
  },
);
