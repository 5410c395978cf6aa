import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireStaffPage } from "@/app/(console)/auth";
import { db } from "@/lib/db";
import { RewardEditor } from "../editor";

export const metadata: Metadata = { title: "Reward" };

export default async function RewardPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireStaffPage("content:edit", `/console/referrals/rewards/${id}`);
  const reward = await db().reward.findUnique({ where: { id: id.slice(0, 64) } });
  if (!reward) notFound();
  return (
    <>
      <p>
        <a href="/console/referrals/rewards" className="text-sm underline">
          ← Reward catalogue
        </a>
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">{reward.name}</h1>
      <RewardEditor
        rewardId={reward.id}
        saved={{
          name: reward.name,
          description: reward.description ?? "",
          category: reward.category,
          points: String(reward.points),
          stock: reward.stock === null ? "" : String(reward.stock),
          active: reward.active ? "on" : "",
        }}
      />
    </>
  );
}
