import type { Metadata } from "next";
import { requireStaffPage } from "@/app/(console)/auth";
import { db } from "@/lib/db";
import { formatPoints, listRewards, POINT_WORTH, REWARD_CATEGORY_LABELS } from "@/lib/referrals/catalogue";
import { arrangeRewardAction } from "./actions";

export const metadata: Metadata = { title: "Reward catalogue" };

const SAVED: Record<string, string> = {
  created: "Reward added.",
  saved: "Reward saved.",
  up: "Reward moved up.",
  down: "Reward moved down.",
  deactivate: "Reward taken off the catalogue.",
  activate: "Reward back on the catalogue.",
};
const ERRORS: Record<string, string> = {
  invalid: "That did not work: the reward may have been changed by someone else. The list below is current.",
  forbidden: "Your role cannot edit the catalogue.",
};

const small = "rounded-full px-3 py-1 text-sm font-semibold ring-1 ring-brand text-brand disabled:opacity-40";

export default async function RewardsPage({ searchParams }: { searchParams: Promise<{ saved?: string; error?: string }> }) {
  const q = await searchParams;
  await requireStaffPage("content:edit", "/console/referrals/rewards");
  const rewards = await listRewards(db());
  const flash = q.saved ? SAVED[q.saved] : null;
  const error = q.error ? ERRORS[q.error] : null;
  return (
    <>
      <p>
        <a href="/console/referrals" className="text-sm underline">
          ← Referrals
        </a>
      </p>
      <div className="mt-2 flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-bold tracking-tight">Reward catalogue</h1>
        <a href="/console/referrals/rewards/new" className="rounded-full bg-brand px-4 py-2 text-sm font-semibold text-white">
          Add a reward
        </a>
      </div>
      <p className="mt-2 max-w-3xl text-ink/80">
        What referral points buy, in the order /refer shows them. {POINT_WORTH}. A reward taken off the catalogue stays on the requests that named it. Stock
        goes down by one with each approved request; an empty stock means no limit.
      </p>
      {flash ? (
        <p role="status" className="mt-4 rounded-xl bg-emerald-50 p-3 text-emerald-900">
          {flash}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="mt-4 rounded-xl bg-red-50 p-3 text-red-900">
          {error}
        </p>
      ) : null}
      {rewards.length === 0 ? (
        <p className="mt-6">The catalogue is empty. Add a reward so referrers have something to spend points on.</p>
      ) : (
        <div className="relative mt-6 overflow-x-auto" role="region" aria-label="Rewards" tabIndex={0}>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Rewards</caption>
            <thead>
              <tr className="border-b border-ink/15">
                <th scope="col" className="py-2 pr-4">
                  Reward
                </th>
                <th scope="col" className="py-2 pr-4">
                  Category
                </th>
                <th scope="col" className="py-2 pr-4">
                  Price
                </th>
                <th scope="col" className="py-2 pr-4">
                  Stock
                </th>
                <th scope="col" className="py-2 pr-4">
                  State
                </th>
                <th scope="col" className="py-2">
                  Actions
                </th>
              </tr>
            </thead>
            <tbody>
              {rewards.map((r, i) => (
                <tr key={r.id} id={`reward-${r.id}`} className="border-b border-ink/10 align-top">
                  <th scope="row" className="py-2 pr-4 font-semibold">
                    <a href={`/console/referrals/rewards/${r.id}`} className="underline">
                      {r.name}
                    </a>
                  </th>
                  <td className="py-2 pr-4">{REWARD_CATEGORY_LABELS[r.category]}</td>
                  <td className="py-2 pr-4">{formatPoints(r.points)}</td>
                  <td className="py-2 pr-4">{r.stock === null ? "No limit" : r.stock.toLocaleString("en-US")}</td>
                  <td className="py-2 pr-4">{r.active ? "On offer" : "Off the catalogue"}</td>
                  <td className="py-2">
                    <form action={arrangeRewardAction} className="flex flex-wrap gap-2">
                      <input type="hidden" name="rewardId" value={r.id} />
                      <button type="submit" name="op" value="up" className={small} disabled={i === 0} aria-label={`Move ${r.name} up`}>
                        Up
                      </button>
                      <button type="submit" name="op" value="down" className={small} disabled={i === rewards.length - 1} aria-label={`Move ${r.name} down`}>
                        Down
                      </button>
                      <button
                        type="submit"
                        name="op"
                        value={r.active ? "deactivate" : "activate"}
                        className={small}
                        aria-label={`${r.active ? "Take off" : "Put back"}: ${r.name}`}
                      >
                        {r.active ? "Take off" : "Put back"}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
