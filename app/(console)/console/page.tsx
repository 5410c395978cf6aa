import type { Metadata } from "next";
import { requireStaffPage } from "@/lib/auth/next";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const staff = await requireStaffPage("leads:read", "/console");
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Dashboard</h1>
      <p className="mt-2 text-ink/80">Signed in as {staff.name}.</p>
    </>
  );
}
