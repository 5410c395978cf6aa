import type { InputHTMLAttributes, ReactNode } from "react";
import { SelectOptions, type SelectOption } from "./fields";
import { formatCount } from "./format";

/**
 * GET filter forms for the console's lists: the filters live in the URL, so a filtered view
 * can be bookmarked, shared and opened again, and works without JavaScript. Every control
 * has a visible label. `dense` is the smaller style of the lead inbox's many-field grid.
 */

const controlStyle = (dense: boolean | undefined) =>
  dense ? "mt-1 block min-h-10 w-full rounded-lg border border-ink/30 bg-white px-2 text-sm" : "mt-1 min-h-11 rounded-lg border border-ink/30 bg-white px-3";

export function FilterForm({
  action,
  label,
  className = "mt-6 flex flex-wrap items-end gap-4",
  children,
}: {
  action: string;
  /** The form's accessible name (it makes the form a landmark). */
  label?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form method="get" action={action} className={className} aria-label={label}>
      {children}
    </form>
  );
}

type FieldProps = { id: string; label: ReactNode; dense?: boolean; className?: string };

function FilterField({ id, label, className, children }: Omit<FieldProps, "dense"> & { children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      {children}
    </div>
  );
}

/** A text, search or date filter; its name is its id. A hint goes under it, tied to it with aria-describedby. */
export function FilterInput({
  id,
  label,
  dense,
  className,
  hint,
  ...input
}: FieldProps & { hint?: ReactNode } & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name" | "className" | "aria-describedby">) {
  return (
    <FilterField id={id} label={label} className={className}>
      <input id={id} name={id} {...input} aria-describedby={hint ? `${id}-hint` : undefined} className={controlStyle(dense)} />
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-ink/70">
          {hint}
        </p>
      )}
    </FilterField>
  );
}

/** A choice filter with an "Any" first option (the empty value: no filter); its name is its id. */
export function FilterSelect({
  id,
  label,
  dense,
  className,
  defaultValue,
  options,
  any = "Any",
}: FieldProps & { defaultValue: string | undefined; options: readonly SelectOption[]; any?: ReactNode }) {
  return (
    <FilterField id={id} label={label} className={className}>
      <select id={id} name={id} defaultValue={defaultValue ?? ""} className={controlStyle(dense)}>
        <option value="">{any}</option>
        <SelectOptions options={options} />
      </select>
    </FilterField>
  );
}

/** The owner filter the inbox and the board share: anyone, me, unassigned, or one staff member (lib/console/inbox.ts reads it). */
export function OwnerFilterSelect({
  staff,
  defaultValue,
  dense,
}: {
  staff: readonly { id: string; name: string }[];
  defaultValue: string | undefined;
  dense?: boolean;
}) {
  return (
    <FilterSelect
      dense={dense}
      id="owner"
      label="Owner"
      any="Anyone"
      defaultValue={defaultValue}
      options={[{ value: "me", label: "Me" }, { value: "none", label: "Unassigned" }, ...staff.map((s) => ({ value: s.id, label: s.name }))]}
    />
  );
}

export function FilterSubmit({ dense, children }: { dense?: boolean; children: ReactNode }) {
  return (
    <button type="submit" className={`rounded-full bg-brand px-5 font-semibold text-white ${dense ? "min-h-10 text-sm" : "min-h-11"}`}>
      {children}
    </button>
  );
}

/** Back to the unfiltered list. */
export function FilterClear({ href, dense, children }: { href: string; dense?: boolean; children: ReactNode }) {
  return (
    <a
      href={href}
      className={dense ? "inline-flex min-h-10 items-center rounded-full px-5 text-sm font-semibold ring-1 ring-ink/30" : "min-h-11 py-2 underline"}
    >
      {children}
    </a>
  );
}

/**
 * A list filtered by status alone: one select whose options carry their counts, "Pending
 * (3)", and whose empty choice (`any`, "Any" by default) is every status.
 */
export function StatusFilter<S extends string>({
  action,
  label,
  value,
  labels,
  counts,
  any = "Any",
}: {
  action: string;
  label: string;
  value: S | undefined;
  /** Every status, in order, with its label. */
  labels: Record<S, string>;
  counts: Record<S, number>;
  any?: string;
}) {
  const statuses = Object.keys(labels) as S[];
  const total = statuses.reduce((sum, s) => sum + counts[s], 0);
  return (
    <FilterForm action={action} label={label}>
      <FilterSelect
        id="status"
        label="Status"
        defaultValue={value}
        any={`${any} (${formatCount(total)})`}
        options={statuses.map((s) => ({ value: s, label: `${labels[s]} (${formatCount(counts[s])})` }))}
      />
      <FilterSubmit>Filter</FilterSubmit>
    </FilterForm>
  );
}
