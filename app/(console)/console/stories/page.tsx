import type { Metadata } from "next";
import { formatCalendarDate } from "@/components/console/format";
import { consoleClock } from "@/app/(console)/time-zone";
import { Badge } from "@/components/console/page-parts";
import { ConsoleTable, linkColumn } from "@/components/console/table";
import { requireStaffPage } from "@/app/(console)/auth";
import { db } from "@/lib/db";
import { listStoriesForConsole } from "@/lib/people/stories";

export const metadata: Metadata = { title: "Student stories" };

type Row = Awaited<ReturnType<typeof listStoriesForConsole>>[number];

export default async function StoriesPage() {
  const { formatDateTime } = await consoleClock();
  await requireStaffPage("content:edit", "/console/stories");
  const stories = await listStoriesForConsole(db());
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Student stories</h1>
      <p className="mt-2 max-w-3xl text-ink/80">
        Stories on{" "}
        <a href="/stories" className="text-brand underline">
          /stories
        </a>
        . A story is shown only when the student&apos;s consent is recorded and it is published. They are never marked up as reviews or given ratings.
      </p>
      <p className="mt-4">
        <a href="/console/stories/new" className="inline-flex min-h-11 items-center rounded-full bg-brand px-5 font-semibold text-white hover:bg-brand-strong">
          Add a story
        </a>
      </p>
      <ConsoleTable
        className="mt-6"
        label="Student stories"
        rows={stories}
        empty="No stories yet."
        columns={[
          linkColumn<Row>(
            "Story",
            (s) => ({ href: `/console/stories/${s.id}`, label: s.headline }),
            (s) => <span className="block text-xs text-ink/70">{s.studentName}</span>,
          ),
          { header: "Program", cell: (s) => s.program.name },
          { header: "Date", className: "whitespace-nowrap", cell: (s) => formatCalendarDate(s.storyDate) },
          {
            header: "Consent",
            cell: (s) =>
              s.consent && s.consentRecordedAt ? `Recorded ${formatDateTime(s.consentRecordedAt)} by ${s.consentRecordedBy ?? "?"}` : "Not recorded",
          },
          {
            header: "On the site",
            cell: (s) => <Badge tone={s.published && s.consent ? "emerald" : "stone"}>{s.published && s.consent ? "Published" : "Hidden"}</Badge>,
          },
        ]}
      />
    </>
  );
}
