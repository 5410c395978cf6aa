import type { ReactNode } from "react";
import { formatPoints, POINT_WORTH, stockLabel, type Reward } from "@/lib/referrals/catalogue";
import { legalDocumentPath } from "@/lib/legal/registry";

/** The active rewards with their prices (the /refer page and the referrer's status page). */
export function RewardCatalogue({
  rewards,
  headingId,
  title = "What points buy",
  action,
}: {
  rewards: Reward[];
  headingId: string;
  title?: string;
  /** Something to show with each reward, such as a redeem link. */
  action?: (reward: Reward) => ReactNode;
}) {
  return (
    <section aria-labelledby={headingId} className="rounded-2xl border border-ink/10 bg-white p-5 shadow-sm sm:p-8">
      <h2 id={headingId} className="text-2xl font-bold tracking-tight">
        {title}
      </h2>
      <p className="mt-2 text-ink/85">
        {POINT_WORTH}. The full rules are in the{" "}
        <a className="font-semibold text-brand underline" href={legalDocumentPath("referral-terms")}>
          referral program terms
        </a>
        .
      </p>
      {rewards.length === 0 ? (
        <p className="mt-4 text-ink/85">There are no rewards on offer right now.</p>
      ) : (
        <ul className="mt-5 grid gap-3 md:grid-cols-3">
          {rewards.map((r) => {
            const stock = stockLabel(r.stock);
            return (
              <li key={r.id} className="flex flex-col rounded-xl bg-brand-soft/60 p-4">
                <h3 className="font-semibold">{r.name}</h3>
                <p className="mt-1 font-mono text-sm font-semibold text-brand">{formatPoints(r.points)}</p>
                {r.description ? <p className="mt-1 text-[0.95rem] leading-6 text-ink/85">{r.description}</p> : null}
                {stock ? <p className="mt-1 text-sm text-ink/75">{stock}</p> : null}
                {action ? <div className="mt-3">{action(r)}</div> : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
