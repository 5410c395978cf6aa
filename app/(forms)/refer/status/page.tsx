import type { Metadata } from "next";
import { cookies } from "next/headers";
import { FormCard, FormPage } from "@/components/forms/form-page";
import { StatusLinkForm } from "./status-link-form";
import { authSecret } from "@/lib/auth/auth";
import { db } from "@/lib/db";
import { initialFormState } from "@/lib/leads/initial-state";
import { PROOF_COOKIE, readProof } from "@/lib/ownership/proof";
import { POINTS_PER_REFERRAL } from "@/lib/referrals/points";
import { FRIEND_POINTS_LABELS, FRIEND_STAGE_LABELS, referrerStatus } from "@/lib/referrals/status";
import { FormPageLayout, formLinkProps, formPageMetadata, formPagePath, type FormPageArgs } from "../../form-page";
import { siteConfig, siteUrl } from "@/lib/site-config";
import { ShareLink } from "./share-link";
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
      intro={`You earn ${POINTS_PER_REFERRAL} points for each friend who is new to us. They start as pending points. ${status.confirmRule} Only confirmed points can be spent.`}
    >
      <FormCard id="points" title="Your points">
        <dl className="grid gap-3 sm:grid-cols-2">
          <div className="rounded-xl bg-brand-soft/60 p-4">
            <dt className="text-sm font-medium text-ink/80">Confirmed: ready to spend</dt>
            <dd className="mt-1 text-3xl font-bold tracking-tight text-brand">{n(status.balance.confirmed)} points</dd>
          </div>
          <div className="rounded-xl bg-brand-soft/60 p-4">
            <dt className="text-sm font-medium text-ink/80">Pending: not confirmed yet, cannot be spent</dt>
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
        <p className="mb-3 text-ink/80">When someone new to us comes through it and gets in touch, you earn {POINTS_PER_REFERRAL} pending points.</p>
        <ShareLink link={link} siteName={siteConfig.name} code={status.referralCode} />
      </FormCard>

      <FormCard id="friends" title="Your friends">
        {status.friends.length === 0 ? (
          <p>You have not referred anyone yet.</p>
        ) : (
          <ul className="divide-y divide-ink/10">
            {status.friends.map((f, i) => (
              <li key={i} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-baseline sm:justify-between" data-testid="referred-friend">
                <span>
                  <span className="font-semibold">{f.name}</span> <span className="text-ink/75">{f.email}</span>
                </span>
                <span className="text-sm text-ink/80">
                  <span className="font-semibold text-ink">{FRIEND_STAGE_LABELS[f.stage]}</span>
                  {" · "}
                  {FRIEND_POINTS_LABELS[f.points]}
                </span>
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
