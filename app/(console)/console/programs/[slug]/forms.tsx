"use client";

import { useActionState, type ReactNode } from "react";
import { addCohortAction, addPaymentOptionAction, removePaymentOptionAction, saveCohortAction, savePaymentOptionAction, saveProgramAction } from "../actions";
import { IDLE, type ConsoleFormState } from "../form-state";
import { Checkbox, errorFor, FormMessage, Select, startValue, SubmitButton, TextArea, TextInput } from "../form-ui";

/**
 * The program editor's forms. Plain <form action={…}> posts, so they work without
 * JavaScript; with it, useActionState shows errors without a reload. Constants come in as
 * props (the server page reads them from lib/console/programs.ts, which is server-only).
 */

type Option = { value: string; label: string };
type Hidden = { slug: string; programId: string };

function HiddenRef({ slug, programId, extra }: Hidden & { extra?: Record<string, string> }) {
  return (
    <>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="programId" value={programId} />
      {Object.entries(extra ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
    </>
  );
}

export type ProgramValues = Record<
  "name" | "tagline" | "summary" | "format" | "schedule" | "durationWeeks" | "hoursPerWeek" | "level" | "outcomes" | "curriculum",
  string
> & { published: boolean };

export function ProgramForm({ at, version, saved, limits }: { at: Hidden; version: string; saved: ProgramValues; limits: Record<string, number> }) {
  const [state, action, pending] = useActionState(saveProgramAction, IDLE);
  const v = (name: keyof ProgramValues) => startValue(state, name, saved[name] as string);
  const e = (name: string) => errorFor(state, name);
  const published = state.status === "error" ? state.values.published === "on" : saved.published;
  return (
    <form action={action} noValidate className="mt-4 space-y-5">
      <HiddenRef {...at} extra={{ version }} />
      <FormMessage state={state} />
      <div className="grid gap-5 md:grid-cols-2">
        <TextInput id="program-name" name="name" label="Name" defaultValue={v("name")} error={e("name")} maxLength={limits.name} />
        <TextInput id="program-tagline" name="tagline" label="Tagline" defaultValue={v("tagline")} error={e("tagline")} maxLength={limits.tagline} />
      </div>
      <TextArea id="program-summary" name="summary" label="Summary" rows={3} defaultValue={v("summary")} error={e("summary")} maxLength={limits.summary} />
      <div className="grid gap-5 md:grid-cols-2">
        <TextInput
          id="program-format"
          name="format"
          label="Format"
          hint="Shown as written, e.g. “Live online”."
          defaultValue={v("format")}
          error={e("format")}
          maxLength={limits.short}
        />
        <TextInput id="program-schedule" name="schedule" label="Schedule" defaultValue={v("schedule")} error={e("schedule")} maxLength={limits.short} />
        <TextInput
          id="program-duration"
          name="durationWeeks"
          label="Duration (weeks)"
          type="number"
          inputMode="numeric"
          min={1}
          max={limits.durationWeeks}
          defaultValue={v("durationWeeks")}
          error={e("durationWeeks")}
        />
        <TextInput
          id="program-hours"
          name="hoursPerWeek"
          label="Hours per week"
          type="number"
          inputMode="numeric"
          min={1}
          max={limits.hoursPerWeek}
          defaultValue={v("hoursPerWeek")}
          error={e("hoursPerWeek")}
        />
      </div>
      <TextInput id="program-level" name="level" label="Who it suits" defaultValue={v("level")} error={e("level")} maxLength={limits.short} />
      <div className="grid gap-5 md:grid-cols-2">
        <TextArea id="program-outcomes" name="outcomes" label="Outcomes" hint="One per line." rows={7} defaultValue={v("outcomes")} error={e("outcomes")} />
        <TextArea
          id="program-curriculum"
          name="curriculum"
          label="Curriculum modules"
          hint="One per line, in teaching order."
          rows={7}
          defaultValue={v("curriculum")}
          error={e("curriculum")}
        />
      </div>
      <Checkbox
        id="program-published"
        name="published"
        label="Published on the site"
        hint="Unticked, the program's page is taken down and it leaves the lists and the forms."
        defaultChecked={published}
        error={e("published")}
      />
      <SubmitButton pending={pending}>{pending ? "Saving…" : "Save program details"}</SubmitButton>
    </form>
  );
}

/** A cohort or payment option as saved, with the version its form checks on save. */
type Part<V> = { id: string; version: string; values: V };

type StateAction = (state: ConsoleFormState, data: FormData) => Promise<ConsoleFormState>;

/**
 * A form that saves a part of the program (`part`), or adds a new one when there is none:
 * its post, and each field's starting value (what was posted, after an error) and error.
 */
function usePartForm<V extends Record<string, string>>(
  kind: string,
  part: Part<V> | undefined,
  save: StateAction,
  add: StateAction,
  defaults: Partial<V> = {},
) {
  const [state, action, pending] = useActionState(part ? save : add, IDLE);
  const v = (name: keyof V & string) => startValue(state, name, part?.values[name] ?? defaults[name] ?? "");
  const e = (name: string) => errorFor(state, name);
  /** Field ids are unique on the page: "cohort-<id>-name", "cohort-new-name". */
  const p = `${kind}-${part?.id ?? "new"}`;
  return { form: { state, action, pending }, v, e, p };
}

/** The frame of a part's form: references, outcome, a grid of fields, and "Save …" or "Add …". */
function PartForm({
  form: { state, action, pending },
  at,
  refs,
  noun,
  name,
  grid,
  children,
}: {
  form: ReturnType<typeof usePartForm>["form"];
  at: Hidden;
  /** The part's id and version, when it exists. */
  refs?: Record<string, string>;
  noun: string;
  /** The part's name, for the button's accessible name. */
  name?: string;
  grid: string;
  children: ReactNode;
}) {
  return (
    <form action={action} noValidate className="space-y-4">
      <HiddenRef {...at} extra={refs} />
      <FormMessage state={state} />
      <div className={`grid gap-4 ${grid}`}>{children}</div>
      <SubmitButton pending={pending} variant={refs ? "primary" : "secondary"}>
        {pending ? "Saving…" : refs ? `Save ${noun}` : `Add ${noun}`}
        {name && <span className="sr-only">: {name}</span>}
      </SubmitButton>
    </form>
  );
}

export type CohortValues = Record<"name" | "startDate" | "endDate" | "timeZone" | "seats" | "seatsLeft" | "status", string>;

/** Without a cohort: the "add a cohort" form (likewise for payment options). */
type CohortFormProps = { at: Hidden; cohort?: Part<CohortValues>; statusOptions: Option[]; timeZoneList: string };

export function CohortForm({ at, cohort, statusOptions, timeZoneList }: CohortFormProps) {
  const { form, v, e, p } = usePartForm("cohort", cohort, saveCohortAction, addCohortAction, { status: "open" });
  return (
    <PartForm
      form={form}
      at={at}
      refs={cohort && { cohortId: cohort.id, version: cohort.version }}
      noun="cohort"
      name={cohort?.values.name}
      grid="md:grid-cols-3"
    >
      <TextInput
        id={`${p}-name`}
        name="name"
        label="Cohort name"
        hint="e.g. “March 2027 cohort”."
        defaultValue={v("name")}
        error={e("name")}
        className="md:col-span-2"
      />
      <Select id={`${p}-status`} name="status" label="Status" options={statusOptions} defaultValue={v("status")} error={e("status")} />
      <TextInput id={`${p}-start`} name="startDate" label="Start date" type="date" defaultValue={v("startDate")} error={e("startDate")} />
      <TextInput id={`${p}-end`} name="endDate" label="End date" type="date" defaultValue={v("endDate")} error={e("endDate")} />
      <TextInput
        id={`${p}-tz`}
        name="timeZone"
        label="Time zone of the classes"
        hint="An IANA zone, e.g. America/Chicago."
        list={timeZoneList}
        autoComplete="off"
        spellCheck={false}
        defaultValue={v("timeZone")}
        error={e("timeZone")}
      />
      <TextInput id={`${p}-seats`} name="seats" label="Seats" type="number" inputMode="numeric" min={1} defaultValue={v("seats")} error={e("seats")} />
      <TextInput
        id={`${p}-left`}
        name="seatsLeft"
        label="Seats left"
        type="number"
        inputMode="numeric"
        min={0}
        defaultValue={v("seatsLeft")}
        error={e("seatsLeft")}
      />
    </PartForm>
  );
}

export type PaymentValues = Record<"kind" | "label" | "description" | "total" | "instalments", string>;

type PaymentOptionFormProps = { at: Hidden; option?: Part<PaymentValues>; kindOptions: Option[]; monthlyHint: string };

export function PaymentOptionForm({ at, option, kindOptions, monthlyHint }: PaymentOptionFormProps) {
  const { form, v, e, p } = usePartForm("payment", option, savePaymentOptionAction, addPaymentOptionAction, { kind: "upfront" });
  return (
    <PartForm
      form={form}
      at={at}
      refs={option && { optionId: option.id, version: option.version }}
      noun="payment option"
      name={option?.values.label}
      grid="md:grid-cols-2"
    >
      <Select
        id={`${p}-kind`}
        name="kind"
        label="Kind"
        hint="The programs page compares one option of each kind."
        options={kindOptions}
        defaultValue={v("kind")}
        error={e("kind")}
      />
      <TextInput id={`${p}-label`} name="label" label="Label" defaultValue={v("label")} error={e("label")} />
      <TextArea
        id={`${p}-description`}
        name="description"
        label="Description"
        rows={2}
        defaultValue={v("description")}
        error={e("description")}
        className="md:col-span-2"
      />
      <TextInput
        id={`${p}-total`}
        name="total"
        label="Total price (US dollars)"
        hint="What the student pays in all, e.g. 12500 or 12,500.00."
        inputMode="decimal"
        autoComplete="off"
        defaultValue={v("total")}
        error={e("total")}
      />
      <TextInput
        id={`${p}-instalments`}
        name="instalments"
        label="Number of monthly payments"
        hint={monthlyHint}
        optional
        type="number"
        inputMode="numeric"
        min={2}
        defaultValue={v("instalments")}
        error={e("instalments")}
      />
    </PartForm>
  );
}

export function RemovePaymentOptionForm({ at, optionId, label }: { at: Hidden; optionId: string; label: string }) {
  const [state, action, pending] = useActionState(removePaymentOptionAction, IDLE);
  return (
    <form action={action} className="mt-3">
      <HiddenRef {...at} extra={{ optionId }} />
      <FormMessage state={state} />
      <SubmitButton pending={pending} variant="danger">
        Stop offering “{label}”
      </SubmitButton>
    </form>
  );
}
