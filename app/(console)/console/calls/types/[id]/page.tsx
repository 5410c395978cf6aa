import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireStaffPage } from "@/app/(console)/auth";
import { BackLink } from "@/components/console/page-parts";
import { db } from "@/lib/db";
import { CallTypeEditor } from "../editor";

export const metadata: Metadata = { title: "Call type" };

export default async function CallTypePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireStaffPage("content:edit", `/console/calls/types/${encodeURIComponent(id.slice(0, 64))}`);
  const callType = await db().callType.findUnique({ where: { id: id.slice(0, 64) } });
  if (!callType) notFound();
  return (
    <>
      <BackLink href="/console/calls/types">← Call types</BackLink>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">{callType.name}</h1>
      <CallTypeEditor
        callTypeId={callType.id}
        saved={{
          name: callType.name,
          slug: callType.slug,
          description: callType.description,
          durationMinutes: String(callType.durationMinutes),
          position: String(callType.position),
          active: callType.active ? "on" : "",
        }}
      />
    </>
  );
}
