import type { Metadata } from "next";
import { Breadcrumb } from "@/components/console/page-parts";
import { requireStaffPage } from "@/app/(console)/auth";
import { db } from "@/lib/db";
import { programChoices } from "@/lib/people/console";
import { InstructorForm } from "../forms";
import { INSTRUCTOR_EDITOR } from "../editor-props";

export const metadata: Metadata = { title: "Add a person" };

export default async function NewInstructorPage() {
  await requireStaffPage("content:edit", "/console/instructors/new");
  return (
    <>
      <Breadcrumb href="/console/instructors" parent="Instructors and advisors" current="Add a person" />
      <h1 className="mt-2 text-2xl font-bold tracking-tight">Add an instructor or advisor</h1>
      <InstructorForm
        {...INSTRUCTOR_EDITOR}
        programs={await programChoices(db())}
        photo={null}
        saved={{ kind: "instructor", name: "", role: "", bio: "", photoAlt: "", sortOrder: "100", published: true, programIds: [] }}
      />
    </>
  );
}
