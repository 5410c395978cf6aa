import type { Metadata } from "next";
import { db } from "@/lib/db";
import { UNSUBSCRIBE_TOKEN_PATTERN } from "@/lib/email/manage";
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
    ? await db().emailMessage.findUnique({ where: { unsubscribeToken: token }, select: { toAddress: true } })
    : null;
  const suppressed = message ? await db().emailSuppression.findUnique({ where: { address: message.toAddress.toLowerCase() }, select: { id: true } }) : null;

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
      ) : done || suppressed ? (
        <div role="status">
          <h1 className="text-3xl font-bold tracking-tight">You are unsubscribed</h1>
          <p className="mt-4 text-lg leading-8 text-ink/80">
            We will not send marketing email to {maskAddress(message.toAddress)} again, and any newsletter subscription has ended. If you send us a form later,
            we will still email you what you asked for, such as a copy of your application.
          </p>
        </div>
      ) : (
        <>
          <h1 className="text-3xl font-bold tracking-tight">Unsubscribe {maskAddress(message.toAddress)}?</h1>
          <p className="mt-4 text-lg leading-8 text-ink/80">
            One click and we stop sending marketing email and newsletters to this address. Replies to forms you send us later still arrive.
          </p>
          <form action={unsubscribeAction} className="mt-8">
            <input type="hidden" name="token" value={token} />
            <button type="submit" className="inline-flex min-h-12 items-center rounded-full bg-brand px-7 font-semibold text-white hover:bg-brand-strong">
              Unsubscribe
            </button>
          </form>
        </>
      )}
    </div>
  );
}
