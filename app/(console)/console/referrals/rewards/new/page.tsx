import type { Metadata } from "next";
import { requireStaffPage } from "@/app/(console)/auth";
import { RewardEditor } from "../editor";

export const metadata: Metadata = { title: "New reward" };

export default async function NewRewardPage() {
  await requireStaffPage("content:edit", "/console/referrals/rewards/new");
  return (
    <>
      <p>
        <a href="/console/referrals/rewards" className="text-sm underline">
          ← Reward catalogue
        </a>
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">New reward</h1>
      <RewardEditor saved={{ category: "course", active: "on" }} />
    </>
  );
}
