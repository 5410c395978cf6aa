import { boundField, Checkbox, errorFor, TextInput } from "../programs/form-ui";
import type { ConsoleFormState } from "../programs/form-state";

/** The rules as the form starts: a code's own, or the defaults for new codes. */
export type CodeRulesValues = { percent: string; expiresOn?: string; expiryDays?: string; singleUse: boolean; programs: string[] };

/**
 * A code's rules as fields: percentage, expiry (a date for one code, a number of days for the
 * defaults), single use, programs (none ticked: every program). After an error they show
 * what was posted.
 */
export function CodeRulesFields({
  state,
  saved,
  programs,
  expiry,
}: {
  state: ConsoleFormState;
  saved: CodeRulesValues;
  programs: { value: string; label: string }[];
  expiry: "date" | "days";
}) {
  const posted = state.status === "error" ? state.values : undefined;
  const singleUse = posted ? posted.singleUse === "on" : saved.singleUse;
  const ticked = posted ? (posted.programs ?? "").split(",").filter(Boolean) : saved.programs;
  const programsError = errorFor(state, "programs");
  return (
    <>
      <TextInput
        {...boundField(state, "rules-percent", "percent", saved.percent)}
        label="Percentage off the tuition"
        inputMode="numeric"
        hint="A whole number from 1 to 100."
      />
      {expiry === "date" ? (
        <TextInput
          {...boundField(state, "rules-expiresOn", "expiresOn", saved.expiresOn)}
          type="date"
          label="Last day it works"
          hint="The code stops working at the end of this day (UTC). As YYYY-MM-DD."
        />
      ) : (
        <TextInput
          {...boundField(state, "rules-expiryDays", "expiryDays", saved.expiryDays)}
          inputMode="numeric"
          label="Days a new code works"
          hint="Counted from the moment the code is issued, from 1 to 3650."
        />
      )}
      <Checkbox
        id="rules-singleUse"
        name="singleUse"
        defaultChecked={singleUse}
        label="Single use"
        hint="Used up when the lead it is given on moves to Enrolled. Untick to let it be used for any number of enrolments."
      />
      <fieldset aria-describedby={`rules-programs-hint${programsError ? " rules-programs-error" : ""}`}>
        <legend className="text-sm font-semibold">Programs it applies to</legend>
        <p id="rules-programs-hint" className="mt-0.5 text-sm text-ink/70">
          Tick none for every program.
        </p>
        {programsError && (
          <p id="rules-programs-error" className="mt-1 text-sm font-semibold text-red-800">
            <span className="sr-only">Error: </span>
            {programsError}
          </p>
        )}
        <div className="mt-2 space-y-2">
          {programs.map((p) => (
            <div key={p.value} className="flex items-center gap-3">
              <input
                type="checkbox"
                id={`rules-program-${p.value}`}
                name="programs"
                value={p.value}
                defaultChecked={ticked.includes(p.value)}
                className="h-6 w-6 accent-brand"
              />
              <label htmlFor={`rules-program-${p.value}`}>{p.label}</label>
            </div>
          ))}
        </div>
      </fieldset>
    </>
  );
}
