import { RedemptionForm } from "@/lib/forms/redemption/form";
import { ReferralForm } from "@/lib/forms/referral/form";
import { initialFormState } from "@/lib/leads/initial-state";
import { LIMITS } from "@/lib/forms/fields";
import { FormCard } from "@/components/forms/form-page";
import type { SearchParams } from "@/components/forms/page-data";
import { FormPageLayout, formLinkProps, formPageMetadata, type FormPageArgs } from "../form-page";
import { submitRedemption, submitReferral } from "../actions";
import { db } from "@/lib/db";
import { activeRewards, POINT_WORTH, stockLabel, type Reward } from "@/lib/referrals/catalogue";
import { RewardCatalogue } from "./reward-catalogue";

// Every rendering carries fresh submission tokens.
export const dynamic = "force-dynamic";

export const metadata = formPageMetadata("refer");

const steps = [
  {
    title: "Refer your friends",
    text: `Add up to ${LIMITS.friends} people at a time, as often as you like. You earn 100 points for each person who is new to us, with no limit.`,
  },
  {
    title: "Your points are pending",
    text: "We email each friend an invitation. Your points stay pending until that friend confirms their interest from their own inbox: through the invitation, or the email-confirmation link we send them.",
  },
  {
    title: "Spend confirmed points",
    text: `Once confirmed, points can be spent on a reward from the list below (${POINT_WORTH}). Pending points cannot be spent yet.`,
  },
];

export default async function ReferPage({ searchParams }: FormPageArgs) {
  const params = await searchParams;
  const rewards = await activeRewards(db());
  return (
    <FormPageLayout
      name="refer"
      before={
        <>
          <HowPointsWork />
          <RewardCatalogue rewards={rewards} headingId="reward-catalogue" />
        </>
      }
      after={<SpendPoints params={params} rewards={rewards} />}
    >
      <ReferralForm action={submitReferral} initialState={initialFormState("referral")} {...formLinkProps("refer", params)} />
    </FormPageLayout>
  );
}

function HowPointsWork() {
  return (
    <section aria-labelledby="how-points-work" className="rounded-2xl border border-ink/10 bg-white p-5 shadow-sm sm:p-8">
      <h2 id="how-points-work" className="text-2xl font-bold tracking-tight">
        How points work
      </h2>
      <ol className="mt-5 grid gap-4 md:grid-cols-3">
        {steps.map((s, i) => (
          <li key={s.title} className="rounded-xl bg-brand-soft/60 p-4">
            <span aria-hidden="true" className="font-mono text-sm font-semibold text-brand">
              {String(i + 1).padStart(2, "0")}
            </span>
            <h3 className="mt-1 font-semibold">{s.title}</h3>
            <p className="mt-1 text-[0.95rem] leading-6 text-ink/85">{s.text}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

function SpendPoints({ params, rewards }: { params: SearchParams; rewards: Reward[] }) {
  // Only what can be asked for now; the server checks again, and checks the points.
  const offered = rewards
    .filter((r) => r.stock === null || r.stock > 0)
    .map((r) => ({ id: r.id, name: r.name, points: r.points, description: r.description, stockLabel: stockLabel(r.stock) }));
  // The status page's "Redeem" links name a reward: it starts chosen.
  const chosen = typeof params.reward === "string" ? params.reward : undefined;
  return (
    <FormCard
      id="spend-points"
      title="Spend your points"
      description={
        <>
          Choose a reward you have enough confirmed points for. We email a link to confirm the request to that address; nothing is filed until it is used. To
          see your points first,{" "}
          <a className="font-semibold text-brand underline" href="/refer/status">
            get your referral link and points
          </a>
          .
        </>
      }
    >
      <RedemptionForm
        rewards={offered}
        action={submitRedemption}
        initialState={initialFormState("redemption", chosen && offered.some((r) => r.id === chosen) ? { reward: chosen } : undefined)}
        {...formLinkProps("refer", params, "spend-points")}
      />
    </FormCard>
  );
}
