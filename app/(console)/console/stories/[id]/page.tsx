import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { consoleClock } from "@/app/(console)/time-zone";
import { Breadcrumb } from "@/components/console/page-parts";
import { requireStaffPage } from "@/app/(console)/auth";
import { db } from "@/lib/db";
import type { SearchParams } from "@/lib/query-param";
import { programChoices } from "@/lib/people/console";
import { isoDay } from "@/lib/people/fields";
import { getStoryForEditing } from "@/lib/people/stories";
import { StoryForm } from "../forms";
import { SavedNotice } from "../../saved-notice";

export const metadata: Metadata = { title: "Edit a story" };

export default async function EditStoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { formatDateTime } = await consoleClock();
  const { id } = await params;
  const staff = await requireStaffPage("content:edit", `/console/stories/${encodeURIComponent(id)}`);
  const s = await getStoryForEditing(db(), id);
  if (!s) notFound();
  const consentNote =
    s.consent && s.consentRecordedAt
      ? `Recorded ${formatDateTime(s.consentRecordedAt)} by ${s.consentRecordedBy ?? "unknown"}. Untick to withdraw it (the story is taken down).`
      : `Tick only with the student's written consent on file. Saving records that ${staff.name} recorded it, and when.`;
  return (
    <>
      <Breadcrumb href="/console/stories" parent="Student stories" current={s.headline} />
      <h1 className="mt-2 text-2xl font-bold tracking-tight">{s.headline}</h1>
      <p className="mt-1 text-sm text-ink/75">Last edited {formatDateTime(s.updatedAt)}.</p>
      <SavedNotice q={await searchParams} what="Story" />
      <StoryForm
        key={s.updatedAt.toISOString()}
        storyId={s.id}
        version={s.updatedAt.toISOString()}
        programs={await programChoices(db())}
        consentNote={consentNote}
        saved={{
          studentName: s.studentName,
          programId: s.programId,
          storyDate: isoDay(s.storyDate),
          headline: s.headline,
          body: s.body,
          consent: s.consent,
          published: s.published,
        }}
      />
    </>
  );
}
