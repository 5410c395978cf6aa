import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { When } from "@/components/console/when";
import { Breadcrumb } from "@/components/console/page-parts";
import { requireStaffPage } from "@/app/(console)/auth";
import { db } from "@/lib/db";
import type { SearchParams } from "@/lib/query-param";
import { programChoices } from "@/lib/people/console";
import { getInstructorForEditing } from "@/lib/people/instructors";
import { photoPath } from "@/lib/people/photo";
import { InstructorForm } from "../forms";
import { INSTRUCTOR_EDITOR } from "../editor-props";
import { SavedNotice } from "../../saved-notice";

export const metadata: Metadata = { title: "Edit a person" };

export default async function EditInstructorPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { id } = await params;
  await requireStaffPage("content:edit", `/console/instructors/${encodeURIComponent(id)}`);
  const p = await getInstructorForEditing(db(), id);
  if (!p) notFound();
  return (
    <>
      <Breadcrumb href="/console/instructors" parent="Instructors and advisors" current={p.name} />
      <h1 className="mt-2 text-2xl font-bold tracking-tight">{p.name}</h1>
      <p className="mt-1 text-sm text-ink/75">
        Last edited <When at={p.updatedAt} />.
      </p>
      <SavedNotice q={await searchParams} what="Person" />
      <InstructorForm
        key={p.updatedAt.toISOString()}
        {...INSTRUCTOR_EDITOR}
        instructorId={p.id}
        version={p.updatedAt.toISOString()}
        programs={await programChoices(db())}
        photo={p.photoId ? { src: photoPath(p.photoId), alt: p.photoAlt ?? "" } : null}
        saved={{
          kind: p.kind,
          name: p.name,
          role: p.role,
          bio: p.bio,
          photoAlt: p.photoAlt ?? "",
          sortOrder: String(p.sortOrder),
          published: p.published,
          programIds: p.programs.map((x) => x.programId),
        }}
      />
    </>
  );
}
