import type { Metadata } from "next";
import { Breadcrumb } from "@/components/console/page-parts";
import { requireStaffPage } from "@/app/(console)/auth";
import { db } from "@/lib/db";
import { programChoices } from "@/lib/people/console";
import { OutcomeReportForm } from "../forms";

export const metadata: Metadata = { title: "Add an outcomes report" };

export default async function NewOutcomeReportPage() {
  await requireStaffPage("content:edit", "/console/outcomes/new");
  return (
    <>
      <Breadcrumb href="/console/outcomes" parent="Outcomes reports" current="Add a report" />
      <h1 className="mt-2 text-2xl font-bold tracking-tight">Add an outcomes report</h1>
      <OutcomeReportForm
        programs={await programChoices(db())}
        saved={{
          programId: "",
          cohortLabel: "",
          periodStart: "",
          periodEnd: "",
          graduates: "",
          jobSeeking: "",
          hiredWithin90: "",
          hiredWithin180: "",
          salaries: "",
          excludedNote: "",
          methodology: "",
          sample: false,
          published: true,
        }}
      />
    </>
  );
}
