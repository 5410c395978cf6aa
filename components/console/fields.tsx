import type { ReactNode } from "react";

/**
 * What every console form control shares, so each one ties its hint and error to itself the
 * same way: the paragraphs carry the ids `${id}-hint` and `${id}-error`, and the control
 * names them in aria-describedby (screen readers read them with the field).
 */

export type SelectOption = { value: string; label: ReactNode };

/** The <option>s of a select. */
export function SelectOptions({ options }: { options: readonly SelectOption[] }) {
  return options.map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ));
}

type Notes = { hint?: unknown; error?: unknown };

/** The ids of a control's hint and error paragraphs, those it has. */
export function describedBy(id: string, { hint, error }: Notes): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

/** aria-invalid and aria-describedby for a control with an optional hint and error. */
export function fieldAria(id: string, notes: Notes) {
  return { "aria-invalid": notes.error ? true : undefined, "aria-describedby": describedBy(id, notes) } as const;
}

/** A control's error message, if any, tied to the control by its id. */
export function FieldError({ id, error, className = "mt-1 text-sm text-red-800" }: { id: string; error: string | undefined; className?: string }) {
  return error ? (
    <p id={`${id}-error`} className={className}>
      {error}
    </p>
  ) : null;
}
