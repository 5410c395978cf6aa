import type { Metadata } from "next";
import { db } from "@/lib/db";
import { UNSUBSCRIBE_TOKEN_PATTERN, unsubscribeScopeOf } from "@/lib/email/manage";
import { unsubscribeAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false } };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ done?: string }> };

/** "a…@example.com": enough for the person to recognise their address, not enough to leak it. */
function maskAddress(address: string): string {
  const [local, domain] = address.split("@");
  return `${local.slice(0, 1)}…@${domain ?? ""}`;
}

export default async function UnsubscribePage({ params, searchParams }: Props) {
  const { token } = await params;
  const { done } = await searchParams;
  const message = UNSUBSCRIBE_TOKEN_PATTERN.test(token)
    ? await db().emailMessage.findUnique({ where: { unsubscribeToken: token }, select: { toAddress: true, category: true } })
    : null;
  const scope = message ? unsubscribeScopeOf(message.category) : "marketing";
  const address = message?.toAddress.trim().toLowerCase();
  const alreadyOff = !address
    ? false
    : scope === "comments"
      ? Boolean((await db().contact.findUnique({ where: { email: address }, select: { commentEmailsOptOutAt: true } }))?.commentEmailsOptOutAt)
      : Boolean(await db().emailSuppression.findUnique({ where: { address }, select: { id: true } }));
  const text =
    scope === "comments"
      ? {
          ask: "Stop emails about your comments to",
          askBody: "One click and we stop emailing this address when a comment of yours is published or answered. Your comments stay on the site.",
          doneTitle: "No more emails about your comments",
          doneBody: (masked: string) =>
            `We will not email ${masked} when a comment of yours is published or answered. This does not change anything else: a newsletter you subscribed to, and replies to forms you send us, still arrive.`,
          button: "Stop these emails",
        }
      : {
          ask: "Unsubscribe",
          askBody: "One click and we stop sending marketing email and newsletters to this address. Replies to forms you send us later still arrive.",
          doneTitle: "You are unsubscribed",
          doneBody: (masked: string) =>
            `We will not send marketing email to ${masked} again, and any newsletter subscription has ended. If you send us a form later, we will still email you what you asked for, such as a copy of your application.`,
          button: "Unsubscribe",
        };

  return (
    <div className="mx-auto max-w-2xl px-4 py-20 sm:px-6">
      {!message ? (
        <>
          <h1 className="text-3xl font-bold tracking-tight">This unsubscribe link does not work</h1>
          <p className="mt-4 text-lg leading-8 text-ink/80">
            It may have been copied incompletely. Reply to any of our emails, or write to us from the{" "}
            <a className="font-semibold text-brand underline" href="/call-back">
              contact page
            </a>
            , and we will take you off our lists by hand.
          </p>
        </>
      ) : done || alreadyOff ? (
        <div role="status">
          <h1 className="text-3xl font-bold tracking-tight">{text.doneTitle}</h1>
          <p className="mt-4 text-lg leading-8 text-ink/80">{text.doneBody(maskAddress(message.toAddress))}</p>
        </div>
      ) : (
        <>
          <h1 className="text-3xl font-bold tracking-tight">
            {text.ask} {maskAddress(message.toAddress)}?
          </h1>
          <p className="mt-4 text-lg leading-8 text-ink/80">{text.askBody}</p>
          <form action={unsubscribeAction} className="mt-8">
            <input type="hidden" name="token" value={token} />
            <button type="submit" className="inline-flex min-h-12 items-center rounded-full bg-brand px-7 font-semibold text-white hover:bg-brand-strong">
              {text.button}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
