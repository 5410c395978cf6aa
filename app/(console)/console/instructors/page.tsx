import type { Metadata } from "next";
import { When } from "@/components/console/when";
import { Badge } from "@/components/console/page-parts";
import { ConsoleTable, linkColumn } from "@/components/console/table";
import { requireStaffPage } from "@/app/(console)/auth";
import { db } from "@/lib/db";
import { listInstructorsForConsole, PERSON_KIND_LABELS, type PersonKind } from "@/lib/people/instructors";

export const metadata: Metadata = { title: "Instructors and advisors" };

type Row = Awaited<ReturnType<typeof listInstructorsForConsole>>[number];

export default async function InstructorsPage() {
  await requireStaffPage("content:edit", "/console/instructors");
  const people = await listInstructorsForConsole(db());
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Instructors and advisors</h1>
      <p className="mt-2 max-w-3xl text-ink/80">
        The people on{" "}
        <a href="/about" className="text-brand underline">
          /about
        </a>
        . Instructors also appear on the pages of the programs they teach. A saved change is on the site straight away.
      </p>
      <p className="mt-4">
        <a
          href="/console/instructors/new"
          className="inline-flex min-h-11 items-center rounded-full bg-brand px-5 font-semibold text-white hover:bg-brand-strong"
        >
          Add a person
        </a>
      </p>
      <ConsoleTable
        className="mt-6"
        label="Instructors and advisors"
        rows={people}
        empty="Nobody yet."
        columns={[
          linkColumn<Row>(
            "Name",
            (p) => ({ href: `/console/instructors/${p.id}`, label: p.name }),
            (p) => <span className="block text-xs text-ink/70">{p.role}</span>,
          ),
          { header: "Shown as", cell: (p) => PERSON_KIND_LABELS[p.kind as PersonKind] ?? p.kind },
          { header: "Teaches", cell: (p) => p.programs.map((x) => x.program.name).join(", ") || "—" },
          { header: "Photo", cell: (p) => (p.photoId ? "Yes" : "Initials") },
          { header: "Position", cell: (p) => p.sortOrder },
          { header: "On the site", cell: (p) => <Badge tone={p.published ? "emerald" : "stone"}>{p.published ? "Shown" : "Hidden"}</Badge> },
          { header: "Last edited", className: "whitespace-nowrap", cell: (p) => <When at={p.updatedAt} /> },
        ]}
      />
    </>
  );
}
