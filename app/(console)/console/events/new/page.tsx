import type { Metadata } from "next";
import { requireStaffPage } from "@/app/(console)/auth";
import { db } from "@/lib/db";
import { EventEditor } from "../editor";

export const metadata: Metadata = { title: "New event" };

export default async function NewEventPage() {
  await requireStaffPage("content:edit", "/console/events/new");
  const programs = await db().program.findMany({ orderBy: { sortOrder: "asc" }, select: { slug: true, name: true } });
  return (
    <>
      <p>
        <a href="/console/events" className="text-sm underline">
          ← Events
        </a>
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">New event</h1>
      <EventEditor
        saved={{ timeZone: "America/Chicago", durationMinutes: "60", capacity: "30" }}
        programs={programs.map((p) => ({ value: p.slug, label: p.name }))}
      />
    </>
  );
}
