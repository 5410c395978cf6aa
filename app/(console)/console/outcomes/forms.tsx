"use client";

import { useActionState } from "react";
import { saveOutcomeReportAction } from "./actions";
import { IDLE } from "../programs/form-state";
import { boundField, Checkbox, ConsoleForm, errorFor, Select, SubmitButton, TextArea, TextInput } from "../programs/form-ui";

/** The outcomes report editor. Works without JavaScript (a plain form post). */

export type OutcomeValues = Record<
  | "programId"
  | "cohortLabel"
  | "periodStart"
  | "periodEnd"
  | "graduates"
  | "jobSeeking"
  | "hiredWithin90"
  | "hiredWithin180"
  | "salaries"
  | "excludedNote"
  | "methodology",
  string
> & { sample: boolean; published: boolean };

type Option = { value: string; label: string };

export function OutcomeReportForm({ reportId, version, saved, programs }: { reportId?: string; version?: string; saved: OutcomeValues; programs: Option[] }) {
  const [state, action, pending] = useActionState(saveOutcomeReportAction, IDLE);
  // React resets the form after each post, and a <select> goes back to the option it was
  // mounted with: remount it when a post comes back, so it keeps the value that was sent.
  const remount = (name: string) => (state.status === "error" ? `${name}:${state.values[name] ?? ""}` : name);
  const field = (name: Exclude<keyof OutcomeValues, "sample" | "published">) => boundField(state, `outcome-${name}`, name, saved[name]);
  const box = (name: "sample" | "published") => (state.status === "error" ? state.values[name] === "on" : saved[name]);
  const hidden: Record<string, string> = reportId ? { reportId, version: version ?? "" } : {};
  const count = { type: "number", inputMode: "numeric", min: 0 } as const;
  return (
    <ConsoleForm action={action} state={state} hidden={hidden} noValidate className="mt-6 space-y-5">
      <div className="grid gap-5 md:grid-cols-2">
        <Select key={remount("programId")} {...field("programId")} label="Program" options={[{ value: "", label: "Choose a program" }, ...programs]} />
        <TextInput {...field("cohortLabel")} label="Cohorts covered" hint="e.g. “Cohorts graduating January to June 2026”." />
        <TextInput {...field("periodStart")} label="Reporting period: first graduation date" type="date" />
        <TextInput {...field("periodEnd")} label="Reporting period: last graduation date" type="date" />
      </div>
      <div className="grid gap-5 md:grid-cols-4">
        <TextInput {...field("graduates")} label="Graduates" {...count} />
        <TextInput {...field("jobSeeking")} label="Job-seeking graduates" hint="Graduates minus those excluded." {...count} />
        <TextInput {...field("hiredWithin90")} label="Hired in field within 90 days" {...count} />
        <TextInput {...field("hiredWithin180")} label="Hired in field within 180 days" {...count} />
      </div>
      <TextArea
        {...field("salaries")}
        label="Reported starting salaries (US dollars a year)"
        hint="One per line, base salary only, for the graduates hired in the field who reported one. The page shows their median; rates are computed from the counts."
        optional
        rows={6}
      />
      <TextArea
        {...field("excludedNote")}
        label="Graduates not counted as job-seeking"
        hint="How many, and why (e.g. not authorized to work in the US)."
        optional
        rows={3}
      />
      <TextArea {...field("methodology")} label="Methodology" hint="How the figures were collected and counted. Blank lines separate paragraphs." rows={8} />
      <Checkbox
        id="outcome-sample"
        name="sample"
        label="Sample data (labelled “Sample data, not real results” on the page)"
        defaultChecked={box("sample")}
        error={errorFor(state, "sample")}
      />
      <Checkbox
        id="outcome-published"
        name="published"
        label="Published on /outcomes and the program page"
        defaultChecked={box("published")}
        error={errorFor(state, "published")}
      />
      <SubmitButton pending={pending}>{pending ? "Saving…" : reportId ? "Save report" : "Add report"}</SubmitButton>
    </ConsoleForm>
  );
}
