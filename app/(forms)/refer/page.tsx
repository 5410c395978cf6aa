import type { Metadata } from "next";
import { FormCard, FormPage } from "@/components/forms/form-page";
import { attributionFrom, formPermalink, type SearchParams } from "@/components/forms/page-data";
import { RedemptionForm } from "@/lib/forms/redemption/form";
import { ReferralForm } from "@/lib/forms/referral/form";
import { initialFormState } from "@/lib/leads/initial-state";
import { LIMITS } from "@/lib/forms/fields";
import { pageMetadata } from "@/app/(forms)/page-metadata";
import { submitRedemption, submitReferral } from "../actions";

// Every rendering carries fresh submission tokens.
export const dynamic = "force-dynamic";

const path = "/refer";

export const metadata: Metadata = pageMetadata({
  title: "Refer a friend and earn points",
  description:
    "Refer friends to Loomstack Academy and earn 100 points for each new person, with no limit. Spend confirmed points toward a course, a device or an accessory.",
  path,
});

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
    text: "Once confirmed, points can be spent toward a course, a device or an accessory. Pending points cannot be spent yet.",
  },
];

export default async function ReferPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const attribution = attributionFrom(params);
  return (
    <FormPage
      path={path}
      crumb="Refer a friend"
      eyebrow="Referral points"
      title="Refer a friend, earn points"
      intro="Know someone who would thrive here? Send them an invitation. After you send the form, we email each friend once, and we email you your own referral link to share and your points."
    >
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

      <FormCard id="refer-friends" title="Refer your friends">
        <ReferralForm
          action={submitReferral}
          initialState={initialFormState("referral")}
          attribution={attribution}
          path={path}
          permalink={formPermalink(path, params, "refer-friends")}
        />
      </FormCard>

      <FormCard
        id="spend-points"
        title="Spend your points"
        description={
          <>
            Tell us what you would like and how many confirmed points to use. We email a link to confirm the request to that address;
            nothing is filed until it is used. To see your points first,{" "}
            <a className="font-semibold text-brand underline" href="/refer/status">
              get your referral link and points
            </a>
            .
          </>
        }
      >
        <RedemptionForm
          action={submitRedemption}
          initialState={initialFormState("redemption")}
          attribution={attribution}
          path={path}
          permalink={formPermalink(path, params, "spend-points")}
        />
      </FormCard>
    </FormPage>
  );
}
