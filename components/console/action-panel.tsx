"use client";

import { useActionState, useEffect, useState, type FormEvent, type ReactNode } from "react";
import { FieldError, fieldAria, SelectOptions, type SelectOption } from "@/components/console/fields";
import {
  actionPanelSchema,
  firstErrorField,
  PANEL_LIMITS,
  PANEL_STATUSES,
  panelFieldErrors,
  NO_OWNER_SHOWN,
  panelPost,
  SHOWN_FIELDS,
  type PanelField,
} from "@/lib/console/action-panel-schema";
import { TASK_KIND_LABELS, TASK_KINDS } from "@/lib/console/tasks";

/** The action's answer (the console forms' ConsoleFormState): a refused save carries every posted value and the errors by field. */
type PanelState =
  | { status: "idle" }
  | { status: "error"; message: string; fieldErrors: Record<string, string>; values: Record<string, string> }
  | { status: "success"; message: string };
type StateAction = (state: PanelState, formData: FormData) => Promise<PanelState>;

const IDLE: PanelState = { status: "idle" };
const INPUT = "mt-1 block min-h-10 w-full rounded-lg border border-ink/30 bg-white px-2 aria-[invalid=true]:border-2 aria-[invalid=true]:border-red-700";
const STATUS_LABELS: Record<(typeof PANEL_STATUSES)[number], string> = {
  new: "New",
  contacted: "Contacted",
  qualified: "Qualified",
  enrolled: "Enrolled",
  lost: "Lost",
};

/** The control's id for a field (its error paragraph is `${id}-error`). */
const idOf = (field: PanelField) => `panel-${field}`;

/**
 * The lead page's action panel: status (with a lost reason and note), owner, a next task and a
 * note, saved by one button. Without JavaScript it posts to the Server Action and the page
 * comes back with every value posted and the errors by their fields (useActionState). With
 * JavaScript the same schema checks the form first, so a refused save never leaves the page;
 * either way focus moves to the first field with an error.
 */
export function ActionPanel({
  action,
  leadId,
  view,
  current,
  reasons,
  staff,
  defaultDue,
  meId,
  timeZone,
  children,
}: {
  action: StateAction;
  leadId: string;
  view?: string;
  current: { status: string; ownerId: string | null; lostReasonCode: string | null };
  /** Active reasons, plus the lead's own when it has been retired. */
  reasons: readonly { code: string; label: string; active: boolean }[];
  staff: readonly SelectOption[];
  /** The task due time offered: tomorrow 09:00 in the staff member's zone. */
  defaultDue: string;
  meId: string;
  timeZone: string;
  /** What the last save did (shown above the button). */
  children?: ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [clientErrors, setClientErrors] = useState<Partial<Record<string, string>> | null>(null);
  const serverErrors = state.status === "error" ? state.fieldErrors : {};
  const errors: Partial<Record<string, string>> = clientErrors ?? serverErrors;
  const start = (name: PanelField, saved: string) => (state.status === "error" ? (state.values[name] ?? "") : saved);
  const shown = (name: (typeof SHOWN_FIELDS)[number], drawn: string) => (state.status === "error" && state.values[name] ? state.values[name] : drawn);
  const first = firstErrorField(errors);

  // A refused save (from the server) moves focus to its first field with an error.
  useEffect(() => {
    if (state.status !== "error") return;
    const field = firstErrorField(state.fieldErrors);
    if (field) document.getElementById(idOf(field))?.focus();
  }, [state]);

  function check(event: FormEvent<HTMLFormElement>) {
    const parsed = actionPanelSchema.safeParse(panelPost(new FormData(event.currentTarget)));
    if (parsed.success) {
      setClientErrors(null);
      return;
    }
    event.preventDefault();
    const found = panelFieldErrors(parsed.error);
    setClientErrors(found);
    const field = firstErrorField(found);
    if (field) document.getElementById(idOf(field))?.focus();
  }

  /**
   * A control's id, name and error wiring. The first field with an error gets `autofocus`: it
   * only renders after a refused save, and it is how focus reaches the error without JavaScript
   * (the page is the action's answer); with JavaScript the effects above focus it.
   */
  const bind = (field: PanelField, hint = false) => ({
    id: idOf(field),
    name: field,
    autoFocus: first === field ? true : undefined,
    ...fieldAria(idOf(field), { error: errors[field], hint }),
  });
  const error = (field: PanelField) => <FieldError id={idOf(field)} error={errors[field]} />;
  const label = (field: PanelField, text: string) => (
    <label htmlFor={idOf(field)} className="text-sm font-semibold">
      {text}
    </label>
  );
  const reasonOptions: SelectOption[] = [
    { value: "", label: "Choose a reason…" },
    ...reasons.map((r) => ({ value: r.code, label: r.active ? r.label : `${r.label} (retired)` })),
  ];
  const staffOptions = staff;
  const statusValue = start("status", current.status);
  const reasonValue = start("lostReasonCode", current.lostReasonCode ?? "");
  const ownerValue = start("ownerId", current.ownerId ?? "");
  const kindValue = start("taskKind", "");
  const taskOwnerValue = start("taskOwnerId", meId);
  const formMessage = state.status === "error" && !clientErrors && !Object.keys(state.fieldErrors).length ? state.message : undefined;

  return (
    <form action={formAction} onSubmit={check} noValidate className="mt-3 space-y-4" aria-describedby={formMessage ? "panel-form-error" : undefined}>
      <input type="hidden" name="leadId" value={leadId} />
      {/* What this page showed (after a refused save: what it first showed), see SHOWN_FIELDS. */}
      <input type="hidden" name="shownStatus" value={shown("shownStatus", current.status)} />
      <input type="hidden" name="shownOwnerId" value={shown("shownOwnerId", current.ownerId ?? NO_OWNER_SHOWN)} />
      {view && <input type="hidden" name="view" value={view} />}
      {formMessage && (
        <p id="panel-form-error" role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900">
          {formMessage}
        </p>
      )}
      <div>
        {label("status", "Status")}
        {/* Selects are keyed by their starting value: React's form reset would otherwise put back the first one (see form-ui.tsx). */}
        <select key={`s-${statusValue}`} defaultValue={statusValue} {...bind("status")} className={INPUT}>
          <SelectOptions options={PANEL_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} />
        </select>
        {error("status")}
      </div>
      <fieldset className="space-y-3 rounded-lg border border-ink/15 p-3">
        <legend className="px-1 text-sm font-semibold">When lost</legend>
        <div>
          {label("lostReasonCode", "Lost reason")}
          <select key={`r-${reasonValue}`} defaultValue={reasonValue} {...bind("lostReasonCode")} className={INPUT}>
            <SelectOptions options={reasonOptions} />
          </select>
          {error("lostReasonCode")}
        </div>
        <div>
          {label("lostNote", "Reason note (optional)")}
          <input defaultValue={start("lostNote", "")} maxLength={PANEL_LIMITS.lostNote} {...bind("lostNote")} className={INPUT} />
          {error("lostNote")}
        </div>
      </fieldset>
      <div>
        {label("ownerId", "Owner")}
        <select key={`o-${ownerValue}`} defaultValue={ownerValue} {...bind("ownerId")} className={INPUT}>
          <option value="">Nobody</option>
          <SelectOptions options={staffOptions} />
        </select>
        {error("ownerId")}
      </div>
      <fieldset className="space-y-3 rounded-lg border border-ink/15 p-3">
        <legend className="px-1 text-sm font-semibold">Next task</legend>
        <div>
          {label("taskKind", "Task")}
          <select key={`k-${kindValue}`} defaultValue={kindValue} {...bind("taskKind")} className={INPUT}>
            <option value="">No new task</option>
            <SelectOptions options={TASK_KINDS.map((k) => ({ value: k, label: TASK_KIND_LABELS[k] }))} />
          </select>
          {error("taskKind")}
        </div>
        <div>
          {label("taskDue", "Task due")}
          <input type="datetime-local" defaultValue={start("taskDue", defaultDue)} {...bind("taskDue", true)} className={INPUT} />
          <p id={`${idOf("taskDue")}-hint`} className="mt-1 text-xs text-ink/70">
            Date and time in {timeZone}.
          </p>
          {error("taskDue")}
        </div>
        <div>
          {label("taskOwnerId", "Task for")}
          <select key={`t-${taskOwnerValue}`} defaultValue={taskOwnerValue} {...bind("taskOwnerId")} className={INPUT}>
            <SelectOptions options={staffOptions} />
          </select>
          {error("taskOwnerId")}
        </div>
        <div>
          {label("taskTitle", "Task note (optional)")}
          <input defaultValue={start("taskTitle", "")} maxLength={PANEL_LIMITS.taskTitle} {...bind("taskTitle")} className={INPUT} />
          {error("taskTitle")}
        </div>
      </fieldset>
      <div>
        {label("note", "Note")}
        <textarea rows={4} defaultValue={start("note", "")} maxLength={PANEL_LIMITS.note} {...bind("note")} className={`${INPUT} py-2 text-sm`} />
        {error("note")}
      </div>
      {children}
      <button
        type="submit"
        disabled={pending}
        aria-disabled={pending || undefined}
        className="min-h-10 rounded-full bg-brand px-5 text-sm font-semibold text-white disabled:opacity-60"
      >
        {pending ? "Saving…" : "Save"}
      </button>
    </form>
  );
}
