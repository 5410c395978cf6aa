"use client";

import {
  createContext,
  startTransition,
  useActionState,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type FormEvent,
  type ReactNode,
  type RefObject,
} from "react";
import { set, useForm, type FieldErrors, type FieldValues, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod/mini";
import { HIDDEN_FIELDS, type FormAction, type FormState, type SuccessDetails } from "@/lib/leads/form-state";
import { loadPhoneRules, PhoneRulesNotLoaded } from "../phone-rules";
import { expandDottedKeys, fieldId, startingValues, valueAt, type FormValues } from "./form-values";

/**
 * Progressive enhancement for every lead form.
 *
 * Without JavaScript the <form> posts natively to its Server Action (React renders the
 * action's hidden fields), the page renders again from the returned FormState: field errors
 * next to the fields, what was typed back in the inputs, or the success view.
 *
 * With JavaScript, submit is intercepted: react-hook-form validates with the same zod schema
 * the server uses, and only a valid form is sent, as `new FormData(form)`, which is exactly
 * what the native post would have carried. Errors the server still finds (a full cohort, a
 * rate limit) are pushed back into react-hook-form so they show in the same places.
 */

/** Hidden attribution fields a page may pass through from its URL. */
export type Attribution = Partial<Record<string, string>>;

/** What every form component gets from its page. */
export type LeadFormProps = {
  /** The form's Server Action. */
  action: FormAction;
  /** From initialFormState(): a fresh submission token and the prefill from the URL. */
  initialState: FormState;
  /** Hidden attribution fields from the page URL (only those present). */
  attribution?: Attribution;
  /** The page's path; "Send another" reloads it for a fresh form. */
  path: string;
  /**
   * Where a post without JavaScript lands: the page's URL with the form's card as fragment,
   * so the person sees the form's errors or success, not the top of the page.
   */
  permalink?: string;
};

/** What a form component adds to its page's props: what the form is and how its values are shaped. */
export type LeadFormOptions = {
  /** Prefix for DOM ids, unique on the page. */
  formId: string;
  /**
   * Loads the form's schema: `() => import("./schema").then((m) => m.fooSchema)`. The page
   * renders without zod; the schema loads when the person first focuses a field, and the
   * resolver waits for it (docs/performance.md, "Pages").
   */
  schema: SchemaLoader;
  /** Shape of the values (arrays, booleans) that `state.values` is merged into. */
  base?: FormValues;
  /** Short label per field, in form order: the error summary reads "Label: message". */
  labels: Record<string, string>;
  /** Last adjustment of the starting values, e.g. padding repeated rows. */
  prepare?: (values: FormValues) => FormValues;
  /**
   * Moves an error from the schema's path to the field it belongs to, where they differ
   * (the referral schema drops empty friend rows, so its indexes skip them). Applied to the
   * browser's and the server's errors alike.
   */
  errorPath?: (path: string, values: FormValues) => string;
};

export type SchemaLoader = () => Promise<z.core.$ZodType<unknown, FieldValues>>;

export type LeadForm = ReturnType<typeof useLeadForm>;

const subscribeNothing = () => () => {};

/** False on the server and while hydrating, true once React runs in the browser. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
}

/**
 * A form component's state, from the props its page gives it (`props`) and what the form
 * itself is (`options`). <LeadFormShell> renders it, with the page's attribution and path.
 */
export function useLeadForm(props: LeadFormProps, { formId, schema, base = {}, labels, prepare, errorPath }: LeadFormOptions) {
  const { action, initialState, permalink, attribution, path } = props;
  const [state, formAction, pending] = useActionState(action, initialState, permalink);
  // Computed once. `state.values` is the page's prefill from the URL at first, and after a
  // post without JavaScript it is what the person typed.
  const [defaults] = useState(() => {
    const values = startingValues(base, state.values);
    return prepare ? prepare(values) : values;
  });
  const [resolver] = useState(() => schemaResolver(schema, errorPath));
  // The person has started on the form: fetch its schema (and zod) now, so a submit does not wait.
  const loadOnFocus = () => void schema().catch(() => undefined);
  const methods = useForm<FieldValues>({
    resolver,
    defaultValues: defaults,
    mode: "onSubmit",
    reValidateMode: "onChange",
    shouldFocusError: false,
  });
  const enhanced = useHydrated();
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const successRef = useRef<HTMLDivElement>(null);

  // Until the server's field errors are copied into react-hook-form (an effect, so after
  // hydration), they are read from the state directly: that is what a no-JS render shows.
  const [syncedState, setSyncedState] = useState<FormState | null>(null);
  const fieldErrors = useMemo(() => serverFieldErrors(state, errorPath), [state, errorPath]);
  const serverErrors = syncedState === state ? undefined : fieldErrors;
  const { errors } = methods.formState;

  const errorFor = (name: string): string | undefined => {
    // A field array's own error (e.g. "Add at least one friend.") sits under `.root`.
    const message = messageOf(valueAt(errors, name)) ?? messageOf(valueAt(errors, `${name}.root`));
    return message ?? serverErrors?.[name];
  };

  // The error summary lists the errors found at the last attempt, and drops each one as it
  // is fixed. It never grows between attempts, so the alert does not chatter while typing.
  const [attemptErrors, setAttemptErrors] = useState<Record<string, string>>(() => fieldErrors ?? {});
  const summary = orderByLabels(attemptErrors, labels).filter(([name]) => errorFor(name) !== undefined);

  // The server's message stands until the next attempt, or, when it was about field errors,
  // until they are all fixed.
  const [messageDismissedFor, setMessageDismissedFor] = useState<FormState | null>(null);
  const message = state.status === "error" && messageDismissedFor !== state && (summary.length > 0 || !fieldErrors) ? state.message : undefined;

  const focusPendingRef = useRef(false);
  const lockRef = useRef(false);
  const submittedRef = useRef(false);

  useEffect(() => {
    if (!pending) lockRef.current = false;
  }, [pending]);

  useEffect(() => {
    const submitted = submittedRef.current;
    submittedRef.current = false;
    lockRef.current = false;
    if (state.status === "success") {
      if (submitted) successRef.current?.focus();
      return;
    }
    if (state.status !== "error") return;
    for (const [name, message] of Object.entries(fieldErrors ?? {})) {
      methods.setError(name, { type: "server", message });
    }
    // eslint-disable-next-line react-hooks/set-state-in-effect -- runs once per new server-action result, alongside setError on the form library
    setSyncedState(state);
    setAttemptErrors(fieldErrors ?? {});
    if (submitted) focusPendingRef.current = true;
  }, [state, fieldErrors, methods]);

  // After an attempt, once the errors are on screen (react-hook-form publishes them in a
  // render of its own): focus the first invalid field, else the alert with the message.
  useEffect(() => {
    if (!focusPendingRef.current) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target = invalid ?? (alertRef.current?.hasChildNodes() ? alertRef.current : null);
    if (!target) return;
    focusPendingRef.current = false;
    target.focus();
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // With JavaScript we always take over; the browser's own post is the no-JS path.
    event.preventDefault();
    const form = event.currentTarget;
    if (lockRef.current || pending) return;
    lockRef.current = true;
    let sent = false;
    const send = () => {
      sent = true;
      const data = new FormData(form);
      // React's own fields for the no-JS post; the action does not need them when called directly.
      for (const key of [...data.keys()]) if (key.startsWith("$ACTION")) data.delete(key);
      submittedRef.current = true;
      startTransition(() => formAction(data));
    };
    methods
      .handleSubmit(send, (invalid) => {
        lockRef.current = false;
        setMessageDismissedFor(state);
        setAttemptErrors(flattenErrors(invalid));
        focusPendingRef.current = true;
      })(event)
      .catch((error: unknown) => {
        // Validation itself broke (say, a browser without a string method the schema uses).
        // The server validates every post anyway, so send it rather than strand the person.
        console.error(error);
        if (!sent) send();
      });
  }

  return {
    formId,
    attribution,
    path,
    methods,
    state,
    pending,
    enhanced,
    labels,
    summary,
    message,
    errorFor,
    defaultFor: (name: string) => valueAt(defaults, name),
    refs: { form: formRef, alert: alertRef, success: successRef },
    formProps: { ref: formRef, action: formAction, noValidate: true, onSubmit, onFocus: loadOnFocus },
  };
}

/**
 * zodResolver on the loaded schema, with each error moved to the field it belongs to when
 * `errorPath` is given. A phone check met before the phone rules are in loads them, then
 * validates again.
 */
export function schemaResolver(loadSchema: SchemaLoader, errorPath: LeadFormOptions["errorPath"]): Resolver<FieldValues> {
  let zod: Resolver<FieldValues> | undefined;
  const resolve: Resolver<FieldValues> = async (values, context, options) => {
    zod ??= zodResolver(await loadSchema()) as Resolver<FieldValues>;
    try {
      return await zod(values, context, options);
    } catch (error) {
      if (!(error instanceof PhoneRulesNotLoaded)) throw error;
      await loadPhoneRules();
      return zod(values, context, options);
    }
  };
  if (!errorPath) return resolve;
  return async (values, context, options) => {
    const result = await resolve(values, context, options);
    const flat = flattenErrors(result.errors);
    if (Object.keys(flat).length === 0) return result;
    const errors: FieldErrors = {};
    for (const [path, message] of Object.entries(flat)) set(errors, errorPath(path, values), { type: "validate", message });
    return { values: {}, errors };
  };
}

function serverFieldErrors(state: FormState, errorPath: LeadFormOptions["errorPath"]): Record<string, string> | undefined {
  if (!state.fieldErrors || !errorPath) return state.fieldErrors;
  const values = expandDottedKeys(state.values ?? {});
  return Object.fromEntries(Object.entries(state.fieldErrors).map(([path, message]) => [errorPath(path, values), message]));
}

function orderByLabels(errors: Record<string, string>, labels: Record<string, string>): [string, string][] {
  const order = Object.keys(labels);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b));
}

function messageOf(node: unknown): string | undefined {
  const message = node && typeof node === "object" ? (node as { message?: unknown }).message : undefined;
  return typeof message === "string" && message ? message : undefined;
}

/** react-hook-form's nested errors as `{ "friends.0.email": message }`. */
function flattenErrors(errors: FieldErrors, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, node] of Object.entries(errors ?? {})) {
    if (!node || typeof node !== "object" || key === "ref") continue;
    const path = key === "root" && prefix ? prefix : prefix ? `${prefix}.${key}` : key;
    const message = messageOf(node);
    if (message) out[path] = message;
    if (key !== "root") Object.assign(out, flattenErrors(node as FieldErrors, path));
  }
  return out;
}

const LeadFormContext = createContext<LeadForm | null>(null);

export function useLeadFormContext(): LeadForm {
  const form = useContext(LeadFormContext);
  if (!form) throw new Error("Form fields must be rendered inside <LeadFormShell>.");
  return form;
}

type ShellProps = {
  form: LeadForm;
  /** Accessible name of the form, e.g. "Application". */
  title: string;
  submitLabel: string;
  /** Where "Send another" goes: by default the page itself, reloaded with a fresh form. */
  resetHref?: string;
  resetLabel?: string;
  /** Form-specific parts of the success view (discount code, referral link). */
  successExtras?: (success: SuccessDetails) => ReactNode;
  /** Small print under the submit button. */
  note?: ReactNode;
  children: ReactNode;
};

/**
 * The <form> around a form's fields: error summary, submission token, the page's hidden
 * attribution fields, honeypot and submit button; or, once sent, the success view.
 */
export function LeadFormShell({ form, title, submitLabel, resetHref = form.path, resetLabel, successExtras, note, children }: ShellProps) {
  const { state, pending, formProps, formId, attribution } = form;
  if (state.status === "success") {
    return (
      <SuccessView
        success={state.success}
        bookCallHref={state.bookCallHref}
        extras={successExtras}
        focusRef={form.refs.success}
        resetHref={resetHref}
        resetLabel={resetLabel ?? "Send another"}
      />
    );
  }
  return (
    <LeadFormContext.Provider value={form}>
      <form {...formProps} aria-label={title} id={formId} className="space-y-7">
        <ErrorSummary />
        <input type="hidden" name={HIDDEN_FIELDS.token} value={state.submissionToken} />
        {Object.entries(attribution ?? {}).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
        <Honeypot id={fieldId(formId, HIDDEN_FIELDS.honeypot)} />
        {children}
        <div className="flex flex-col gap-4 border-t border-ink/10 pt-6 sm:flex-row sm:items-center">
          <button
            type="submit"
            disabled={pending}
            aria-disabled={pending}
            className="inline-flex min-h-12 items-center justify-center rounded-full bg-brand px-8 text-base font-semibold text-white shadow-sm transition-colors hover:bg-brand-strong disabled:cursor-wait disabled:bg-brand/80"
          >
            {pending ? "Sending…" : submitLabel}
          </button>
          {note && <p className="text-sm leading-6 text-ink/75">{note}</p>}
        </div>
        <p aria-live="polite" className="sr-only">
          {pending ? "Sending your form." : ""}
        </p>
      </form>
    </LeadFormContext.Provider>
  );
}

/** Bots fill every field; people never see this one. */
function Honeypot({ id }: { id: string }) {
  return (
    <div aria-hidden="true" className="absolute -left-[10000px] top-auto h-px w-px overflow-hidden">
      <label htmlFor={id}>Leave this field empty</label>
      <input id={id} type="text" name={HIDDEN_FIELDS.honeypot} tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}

function ErrorSummary() {
  const { message, summary, labels, formId, refs } = useLeadFormContext();
  const show = Boolean(message) || summary.length > 0;
  return (
    // eslint-disable-next-line react-hooks/refs -- passes the ref object to the element; nothing reads .current during render
    <div role="alert" ref={refs.alert} tabIndex={show ? -1 : undefined} className="outline-none">
      {show && (
        <div className="rounded-xl border-2 border-red-700 bg-red-50 p-4 sm:p-5">
          <p className="font-semibold leading-7 text-ink">{message ?? FIX_FIELDS_MESSAGE}</p>
          {summary.length > 0 && (
            <ul className="mt-3 space-y-2">
              {summary.map(([name, error]) => (
                <li key={name}>
                  <a
                    href={`#${fieldId(formId, name)}`}
                    onClick={(e) => focusField(e, fieldId(formId, name))}
                    className="font-medium text-red-800 underline underline-offset-2 hover:text-ink"
                  >
                    {labels[name] ? `${labels[name]}: ` : ""}
                    {error}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

/** The same words the server uses for field errors, so both paths read alike. */
const FIX_FIELDS_MESSAGE = "Please correct the highlighted fields.";

/** Following "#id" scrolls but does not focus an input; do both. */
function focusField(event: React.MouseEvent<HTMLAnchorElement>, id: string) {
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  target.focus();
  target.scrollIntoView({ block: "center" });
}

function SuccessView({
  success,
  bookCallHref,
  extras,
  focusRef,
  resetHref,
  resetLabel,
}: {
  success?: SuccessDetails;
  bookCallHref?: string;
  extras?: (success: SuccessDetails) => ReactNode;
  focusRef: RefObject<HTMLDivElement | null>;
  resetHref: string;
  resetLabel: string;
}) {
  return (
    <div role="status" tabIndex={-1} ref={focusRef} className="outline-none">
      <div className="flex items-start gap-4">
        <span aria-hidden="true" className="mt-1 flex h-10 w-10 shrink-0 items-center justify-center rounded-full bg-brand-soft text-brand">
          <svg viewBox="0 0 20 20" fill="none" className="h-5 w-5">
            <path d="M4 10.5 8 14.5 16 6" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </span>
        <div className="min-w-0">
          <h3 className="text-2xl font-bold tracking-tight">{success?.headline ?? "Thank you, we have your details."}</h3>
          {success && success.nextSteps.length > 0 && (
            <>
              <h4 className="mt-5 font-semibold">What happens next</h4>
              <ul className="mt-3 space-y-2">
                {success.nextSteps.map((step) => (
                  <li key={step} className="flex gap-3 leading-7">
                    <span aria-hidden="true" className="mt-2.5 h-2 w-2 shrink-0 rounded-full bg-accent" />
                    <span>{step}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </div>
      {success && extras?.(success)}
      {bookCallHref && <BookCallOffer href={bookCallHref} />}
      <p className="mt-8">
        <a href={resetHref} className="font-semibold text-brand underline underline-offset-2 hover:text-brand-strong">
          {resetLabel}
        </a>
      </p>
    </div>
  );
}

/** After an application, a quote or a call-back request: book the call now, in the visitor's time zone (/book). */
function BookCallOffer({ href }: { href: string }) {
  return (
    <div className="mt-8 rounded-xl border border-brand/25 bg-brand-soft/50 p-5">
      <h4 className="font-semibold">Talk to an advisor sooner</h4>
      <p className="mt-1 leading-7 text-ink/85">Pick a time for your call from the free times, shown in your time zone.</p>
      <a
        href={href}
        className="mt-4 inline-flex min-h-12 items-center justify-center rounded-full bg-brand px-7 font-semibold text-white shadow-sm hover:bg-brand-strong"
      >
        Book your call now
      </a>
    </div>
  );
}
