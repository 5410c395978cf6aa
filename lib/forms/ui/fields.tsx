"use client";

import { CALL_TIME_LABELS, CALL_TIMES, DEVICE_PLATFORMS, LIMITS, PLATFORM_LABELS } from "../field-options";

import { Fragment, useMemo, type HTMLAttributes, type InputHTMLAttributes, type ReactNode } from "react";
import { CONSENT, type ConsentKey } from "@/lib/leads/consent";
import { consentTextParts } from "@/lib/legal/consent";
import { legalDocumentPath } from "@/lib/legal/registry";
import { optionsHtml } from "../options-html";
import { loadPhoneRules } from "../phone-rules";
import { useLeadFormContext } from "./lead-form";
import { asList, asText, errorIdOf, fieldId, hintIdOf, isTicked } from "./form-values";

/**
 * Field primitives for the lead forms. Each one registers with react-hook-form under its
 * real `name`, renders its starting value into the HTML (so a form re-rendered after a
 * no-JS post keeps what was typed), and ties its label, hint and error to the control.
 */

export type Option = { value: string; label: string; description?: string };
export type OptionGroup = { label: string; options: Option[] };

/** "Morning (9:00–12:00)" as a tile: "Morning", with the range as its description. */
export function withRange(label: string, value: string): Option {
  const match = /^(.+?) \((.+)\)$/.exec(label);
  return match ? { value, label: match[1], description: match[2] } : { value, label };
}

const controlBase =
  "block w-full rounded-lg border border-ink/60 bg-white px-3.5 text-base text-ink shadow-xs transition-colors placeholder:text-ink/60 hover:border-ink focus:border-brand focus:ring-2 focus:ring-brand/35 aria-[invalid=true]:border-2 aria-[invalid=true]:border-red-700";

function useField(name: string) {
  const form = useLeadFormContext();
  const id = fieldId(form.formId, name);
  const error = form.errorFor(name);
  return {
    form,
    id,
    error,
    errorId: errorIdOf(id),
    hintId: hintIdOf(id),
    registered: form.methods.register(name),
    start: form.defaultFor(name),
  };
}

function describedBy(f: { hintId: string; errorId: string; error?: string }, hasHint: boolean): string | undefined {
  return [hasHint ? f.hintId : null, f.error ? f.errorId : null].filter(Boolean).join(" ") || undefined;
}

export function FieldLabel({ htmlFor, optional, children }: { htmlFor: string; optional?: boolean; children: ReactNode }) {
  return (
    <label htmlFor={htmlFor} className="block font-medium leading-6 text-ink">
      {children}
      {optional && <span className="font-normal text-ink/75"> (optional)</span>}
    </label>
  );
}

export function FieldHint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="mt-1 text-sm leading-6 text-ink/75">
      {children}
    </p>
  );
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1.5 flex items-start gap-2 text-sm font-semibold leading-6 text-red-700">
      <svg aria-hidden="true" viewBox="0 0 20 20" className="mt-0.5 h-5 w-5 shrink-0 fill-current">
        <path d="M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm-.9 4h1.8v5.2H9.1V6Zm.9 8.6a1.1 1.1 0 1 1 0-2.2 1.1 1.1 0 0 1 0 2.2Z" />
      </svg>
      <span>
        <span className="sr-only">Error: </span>
        {message}
      </span>
    </p>
  );
}

/** What every field with a single control takes: its name, label, hint, and whether it may be left empty. */
type FrameProps = {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  optional?: boolean;
  className?: string;
};

type TextFieldProps = FrameProps & {
  /** Overrides the form's starting value (rows of a field array). */
  defaultValue?: string;
} & Pick<
    InputHTMLAttributes<HTMLInputElement>,
    "type" | "autoComplete" | "maxLength" | "inputMode" | "spellCheck" | "autoCapitalize" | "placeholder" | "size" | "onFocus"
  >;

type FieldInfo = ReturnType<typeof useField>;

/** Label, optional hint and error message above a single control. */
function FieldFrame({ f, label, hint, optional, className, children }: Omit<FrameProps, "name"> & { f: FieldInfo; children: ReactNode }) {
  return (
    <div className={className}>
      <FieldLabel htmlFor={f.id} optional={optional}>
        {label}
      </FieldLabel>
      {hint && <FieldHint id={f.hintId}>{hint}</FieldHint>}
      <FieldError id={f.errorId} message={f.error} />
      {children}
    </div>
  );
}

/** The ARIA state every single control carries: invalid, required, and what describes it. */
function controlAria(f: FieldInfo, optional: boolean | undefined, hint: ReactNode) {
  return {
    "aria-invalid": f.error ? true : undefined,
    "aria-required": optional ? undefined : true,
    "aria-describedby": describedBy(f, Boolean(hint)),
  } as const;
}

/**
 * A field with a single control: the props of its frame (label, hint, error), the props
 * that tie the control to them (id, registration, ARIA state), and its starting value.
 */
function useSingleField({ name, ...props }: FrameProps) {
  const f = useField(name);
  return {
    start: f.start,
    frame: { f, ...props },
    control: { id: f.id, ...f.registered, ...controlAria(f, props.optional, props.hint) },
  };
}

/** Text, email, tel and numeric inputs. */
export function TextField({ name, label, hint, optional, className, defaultValue, type = "text", ...rest }: TextFieldProps) {
  const { start, frame, control } = useSingleField({ name, label, hint, optional, className });
  return (
    <FieldFrame {...frame}>
      <input type={type} {...rest} {...control} defaultValue={defaultValue ?? asText(start)} className={`mt-2 min-h-12 py-2 ${controlBase}`} />
    </FieldFrame>
  );
}

/** An email address: no spell check or capitals, the schema's length limit. */
export function EmailField({ autoComplete = "email", ...props }: Omit<TextFieldProps, "type" | "spellCheck" | "autoCapitalize" | "maxLength">) {
  return <TextField {...props} type="email" autoComplete={autoComplete} spellCheck={false} autoCapitalize="none" maxLength={LIMITS.email} />;
}

/** Someone about to type a number: fetch the phone rules now, so checking it does not wait. */
const preloadPhoneRules = () => void loadPhoneRules().catch(() => undefined);

/** A phone number, with a hint asking for the country code. */
export function PhoneField({ label, optional, example = "+44 20 7946 0958" }: { label: string; optional?: boolean; example?: string }) {
  return (
    <TextField
      name="phone"
      label={label}
      type="tel"
      optional={optional}
      autoComplete="tel"
      maxLength={32}
      onFocus={preloadPhoneRules}
      hint={`With the country code if you are outside the US, like ${example}.`}
    />
  );
}

/** The person's name and email side by side: the first thing most forms ask. */
export function NameAndEmailFields({ nameLabel = "Full name", emailLabel = "Email" }: { nameLabel?: string; emailLabel?: string }) {
  return (
    <div className="grid gap-5 sm:grid-cols-2">
      <TextField name="name" label={nameLabel} autoComplete="name" maxLength={LIMITS.name} />
      <EmailField name="email" label={emailLabel} />
    </div>
  );
}

type TextAreaFieldProps = FrameProps & {
  rows?: number;
  maxLength?: number;
  defaultValue?: string;
};

export function TextAreaField({ rows = 4, maxLength, defaultValue, ...props }: TextAreaFieldProps) {
  const { start, frame, control } = useSingleField(props);
  return (
    <FieldFrame {...frame}>
      <textarea
        rows={rows}
        maxLength={maxLength}
        {...control}
        defaultValue={defaultValue ?? asText(start)}
        className={`mt-2 min-h-12 py-2.5 leading-7 ${controlBase}`}
      />
    </FieldFrame>
  );
}

type SelectFieldProps = FrameProps & {
  /** The first, empty choice ("Choose…"). */
  placeholder: string;
  options?: Option[];
  /** Rendered as <optgroup>s after `options`. */
  groups?: OptionGroup[];
  autoComplete?: string;
  /**
   * The options as one HTML string rather than React elements, so hydration skips them
   * (lib/forms/options-html.ts): for long lists. Not with `groups`.
   */
  optionsAsHtml?: boolean;
};

export function SelectField({ placeholder, options = [], groups = [], autoComplete, optionsAsHtml, ...props }: SelectFieldProps) {
  const { start, frame, control } = useSingleField(props);
  const value = asText(start);
  const html = useMemo(() => (optionsAsHtml ? { __html: optionsHtml(placeholder, options, value) } : undefined), [optionsAsHtml, placeholder, options, value]);
  const className = `min-h-12 appearance-none py-2 pr-11 ${controlBase}`;
  return (
    <FieldFrame {...frame}>
      <div className="relative mt-2">
        {html ? (
          <select autoComplete={autoComplete} {...control} defaultValue={value} className={className} dangerouslySetInnerHTML={html} />
        ) : (
          <select autoComplete={autoComplete} {...control} defaultValue={value} className={className}>
            <option value="">{placeholder}</option>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
            {groups.map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
        <svg aria-hidden="true" viewBox="0 0 20 20" className="pointer-events-none absolute right-3.5 top-1/2 h-5 w-5 -translate-y-1/2 fill-none stroke-ink/80">
          <path d="m5 7.5 5 5 5-5" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </div>
    </FieldFrame>
  );
}

type ChoiceGroupProps = {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  optional?: boolean;
  options: Option[];
  className?: string;
  /** Options side by side from the `sm` breakpoint. */
  columns?: 1 | 2 | 3;
  /** A legend that stands in for the section heading. */
  size?: "normal" | "large";
};

const columnClass = { 1: "", 2: "sm:grid-cols-2", 3: "sm:grid-cols-3" } as const;

const tileClass =
  "flex min-h-12 cursor-pointer items-start gap-3 rounded-lg border border-ink/40 bg-white px-3.5 py-3 leading-6 hover:border-ink has-checked:border-brand has-checked:bg-brand-soft/60 has-[[aria-invalid=true]]:border-red-700";

const boxClass = "mt-0.5 h-5 w-5 shrink-0 cursor-pointer accent-brand";

/** A fieldset of radio buttons or checkboxes; the first option carries the field's id (error links). */
function ChoiceGroup({
  name,
  legend,
  hint,
  optional,
  options,
  className,
  columns = 1,
  size = "normal",
  type,
}: ChoiceGroupProps & { type: "radio" | "checkbox" }) {
  const f = useField(name);
  const checked = type === "radio" ? [asText(f.start)] : asList(f.start);
  return (
    <fieldset className={className} role={type === "radio" ? "radiogroup" : undefined} aria-describedby={describedBy(f, Boolean(hint))}>
      <legend className={size === "large" ? "text-lg font-semibold tracking-tight text-ink" : "font-medium leading-6 text-ink"}>
        {legend}
        {optional && <span className="font-normal text-ink/75"> (optional)</span>}
      </legend>
      {hint && <FieldHint id={f.hintId}>{hint}</FieldHint>}
      <FieldError id={f.errorId} message={f.error} />
      <div className={`mt-2 grid gap-2 ${columnClass[columns]}`}>
        {options.map((o, i) => {
          const id = i === 0 ? f.id : `${f.id}-${i}`;
          return (
            <label key={o.value} htmlFor={id} className={tileClass}>
              <input
                id={id}
                type={type}
                value={o.value}
                {...f.registered}
                defaultChecked={checked.includes(o.value)}
                aria-invalid={f.error ? true : undefined}
                className={boxClass}
              />
              <span>
                <span className="block font-medium">{o.label}</span>
                {o.description && <span className="block text-sm text-ink/75">{o.description}</span>}
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

export function RadioGroupField(props: ChoiceGroupProps) {
  return <ChoiceGroup {...props} type="radio" />;
}

export function CheckboxGroupField(props: ChoiceGroupProps) {
  return <ChoiceGroup {...props} type="checkbox" />;
}

const PLATFORM_OPTIONS: Option[] = DEVICE_PLATFORMS.map((value) => ({ value, label: PLATFORM_LABELS[value] }));

/** Which device the person will learn on. */
export function PlatformField({ label }: { label: string }) {
  return <SelectField name="platform" label={label} placeholder="Choose a device" options={PLATFORM_OPTIONS} />;
}

const CALL_TIME_OPTIONS: Option[] = CALL_TIMES.map((value) => withRange(CALL_TIME_LABELS[value], value));

/** Morning, afternoon or evening, as three tiles with their hours. */
export function CallTimeField({ legend }: { legend: string }) {
  return <RadioGroupField name="bestTime" legend={legend} options={CALL_TIME_OPTIONS} columns={3} />;
}

const legalLinkClass = "font-medium text-brand underline underline-offset-2";

/**
 * The consent box: never ticked for the person, and shows the exact, versioned wording the
 * server records for this form type. The documents the wording names link to their pages
 * (in a new tab, so what was typed stays); wording that names none gets the privacy notice
 * below the box.
 */
export function ConsentField({ consent, className }: { consent: ConsentKey; className?: string }) {
  const f = useField("consent");
  const parts = consentTextParts(CONSENT[consent].text);
  return (
    <div className={className}>
      <FieldError id={f.errorId} message={f.error} />
      <label htmlFor={f.id} className={`mt-2 ${tileClass} bg-paper`}>
        <input
          id={f.id}
          type="checkbox"
          {...f.registered}
          defaultChecked={isTicked(f.start)}
          aria-invalid={f.error ? true : undefined}
          aria-required
          aria-describedby={f.error ? f.errorId : undefined}
          className={boxClass}
        />
        <span className="text-[0.95rem]">
          {parts.map((part, i) =>
            part.href ? (
              <a key={i} href={part.href} target="_blank" rel="noopener" className={legalLinkClass}>
                {part.text}
              </a>
            ) : (
              <Fragment key={i}>{part.text}</Fragment>
            ),
          )}
        </span>
      </label>
      {parts.some((part) => part.href) ? null : (
        <p className="mt-2 text-sm text-ink/75">
          How we use your details:{" "}
          <a href={legalDocumentPath("privacy")} target="_blank" rel="noopener" className={legalLinkClass}>
            privacy notice
          </a>
        </p>
      )}
    </div>
  );
}

/** A titled group of fields inside a form. */
export function FormSection({ title, children, ...rest }: { title: string; children: ReactNode } & HTMLAttributes<HTMLElement>) {
  return (
    <section {...rest} className="space-y-5">
      <h3 className="text-lg font-semibold tracking-tight text-ink">{title}</h3>
      {children}
    </section>
  );
}

/** One optional tick box, never ticked for the person (e.g. "An advisor may contact me"). */
export function CheckboxField({ name, label, hint, className }: { name: string; label: ReactNode; hint?: ReactNode; className?: string }) {
  const f = useField(name);
  return (
    <div className={className}>
      <FieldError id={f.errorId} message={f.error} />
      <label htmlFor={f.id} className={`mt-2 ${tileClass} bg-paper`}>
        <input
          id={f.id}
          type="checkbox"
          {...f.registered}
          defaultChecked={isTicked(f.start)}
          aria-invalid={f.error ? true : undefined}
          aria-describedby={describedBy(f, Boolean(hint))}
          className={boxClass}
        />
        <span className="text-[0.95rem]">{label}</span>
      </label>
      {hint && <FieldHint id={f.hintId}>{hint}</FieldHint>}
    </div>
  );
}
