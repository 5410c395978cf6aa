import type { Metadata } from "next";
import { cookies } from "next/headers";
import { FormCard, FormPage } from "@/components/forms/form-page";
import { StatusLinkForm } from "./status-link-form";
import { authSecret } from "@/lib/auth/auth";
import { db } from "@/lib/db";
import { initialFormState } from "@/lib/leads/initial-state";
import { PROOF_COOKIE, readProof } from "@/lib/ownership/proof";
import { POINTS_PER_REFERRAL } from "@/lib/referrals/points";
import { FRIEND_STATE_LABELS, referrerStatus } from "@/lib/referrals/status";
import { FormPageLayout, formLinkProps, formPageMetadata, formPagePath, type FormPageArgs } from "../../form-page";
import { siteUrl } from "@/lib/site-config";
import { forgetProofAction, requestStatusLinkAction } from "./actions";
import { RewardsSection } from "./rewards-section";

export const dynamic = "force-dynamic";

const path = formPagePath("referStatus");

export const metadata: Metadata = { ...formPageMetadata("referStatus"), robots: { index: false } };

const n = (v: number) => v.toLocaleString("en-US");

export default async function ReferralStatusPage({ searchParams }: FormPageArgs) {
  const params = await searchParams;
  const proof = readProof((await cookies()).get(PROOF_COOKIE)?.value, authSecret(), new Date());
  const status = proof ? await referrerStatus(db(), proof.contactId) : null;

  if (!status) {
    return (
      <FormPageLayout name="referStatus">
        <StatusLinkForm action={requestStatusLinkAction} initialState={initialFormState("referral")} {...formLinkProps("referStatus", params)} />
      </FormPageLayout>
    );
  }

  const link = `${siteUrl()}/r/${status.referralCode}`;
  return (
    <FormPage
      path={path}
      crumb="Your referral status"
      eyebrow="Referral points"
      title={`Your referral points${status.name ? `, ${status.name.split(" ")[0]}` : ""}`}
      intro={`You earn ${POINTS_PER_REFERRAL} points for each friend who is new to us. Points are confirmed once that friend confirms their interest from their own inbox.`}
    >
      <FormCard id="points" title="Your points">
        <dl className="grid gap-3 sm:grid-cols-2">
          <div className="rounded-xl bg-brand-soft/60 p-4">
            <dt className="text-sm font-medium text-ink/80">Confirmed: ready to spend</dt>
            <dd className="mt-1 text-3xl font-bold tracking-tight text-brand">{n(status.balance.confirmed)} points</dd>
          </div>
          <div className="rounded-xl bg-brand-soft/60 p-4">
            <dt className="text-sm font-medium text-ink/80">Pending: waiting for friends</dt>
            <dd className="mt-1 text-3xl font-bold tracking-tight text-brand">{n(status.balance.pending)} points</dd>
          </div>
        </dl>
        <p className="mt-4">
          <a className="font-semibold text-brand underline" href="/refer#spend-points">
            Spend your confirmed points
          </a>
        </p>
      </FormCard>

      <RewardsSection balance={status.balance} />

      <FormCard id="link" title="Your personal referral link">
        <label htmlFor="referral-link" className="block font-semibold">
          Share it anywhere
        </label>
        <p id="referral-link-hint" className="mt-1 text-sm leading-6 text-ink/75">
          When someone new to us comes through it and gets in touch, you earn {POINTS_PER_REFERRAL} points. Your code is{" "}
          <strong className="font-mono text-ink">{status.referralCode}</strong>.
        </p>
        <input
          id="referral-link"
          type="text"
          readOnly
          value={link}
          aria-describedby="referral-link-hint"
          className="mt-2 block min-h-12 w-full rounded-lg border border-ink/60 bg-paper px-3.5 font-mono text-base text-ink"
        />
      </FormCard>

      <FormCard id="friends" title="Your friends">
        {status.friends.length === 0 ? (
          <p>You have not referred anyone yet.</p>
        ) : (
          <ul className="divide-y divide-ink/10">
            {status.friends.map((f, i) => (
              <li key={i} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-baseline sm:justify-between">
                <span>
                  <span className="font-semibold">{f.name}</span> <span className="text-ink/75">{f.email}</span>
                </span>
                <span className="text-sm text-ink/80">{FRIEND_STATE_LABELS[f.state]}</span>
              </li>
            ))}
          </ul>
        )}
        <form action={forgetProofAction} className="mt-6">
          <button type="submit" className="min-h-11 rounded-full px-4 text-sm font-semibold text-brand underline underline-offset-2 hover:bg-brand-soft">
            Hide my details on this device
          </button>
        </form>
      </FormCard>
    </FormPage>
  );
}
