"use client";

import { useActionState, type ReactNode } from "react";
import { addCohortAction, addPaymentOptionAction, removePaymentOptionAction, saveCohortAction, savePaymentOptionAction, saveProgramAction } from "../actions";
import { IDLE, type ConsoleFormState } from "../form-state";
import { boundField, Checkbox, ConsoleForm, errorFor, Select, SubmitButton, TextArea, TextInput } from "../form-ui";

/**
 * The program editor's forms. Plain <form action={…}> posts, so they work without
 * JavaScript; with it, useActionState shows errors without a reload. Constants come in as
 * props (the server page reads them from lib/console/programs.ts, which is server-only).
 */

type Option = { value: string; label: string };
/** The program a form edits (hidden fields of every form on the page). */
type Hidden = { slug: string; programId: string };

export type ProgramValues = Record<
  "name" | "tagline" | "summary" | "format" | "schedule" | "durationWeeks" | "hoursPerWeek" | "level" | "outcomes" | "curriculum",
  string
> & { published: boolean };

export function ProgramForm({ at, version, saved, limits }: { at: Hidden; version: string; saved: ProgramValues; limits: Record<string, number> }) {
  const [state, action, pending] = useActionState(saveProgramAction, IDLE);
  /** A program field, with the id "program-<id>". */
  const field = (name: Exclude<keyof ProgramValues, "published">, id: string = name) => boundField(state, `program-${id}`, name, saved[name]);
  const published = state.status === "error" ? state.values.published === "on" : saved.published;
  return (
    <ConsoleForm action={action} state={state} hidden={{ ...at, version }} noValidate className="mt-4 space-y-5">
      <div className="grid gap-5 md:grid-cols-2">
        <TextInput {...field("name")} label="Name" maxLength={limits.name} />
        <TextInput {...field("tagline")} label="Tagline" maxLength={limits.tagline} />
      </div>
      <TextArea {...field("summary")} label="Summary" rows={3} maxLength={limits.summary} />
      <div className="grid gap-5 md:grid-cols-2">
        <TextInput {...field("format")} label="Format" hint="Shown as written, e.g. “Live online”." maxLength={limits.short} />
        <TextInput {...field("schedule")} label="Schedule" maxLength={limits.short} />
        <TextInput {...field("durationWeeks", "duration")} label="Duration (weeks)" type="number" inputMode="numeric" min={1} max={limits.durationWeeks} />
        <TextInput {...field("hoursPerWeek", "hours")} label="Hours per week" type="number" inputMode="numeric" min={1} max={limits.hoursPerWeek} />
      </div>
      <TextInput {...field("level")} label="Who it suits" maxLength={limits.short} />
      <div className="grid gap-5 md:grid-cols-2">
        <TextArea {...field("outcomes")} label="Outcomes" hint="One per line." rows={7} />
        <TextArea {...field("curriculum")} label="Curriculum modules" hint="One per line, in teaching order." rows={7} />
      </div>
      <Checkbox
        id="program-published"
        name="published"
        label="Published on the site"
        hint="Unticked, the program's page is taken down and it leaves the lists and the forms."
        defaultChecked={published}
        error={errorFor(state, "published")}
      />
      <SubmitButton pending={pending}>{pending ? "Saving…" : "Save program details"}</SubmitButton>
    </ConsoleForm>
  );
}

/** A cohort or payment option as saved, with the version its form checks on save. */
type Part<V> = { id: string; version: string; values: V };

type StateAction = (state: ConsoleFormState, data: FormData) => Promise<ConsoleFormState>;

type PartKind<V> = {
  /** The start of its fields' ids: "cohort" gives "cohort-<id>-name", "cohort-new-name". */
  kind: string;
  /** The hidden field that names the part: "cohortId". */
  ref: string;
  save: StateAction;
  add: StateAction;
  /** Starting values of the "add" form. */
  defaults?: Partial<V>;
};

/**
 * A form that saves a part of the program (`part`), or adds a new one when there is none:
 * its frame (post, references, outcome) and each field's props (id, name, starting value, error).
 */
function usePartForm<V extends Record<string, string>>({ kind, ref, save, add, defaults = {} }: PartKind<V>, at: Hidden, part: Part<V> | undefined) {
  const [state, action, pending] = useActionState(part ? save : add, IDLE);
  const prefix = `${kind}-${part?.id ?? "new"}`;
  const field = (name: keyof V & string, id: string = name) => boundField(state, `${prefix}-${id}`, name, part?.values[name] ?? defaults[name] ?? "");
  const hidden: Record<string, string> = part ? { ...at, [ref]: part.id, version: part.version } : at;
  return { frame: { state, action, pending, hidden, exists: part !== undefined }, field };
}

/** The frame of a part's form: references, outcome, a grid of fields, and "Save …" or "Add …". */
function PartForm({
  frame: { state, action, pending, hidden, exists },
  noun,
  name,
  grid,
  children,
}: {
  frame: ReturnType<typeof usePartForm>["frame"];
  noun: string;
  /** The part's name, for the button's accessible name. */
  name?: string;
  grid: string;
  children: ReactNode;
}) {
  return (
    <ConsoleForm action={action} state={state} hidden={hidden} noValidate className="space-y-4">
      <div className={`grid gap-4 ${grid}`}>{children}</div>
      <SubmitButton pending={pending} variant={exists ? "primary" : "secondary"}>
        {pending ? "Saving…" : exists ? `Save ${noun}` : `Add ${noun}`}
        {name && <span className="sr-only">: {name}</span>}
      </SubmitButton>
    </ConsoleForm>
  );
}

export type CohortValues = Record<"name" | "startDate" | "endDate" | "timeZone" | "seats" | "seatsLeft" | "status", string>;

const COHORT_FORM: PartKind<CohortValues> = { kind: "cohort", ref: "cohortId", save: saveCohortAction, add: addCohortAction, defaults: { status: "open" } };

/** Without a cohort: the "add a cohort" form (likewise for payment options). */
type CohortFormProps = { at: Hidden; cohort?: Part<CohortValues>; statusOptions: Option[]; timeZoneList: string };

export function CohortForm({ at, cohort, statusOptions, timeZoneList }: CohortFormProps) {
  const { frame, field } = usePartForm(COHORT_FORM, at, cohort);
  return (
    <PartForm frame={frame} noun="cohort" name={cohort?.values.name} grid="md:grid-cols-3">
      <TextInput {...field("name")} label="Cohort name" hint="e.g. “March 2027 cohort”." className="md:col-span-2" />
      <Select {...field("status")} label="Status" options={statusOptions} />
      <TextInput {...field("startDate", "start")} label="Start date" type="date" />
      <TextInput {...field("endDate", "end")} label="End date" type="date" />
      <TextInput
        {...field("timeZone", "tz")}
        label="Time zone of the classes"
        hint="An IANA zone, e.g. America/Chicago."
        list={timeZoneList}
        autoComplete="off"
        spellCheck={false}
      />
      <TextInput {...field("seats")} label="Seats" type="number" inputMode="numeric" min={1} />
      <TextInput {...field("seatsLeft", "left")} label="Seats left" type="number" inputMode="numeric" min={0} />
    </PartForm>
  );
}

export type PaymentValues = Record<"kind" | "label" | "description" | "total" | "instalments", string>;

const PAYMENT_FORM: PartKind<PaymentValues> = {
  kind: "payment",
  ref: "optionId",
  save: savePaymentOptionAction,
  add: addPaymentOptionAction,
  defaults: { kind: "upfront" },
};

type PaymentOptionFormProps = { at: Hidden; option?: Part<PaymentValues>; kindOptions: Option[]; monthlyHint: string };

export function PaymentOptionForm({ at, option, kindOptions, monthlyHint }: PaymentOptionFormProps) {
  const { frame, field } = usePartForm(PAYMENT_FORM, at, option);
  return (
    <PartForm frame={frame} noun="payment option" name={option?.values.label} grid="md:grid-cols-2">
      <Select {...field("kind")} label="Kind" hint="The programs page compares one option of each kind." options={kindOptions} />
      <TextInput {...field("label")} label="Label" />
      <TextArea {...field("description")} label="Description" rows={2} className="md:col-span-2" />
      <TextInput
        {...field("total")}
        label="Total price (US dollars)"
        hint="What the student pays in all, e.g. 12500 or 12,500.00."
        inputMode="decimal"
        autoComplete="off"
      />
      <TextInput {...field("instalments")} label="Number of monthly payments" hint={monthlyHint} optional type="number" inputMode="numeric" min={2} />
    </PartForm>
  );
}

export function RemovePaymentOptionForm({ at, optionId, label }: { at: Hidden; optionId: string; label: string }) {
  const [state, action, pending] = useActionState(removePaymentOptionAction, IDLE);
  return (
    <ConsoleForm action={action} state={state} hidden={{ ...at, optionId }} className="mt-3">
      <SubmitButton pending={pending} variant="danger">
        Stop offering “{label}”
      </SubmitButton>
    </ConsoleForm>
  );
}
