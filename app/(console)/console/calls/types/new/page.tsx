import type { Metadata } from "next";
import { requireStaffPage } from "@/app/(console)/auth";
import { BackLink } from "@/components/console/page-parts";
import { CallTypeEditor } from "../editor";

export const metadata: Metadata = { title: "New call type" };

export default async function NewCallTypePage() {
  await requireStaffPage("content:edit", "/console/calls/types/new");
  return (
    <>
      <BackLink href="/console/calls/types">← Call types</BackLink>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">New call type</h1>
      <CallTypeEditor saved={{ durationMinutes: "30", position: "10", active: "on" }} />
    </>
  );
}
