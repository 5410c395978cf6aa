import type { Metadata } from "next";
import { Breadcrumb } from "@/components/console/page-parts";
import { requireStaffPage } from "@/app/(console)/auth";
import { db } from "@/lib/db";
import { programChoices } from "@/lib/people/console";
import { StoryForm } from "../forms";

export const metadata: Metadata = { title: "Add a story" };

export default async function NewStoryPage() {
  const staff = await requireStaffPage("content:edit", "/console/stories/new");
  return (
    <>
      <Breadcrumb href="/console/stories" parent="Student stories" current="Add a story" />
      <h1 className="mt-2 text-2xl font-bold tracking-tight">Add a student story</h1>
      <StoryForm
        programs={await programChoices(db())}
        consentNote={`Tick only with the student's written consent on file. Saving records that ${staff.name} recorded it, and when.`}
        saved={{ studentName: "", programId: "", storyDate: "", headline: "", body: "", consent: false, published: false }}
      />
    </>
  );
}
