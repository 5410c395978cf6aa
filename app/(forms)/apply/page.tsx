import type { Metadata } from "next";
import { EnrollForm } from "@/lib/forms/enroll/form";
import { FormCard, FormPage } from "@/components/forms/form-page";
import { attributionFrom, formPermalink, programChoices, queryParam, type SearchParams } from "@/components/forms/page-data";
import { listProgramsForForms } from "@/lib/content/programs";
import { db } from "@/lib/db";
import { initialFormState } from "@/lib/leads/initial-state";
import { pageMetadata } from "@/app/(forms)/page-metadata";
import { submitEnroll } from "../actions";

// Every rendering carries a fresh submission token.
export const dynamic = "force-dynamic";

const path = "/apply";

export const metadata: Metadata = pageMetadata({
  title: "Apply for a bootcamp cohort",
  description:
    "Apply for the next cohort of a Loomstack Academy bootcamp: choose your program, start date and way of paying. An admissions adviser replies with the next steps.",
  path,
});

export default async function ApplyPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const programs = programChoices(await listProgramsForForms(db()));

  // ?program=<slug>&cohort=<id>, from the program pages' "Apply" links. A cohort alone is
  // enough to find its program; values that match nothing are dropped.
  const cohortParam = queryParam(params, "cohort");
  const program =
    programs.find((p) => p.slug === queryParam(params, "program")) ??
    programs.find((p) => p.cohorts.some((c) => c.value === cohortParam));
  const cohort = program?.cohorts.find((c) => c.value === cohortParam)?.value;

  return (
    <FormPage
      path={path}
      crumb="Apply"
      eyebrow="Enrollment"
      title="Apply for a cohort"
      intro="Tell us which program and start date you want and a little about yourself. It takes about three minutes. After you send it, we email you a copy and an admissions adviser gets in touch to talk through the next steps; nothing is charged at this stage."
    >
      <FormCard id="application" title="Your application">
        <EnrollForm
          action={submitEnroll}
          initialState={initialFormState("enroll", { program: program?.slug, cohort })}
          programs={programs}
          attribution={attributionFrom(params)}
          path={path}
          permalink={formPermalink(path, params, "application")}
        />
      </FormCard>
    </FormPage>
  );
}
