"use client";

import { useActionState, useState, useSyncExternalStore } from "react";
import type { SelectOption } from "@/components/console/fields";
import { AVAILABILITY_LIMITS, rangeField, rangeKey, rangesByDay, WEEKDAYS } from "@/lib/console/availability-form";
import { saveAvailabilityAction } from "./actions";
import { IDLE, type ConsoleFormState } from "../../programs/form-state";
import { Checkbox, ConsoleForm, errorFor, SubmitButton, TextInput } from "../../programs/form-ui";
import { ZoneSelect } from "./zone-select";

export type CallTypeChoice = { id: string; name: string; durationMinutes: number; active: boolean };

const subscribeNothing = () => () => {};
/** False on the server and while hydrating: buttons that need JavaScript render only after. */
const useHydrated = () =>
  useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );

const timeInput =
  "mt-1 block min-h-11 w-32 rounded-lg border border-ink/40 bg-white px-3 py-2 text-ink hover:border-ink focus:border-brand aria-[invalid=true]:border-2 aria-[invalid=true]:border-red-700";

/**
 * An advisor's settings: a plain form post, so it works without JavaScript. Each day lists
 * its time ranges and one empty row to add another; with JavaScript, "Add a range" adds more
 * rows and "Clear" empties one. After a refused save the fields show what was posted: the
 * fields are keyed by their starting values, so React's reset of the form after the action
 * cannot put back the saved ones (see the console's <Select>).
 */
export function AvailabilityEditor({
  userId,
  saved,
  callTypes,
  zones,
  self,
}: {
  userId: string;
  saved: Record<string, string>;
  callTypes: CallTypeChoice[];
  zones: SelectOption[];
  self: boolean;
}) {
  const [state, action, pending] = useActionState(saveAvailabilityAction, IDLE);
  const start = state.status === "error" ? state.values : saved;
  return (
    <ConsoleForm action={action} state={state} hidden={{ userId }} noValidate className="mt-4 space-y-8">
      <Fields key={JSON.stringify(start)} start={start} state={state} callTypes={callTypes} zones={zones} self={self} />
      <SubmitButton pending={pending}>{pending ? "Saving…" : "Save availability"}</SubmitButton>
    </ConsoleForm>
  );
}

function Fields({
  start,
  state,
  callTypes,
  zones,
  self,
}: {
  start: Record<string, string>;
  state: ConsoleFormState;
  callTypes: CallTypeChoice[];
  zones: SelectOption[];
  self: boolean;
}) {
  const ranges = rangesByDay(start);
  const chosen = new Set((start.callTypes ?? "").split(",").filter(Boolean));
  const num = (name: string, label: string, hint: string, min: number, max: number, step?: number) => (
    <TextInput
      id={`availability-${name}`}
      name={name}
      label={label}
      hint={hint}
      type="number"
      inputMode="numeric"
      min={min}
      max={max}
      step={step}
      defaultValue={start[name] ?? ""}
      error={errorFor(state, name)}
    />
  );
  return (
    <>
      <Checkbox
        id="availability-active"
        name="active"
        label="Taking new calls"
        hint="Unticked, visitors cannot book this advisor; calls already booked stay booked."
        defaultChecked={start.active === "on"}
        error={errorFor(state, "active")}
      />
      <ZoneSelect
        id="availability-timeZone"
        label="Time zone"
        hint="The weekly hours and dates off below are on this zone's clock, daylight saving included."
        defaultValue={start.timeZone ?? "UTC"}
        error={errorFor(state, "timeZone")}
        options={zones}
        detect={false}
      />
      <fieldset>
        <legend className="text-lg font-semibold">Weekly hours</legend>
        <p id="hours-hint" className="mt-1 max-w-3xl text-sm text-ink/70">
          {self ? "When you take calls" : "When they take calls"}, on the 24-hour clock in the time zone above, in 5-minute steps. A day can have several
          ranges. An end at or before the start runs past midnight: 22:00 until 02:00 ends at 02:00 the next day. Clear both times to remove a range; a day with
          none is a day off every week.
        </p>
        <div className="mt-3 space-y-4">
          {WEEKDAYS.map(({ day, name }) => (
            <DayHours key={day} day={day} name={name} rows={ranges.get(day) ?? []} state={state} />
          ))}
        </div>
      </fieldset>
      <fieldset aria-describedby={errorFor(state, "callTypes") ? "callTypes-error" : "callTypes-hint"}>
        <legend className="text-lg font-semibold">Call types taken</legend>
        <p id="callTypes-hint" className="mt-1 text-sm text-ink/70">
          Visitors can book this advisor only for the call types ticked here.
        </p>
        {errorFor(state, "callTypes") && (
          <p id="callTypes-error" className="mt-1 text-sm font-semibold text-red-800">
            <span className="sr-only">Error: </span>
            {errorFor(state, "callTypes")}
          </p>
        )}
        <ul className="mt-2 space-y-2">
          {callTypes.map((c) => (
            <li key={c.id} className="flex items-start gap-3">
              <input
                type="checkbox"
                id={`callType-${c.id}`}
                name="callTypes"
                value={c.id}
                defaultChecked={chosen.has(c.id)}
                className="mt-0.5 h-6 w-6 shrink-0 accent-brand"
              />
              <label htmlFor={`callType-${c.id}`}>
                {c.name} ({c.durationMinutes} min){c.active ? "" : " · retired, not offered on /book"}
              </label>
            </li>
          ))}
          {callTypes.length === 0 && <li>There are no call types yet: add one under Call types.</li>}
        </ul>
      </fieldset>
      <fieldset>
        <legend className="text-lg font-semibold">Booking rules</legend>
        <div className="mt-2 grid gap-5 md:grid-cols-3">
          {num("bufferMinutes", "Buffer after each call (minutes)", "Free time kept after a call, in steps of 5.", 0, AVAILABILITY_LIMITS.maxBuffer, 5)}
          {num(
            "minNoticeMinutes",
            "Minimum notice (minutes)",
            "How soon a visitor can book, counted from now: 120 is 2 hours.",
            0,
            AVAILABILITY_LIMITS.maxNotice,
            5,
          )}
          {num("horizonDays", "Horizon (days)", "How far ahead visitors can book: 21 is three weeks.", 1, AVAILABILITY_LIMITS.maxHorizon)}
        </div>
      </fieldset>
    </>
  );
}

function DayHours({ day, name, rows, state }: { day: number; name: string; rows: [string, string][]; state: ConsoleFormState }) {
  const hydrated = useHydrated();
  // The ranges posted or saved (empty rows at the end dropped), and one empty row to add
  // another, without JavaScript too.
  let filled = rows.length;
  while (filled > 0 && !rows[filled - 1][0].trim() && !rows[filled - 1][1].trim()) filled--;
  const [count, setCount] = useState(Math.min(filled + 1, AVAILABILITY_LIMITS.rangesPerDay));
  const dayError = errorFor(state, `hours.${day}`);
  return (
    <fieldset className="rounded-xl border border-ink/10 bg-white p-3">
      <legend className="px-1 font-semibold">{name}</legend>
      {dayError && <p className="text-sm font-semibold text-red-800">{dayError}</p>}
      <ol className="space-y-3">
        {Array.from({ length: count }, (_, row) => (
          <RangeRow key={row} day={day} dayName={name} row={row} value={rows[row] ?? ["", ""]} error={errorFor(state, rangeKey(day, row))} />
        ))}
      </ol>
      {hydrated && count < AVAILABILITY_LIMITS.rangesPerDay && (
        <button
          type="button"
          onClick={() => setCount((n) => n + 1)}
          className="mt-2 rounded-full px-3 py-1 text-sm font-semibold text-brand ring-1 ring-brand"
          aria-label={`Add a range on ${name}`}
        >
          Add a range
        </button>
      )}
    </fieldset>
  );
}

function RangeRow({ day, dayName, row, value, error }: { day: number; dayName: string; row: number; value: [string, string]; error?: string }) {
  const hydrated = useHydrated();
  const id = `hours-${day}-${row}`;
  const described = error ? `${id}-error` : undefined;
  const clear = () => {
    for (const end of ["start", "end"] as const) {
      const input = document.getElementById(`${id}-${end}`);
      if (input instanceof HTMLInputElement) input.value = "";
    }
  };
  return (
    <li>
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={`${id}-start`} className="block text-sm font-semibold">
            From
            <span className="sr-only">
              {" "}
              ({dayName}, range {row + 1})
            </span>
          </label>
          <input
            id={`${id}-start`}
            name={rangeField(day, row, "start")}
            type="time"
            step={300}
            defaultValue={value[0]}
            aria-invalid={error ? true : undefined}
            aria-describedby={described}
            className={timeInput}
          />
        </div>
        <div>
          <label htmlFor={`${id}-end`} className="block text-sm font-semibold">
            Until
            <span className="sr-only">
              {" "}
              ({dayName}, range {row + 1})
            </span>
          </label>
          <input
            id={`${id}-end`}
            name={rangeField(day, row, "end")}
            type="time"
            step={300}
            defaultValue={value[1]}
            aria-invalid={error ? true : undefined}
            aria-describedby={described}
            className={timeInput}
          />
        </div>
        {hydrated && (
          <button type="button" onClick={clear} className="min-h-11 rounded-full px-3 text-sm font-semibold ring-1 ring-ink/40 hover:bg-ink/5">
            Clear
            <span className="sr-only">
              {" "}
              {dayName} range {row + 1}
            </span>
          </button>
        )}
      </div>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm font-semibold text-red-800">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      )}
    </li>
  );
}
