import { FormCard } from "@/components/forms/form-page";
import { db } from "@/lib/db";
import { activeRewards, canRedeem, POINT_WORTH } from "@/lib/referrals/catalogue";
import type { PointsBalance } from "@/lib/referrals/points";
import { RewardCatalogue } from "../reward-catalogue";

const n = (v: number) => v.toLocaleString("en-US");

/**
 * The referrer's spent and taken-back points, and the catalogue with a redeem link on each
 * reward their confirmed points cover (the request is still confirmed from their inbox).
 */
export async function RewardsSection({ balance }: { balance: PointsBalance }) {
  const rewards = await activeRewards(db());
  return (
    <>
      <FormCard id="points-history" title="Spent and reversed points">
        <dl className="grid gap-3 sm:grid-cols-2">
          <div className="rounded-xl bg-brand-soft/60 p-4">
            <dt className="text-sm font-medium text-ink/80">Redeemed: spent on rewards</dt>
            <dd className="mt-1 text-2xl font-bold tracking-tight">{n(balance.redeemed)} points</dd>
          </div>
          <div className="rounded-xl bg-brand-soft/60 p-4">
            <dt className="text-sm font-medium text-ink/80">Reversed: taken back for referrals that did not count</dt>
            <dd className="mt-1 text-2xl font-bold tracking-tight">{n(balance.reversed)} points</dd>
          </div>
        </dl>
        <p className="mt-3 text-sm text-ink/80">{POINT_WORTH}.</p>
      </FormCard>
      <RewardCatalogue
        rewards={rewards}
        headingId="your-rewards"
        title="Rewards"
        action={(r) =>
          canRedeem(r, balance.confirmed) ? (
            <a className="font-semibold text-brand underline" href={`/refer?reward=${encodeURIComponent(r.id)}#spend-points`}>
              Redeem {r.name}
            </a>
          ) : (
            <span className="text-sm text-ink/75">
              {r.stock === 0 ? "Out of stock" : `You need ${n(Math.max(0, r.points - balance.confirmed))} more confirmed points`}
            </span>
          )
        }
      />
    </>
  );
}
