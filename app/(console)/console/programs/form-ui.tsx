import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { fieldAria, SelectOptions, type SelectOption } from "@/components/console/fields";
import type { ConsoleFormState } from "./form-state";

/**
 * Small, hook-free form pieces for the console's editors (programs, settings, staff):
 * every control has a visible label, and its hint and error are tied to it with
 * aria-describedby. Usable from server and client components alike.
 */

const control =
  "mt-1 block min-h-11 w-full rounded-lg border border-ink/40 bg-white px-3 py-2 text-ink hover:border-ink focus:border-brand aria-[invalid=true]:border-2 aria-[invalid=true]:border-red-700";

type FieldProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  className?: string;
};

function aria({ id, hint, error, optional }: Pick<FieldProps, "id" | "hint" | "error" | "optional">) {
  return { id, required: optional ? undefined : true, ...fieldAria(id, { hint, error }) } as const;
}

/** A labelled control's props, split into the field's (label, hint, error…) and the control's own. */
function splitField<P extends FieldProps>({ id, label, hint, error, optional, className, ...control }: P) {
  return { field: { id, label, hint, error, optional, className }, control };
}

/** A field's hint and error, under its label; `indent` lines them up with a checkbox's label. */
function FieldNotes({ id, hint, error, indent = false }: Pick<FieldProps, "id" | "hint" | "error"> & { indent?: boolean }) {
  const margin = indent ? "ml-9 " : "";
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className={`${margin}mt-0.5 text-sm text-ink/70`}>
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className={`${margin}mt-1 text-sm font-semibold text-red-800`}>
          <span className="sr-only">Error: </span>
          {error}
        </p>
      )}
    </>
  );
}

export function Field({ id, label, hint, error, optional, className, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
        {optional && <span className="font-normal text-ink/70"> (optional)</span>}
      </label>
      <FieldNotes id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

export function TextInput(props: FieldProps & InputHTMLAttributes<HTMLInputElement> & { name: string }) {
  const { field, control: input } = splitField(props);
  return (
    <Field {...field}>
      <input type="text" {...input} {...aria(field)} className={control} />
    </Field>
  );
}

export function TextArea(props: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement> & { name: string }) {
  const { field, control: input } = splitField(props);
  return (
    <Field {...field}>
      <textarea rows={4} {...input} {...aria(field)} className={`${control} leading-6`} />
    </Field>
  );
}

export function Select(props: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { name: string; options: readonly SelectOption[] }) {
  const {
    field,
    control: { options, ...select },
  } = splitField(props);
  // Keyed by the starting value: after a form action React resets the form, and a <select>
  // goes back to the option it was mounted with (React issues #32362, #21025), not to the
  // value the failed save sent back. A new key mounts it with that value.
  return (
    <Field {...field}>
      <select key={String(select.defaultValue ?? "")} {...select} {...aria(field)} className={control}>
        <SelectOptions options={options} />
      </select>
    </Field>
  );
}

export function Checkbox({
  id,
  label,
  hint,
  error,
  className,
  ...input
}: Omit<FieldProps, "optional"> & InputHTMLAttributes<HTMLInputElement> & { name: string }) {
  return (
    <div className={className}>
      <div className="flex items-start gap-3">
        <input type="checkbox" {...input} id={id} {...fieldAria(id, { hint, error })} className="mt-0.5 h-6 w-6 shrink-0 accent-brand" />
        <label htmlFor={id} className="font-semibold">
          {label}
        </label>
      </div>
      <FieldNotes id={id} hint={hint} error={error} indent />
    </div>
  );
}

/**
 * A console editor's form: its hidden references (`hidden`, name to value), then the outcome of
 * the last post (FormMessage), then the fields and buttons.
 */
export function ConsoleForm({
  action,
  state,
  hidden = {},
  noValidate,
  className,
  children,
}: {
  action: (data: FormData) => void;
  state: ConsoleFormState;
  hidden?: Record<string, string>;
  noValidate?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form action={action} noValidate={noValidate} className={className}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormMessage state={state} />
      {children}
    </form>
  );
}

/** The form-level outcome: an error (role="alert") or a confirmation (role="status"), with a one-time secret if any. */
export function FormMessage({ state, id }: { state: ConsoleFormState; id?: string }) {
  if (state.status === "error") {
    return (
      <p id={id} role="alert" className="rounded-lg bg-red-50 px-4 py-3 text-red-900">
        {state.message}
      </p>
    );
  }
  if (state.status === "success") {
    return (
      <div id={id} role="status" className="rounded-lg bg-brand-soft px-4 py-3">
        <p>{state.message}</p>
        {state.secret && (
          <p className="mt-2">
            {state.secret.label}:{" "}
            <code className="select-all rounded bg-white px-2 py-1 font-mono text-base font-semibold tracking-wide">{state.secret.value}</code>
            <span className="mt-1 block text-sm">Copy it now and pass it on safely: it is not shown again and is stored only as a hash.</span>
          </p>
        )}
      </div>
    );
  }
  return null;
}

export function SubmitButton({
  children,
  pending,
  variant = "primary",
}: {
  children: ReactNode;
  pending?: boolean;
  variant?: "primary" | "secondary" | "danger";
}) {
  const style =
    variant === "primary"
      ? "bg-brand text-white hover:bg-brand-strong"
      : variant === "danger"
        ? "bg-white text-red-800 ring-1 ring-red-800 hover:bg-red-50"
        : "bg-white ring-1 ring-ink/40 hover:bg-ink/5";
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending || undefined}
      className={`min-h-11 rounded-full px-5 font-semibold disabled:opacity-60 ${style}`}
    >
      {children}
    </button>
  );
}

/** The value a field starts with: what was posted (after an error), else the saved value. */
export function startValue(state: ConsoleFormState, name: string, saved: string | undefined): string {
  return state.status === "error" ? (state.values[name] ?? "") : (saved ?? "");
}

export function errorFor(state: ConsoleFormState, name: string): string | undefined {
  return state.status === "error" ? state.fieldErrors[name] : undefined;
}

/** A control's id and name, with its starting value (see startValue) and its error from the form's state. */
export function boundField(state: ConsoleFormState, id: string, name: string, saved: string | undefined) {
  return { id, name, defaultValue: startValue(state, name, saved), error: errorFor(state, name) };
}
