import type { Metadata } from "next";
import { db } from "@/lib/db";
import { INVITE_TOKEN_PATTERN } from "@/lib/leads/codes";
import { INVITE_CONSENT } from "@/lib/referrals/confirm-interest";
import { confirmInterestAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your invitation", robots: { index: false } };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ confirmed?: string; error?: string }> };

export default async function InvitationPage({ params, searchParams }: Props) {
  const { token } = await params;
  const { confirmed, error } = await searchParams;
  const friend = INVITE_TOKEN_PATTERN.test(token)
    ? await db().contact.findUnique({ where: { inviteToken: token }, include: { referredBy: { select: { name: true } } } })
    : null;
  const alreadyInterested = friend ? (await db().lead.count({ where: { contactId: friend.id, formType: "invite" } })) > 0 : false;

  return (
    <div className="mx-auto max-w-2xl px-4 py-20 sm:px-6">
      {!friend ? (
        <>
          <h1 className="text-3xl font-bold tracking-tight">This invitation link does not work</h1>
          <p className="mt-4 text-lg leading-8 text-ink/80">
            It may have been copied incompletely. You can still{" "}
            <a className="font-semibold text-brand underline" href="/programs">
              look around our programs
            </a>{" "}
            or{" "}
            <a className="font-semibold text-brand underline" href="/call-back">
              ask us to call you
            </a>
            .
          </p>
        </>
      ) : confirmed || alreadyInterested ? (
        <div role="status">
          <h1 className="text-3xl font-bold tracking-tight">Thanks{friend.name ? `, ${friend.name.split(" ")[0]}` : ""}!</h1>
          <p className="mt-4 text-lg leading-8 text-ink/80">
            We have noted your interest and emailed you a confirmation. An advisor will email you within two working days with details of our programs and
            upcoming cohorts; you can opt out any time.
          </p>
          <p className="mt-8 flex flex-wrap gap-3">
            <a className="inline-flex min-h-12 items-center rounded-full bg-brand px-6 font-semibold text-white" href="/programs">
              See programs and dates
            </a>
            <a className="inline-flex min-h-12 items-center rounded-full px-6 font-semibold ring-1 ring-ink/20" href="/newsletter">
              Get 20% off with the newsletter
            </a>
          </p>
        </div>
      ) : (
        <>
          <h1 className="text-3xl font-bold tracking-tight">{friend.referredBy?.name ?? "A friend"} thinks you would enjoy Loomstack Academy</h1>
          <p className="mt-4 text-lg leading-8 text-ink/80">
            We run live, mentor-led bootcamps in machine learning, software and data. If you would like to hear more, confirm below and we will send you
            details. Nothing else happens, and you can opt out at any time.
          </p>
          {error ? (
            <p role="alert" className="mt-6 rounded-xl bg-red-50 p-4 text-red-900">
              Something went wrong on our side and your answer was not saved. Please press the button again in a moment.
            </p>
          ) : null}
          <form action={confirmInterestAction} className="mt-8">
            <input type="hidden" name="token" value={token} />
            <p className="mb-4 max-w-prose text-sm leading-6 text-ink/75">{INVITE_CONSENT.text}</p>
            <button type="submit" className="inline-flex min-h-12 items-center rounded-full bg-brand px-7 font-semibold text-white hover:bg-brand-strong">
              Yes, I am interested
            </button>
          </form>
        </>
      )}
    </div>
  );
}
