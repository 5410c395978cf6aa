import { Notice } from "@/components/console/page-parts";
import { db } from "@/lib/db";
import { CONFIRM_WHEN, CONFIRM_WHEN_LABELS, getReferralRules, HOLD_DAYS_MAX, HOURLY_LIMIT_MAX } from "@/lib/referrals/rules";
import { ReferralRulesForm } from "./referral-rules-form";

/** The referral programme's rules on the settings page (the page itself checks "settings:manage"). */
export async function ReferralRulesSection({ saved }: { saved: string | undefined }) {
  const rules = await getReferralRules(db());
  return (
    <section aria-labelledby="referral-rules" className="mt-10">
      <h2 id="referral-rules" className="text-xl font-semibold">
        Referral programme
      </h2>
      <p className="mt-2 max-w-3xl text-ink/80">
        A referrer earns pending points for each new friend. These rules say when those points become confirmed (spendable), and when a referral waits for
        review in{" "}
        <a className="font-semibold text-brand underline" href="/console/referrals/reviews">
          Referral reviews
        </a>
        . Referrals from the referrer&apos;s own IP address or browser, addresses like the referrer&apos;s own, and throwaway-inbox domains always wait for
        review.
      </p>
      {saved !== undefined && <Notice className="mt-4">{saved === "0" ? "Nothing changed in the referral rules." : "Saved the referral rules."}</Notice>}
      <ReferralRulesForm
        values={{ confirmWhen: rules.confirmWhen, holdDays: String(rules.holdDays), hourlyLimit: String(rules.hourlyLimit) }}
        options={CONFIRM_WHEN.map((value) => ({ value, label: CONFIRM_WHEN_LABELS[value] }))}
        holdDaysMax={HOLD_DAYS_MAX}
        hourlyLimitMax={HOURLY_LIMIT_MAX}
      />
    </section>
  );
}
