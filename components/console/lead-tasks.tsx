import type { ComponentProps } from "react";
import { FieldError, fieldAria, SelectOptions } from "@/components/console/fields";
import { Badge, Notice, Section } from "@/components/console/page-parts";
import { addDays, localDate } from "@/lib/booking/zones";
import { formatDue, needsNextTask, TASK_KIND_LABELS, TASK_KINDS, TASK_LIMITS, type TaskKind } from "@/lib/console/tasks";
import { queryParam, type SearchParams } from "@/lib/query-param";

type FormAction = ComponentProps<"form">["action"];

/** The task actions (app/(console)/console/tasks/actions.ts), passed in by the page. */
export type TaskActions = { add: FormAction; complete: FormAction; reopen: FormAction; reassign: FormAction };

type TaskRow = {
  id: string;
  kind: string;
  dueAt: Date;
  title: string | null;
  doneAt: Date | null;
  ownerId: string;
  owner: { name: string };
  doneBy: { name: string } | null;
};

const SAVED: Record<string, string> = { added: "Task added.", done: "Task done.", reopened: "Task reopened.", reassigned: "Task reassigned." };
const INPUT = "mt-1 block min-h-10 w-full rounded-lg border border-ink/30 bg-white px-2";
const BUTTON = "min-h-10 rounded-full px-4 text-sm font-semibold";

/** Hidden fields every task form carries, so the redirect comes back to this lead in its view. */
function Back({ leadId, params }: { leadId: string; params: SearchParams }) {
  const view = queryParam(params, "view", 1000);
  return (
    <>
      <input type="hidden" name="from" value="lead" />
      <input type="hidden" name="leadId" value={leadId} />
      {view && <input type="hidden" name="view" value={view} />}
    </>
  );
}

/**
 * The lead page's "Tasks" panel: the "no next task" flag, the open tasks (done, reassign),
 * the last done ones (reopen), and the form to add one. Plain forms: they work without
 * JavaScript. Times are shown, and typed, in `timeZone`.
 */
export function LeadTasks({
  lead,
  tasks,
  staffList,
  meId,
  canWork,
  params,
  timeZone,
  now,
  actions,
}: {
  lead: { id: string; status: string };
  tasks: { open: TaskRow[]; done: TaskRow[] };
  staffList: readonly { id: string; name: string }[];
  meId: string;
  canWork: boolean;
  params: SearchParams;
  timeZone: string;
  now: Date;
  actions: TaskActions;
}) {
  const form = queryParam(params, "form");
  const error = queryParam(params, "error");
  const field = queryParam(params, "field");
  const fieldError = (name: string) => (form === "task" && field === name && error !== "forbidden" ? error : undefined);
  const addFailed = form === "task" && Boolean(error);
  const keep = (name: string) => (addFailed ? queryParam(params, name, 200) : undefined);
  const staffOptions = staffList.map((s) => ({ value: s.id, label: s.id === meId ? `${s.name} (me)` : s.name }));
  const saved = (form === "task" || form === "task-list") && !error ? SAVED[queryParam(params, "saved") ?? ""] : undefined;
  const listError = (form === "task-list" && error) || (form === "task" && field === "form" && error !== "forbidden" ? error : undefined);
  const kindKept = TASK_KINDS.find((k) => k === keep("kind"));

  return (
    <Section id="tasks" headingId="tasks-h" title="Tasks" panel>
      <p className="mt-1 text-xs text-ink/70">Times in {timeZone}.</p>
      {needsNextTask(lead, tasks.open.length) && (
        <Notice tone="warn" className="mt-2 text-sm">
          <strong>No next task.</strong> This lead has been contacted and is still open, but nobody has a task on it.
        </Notice>
      )}
      {saved && (
        <Notice className="mt-2 text-sm" focusable>
          {saved}
        </Notice>
      )}
      {error === "forbidden" && form?.startsWith("task") && (
        <Notice tone="error" className="mt-2 text-sm">
          Your role does not allow this.
        </Notice>
      )}
      {listError && (
        <Notice tone="error" className="mt-2 text-sm">
          {listError}
        </Notice>
      )}

      {tasks.open.length > 0 ? (
        <ul className="mt-3 space-y-3" aria-label="Open tasks">
          {tasks.open.map((t) => (
            <li key={t.id} className="rounded-lg border border-ink/10 p-3 text-sm">
              <p className="font-semibold">
                {TASK_KIND_LABELS[t.kind as TaskKind] ?? t.kind}
                {t.title ? `: ${t.title}` : ""}
              </p>
              <p className="mt-0.5 break-words">
                Due {formatDue(t.dueAt, timeZone)} · {t.owner.name} {t.dueAt < now && <Badge tone="red">Overdue</Badge>}
              </p>
              {canWork && (
                <div className="mt-2 flex flex-wrap items-end gap-2">
                  <form action={actions.complete}>
                    <Back leadId={lead.id} params={params} />
                    <input type="hidden" name="taskId" value={t.id} />
                    <button type="submit" className={`${BUTTON} bg-brand text-white`}>
                      Mark done<span className="sr-only">: {TASK_KIND_LABELS[t.kind as TaskKind] ?? t.kind}</span>
                    </button>
                  </form>
                  <form action={actions.reassign} className="flex flex-wrap items-end gap-2">
                    <Back leadId={lead.id} params={params} />
                    <input type="hidden" name="taskId" value={t.id} />
                    <label className="text-xs font-semibold">
                      Owner
                      <select name="ownerId" defaultValue={t.ownerId} className={INPUT}>
                        <SelectOptions options={staffOptions} />
                      </select>
                    </label>
                    <button type="submit" className={`${BUTTON} ring-1 ring-ink/30 hover:bg-ink/5`}>
                      Reassign
                    </button>
                  </form>
                </div>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-3 text-sm">No open tasks.</p>
      )}

      {canWork && (
        <details className="mt-4" open={addFailed || tasks.open.length === 0}>
          <summary className="cursor-pointer text-sm font-semibold text-brand">Add a task</summary>
          <form action={actions.add} className="mt-2 space-y-3" noValidate>
            <Back leadId={lead.id} params={params} />
            <div>
              <label htmlFor="task-kind" className="text-sm font-semibold">
                Kind
              </label>
              <select id="task-kind" name="kind" defaultValue={kindKept ?? "call"} {...fieldAria("task-kind", { error: fieldError("kind") })} className={INPUT}>
                <SelectOptions options={TASK_KINDS.map((k) => ({ value: k, label: TASK_KIND_LABELS[k] }))} />
              </select>
              <FieldError id="task-kind" error={fieldError("kind")} />
            </div>
            <div>
              <label htmlFor="task-due" className="text-sm font-semibold">
                Due
              </label>
              <input
                id="task-due"
                name="due"
                type="datetime-local"
                required
                defaultValue={keep("due") ?? `${addDays(localDate(now, timeZone), 1)}T09:00`}
                {...fieldAria("task-due", { error: fieldError("due"), hint: true })}
                className={INPUT}
              />
              <p id="task-due-hint" className="mt-1 text-xs text-ink/70">
                Date and time in {timeZone}.
              </p>
              <FieldError id="task-due" error={fieldError("due")} />
            </div>
            <div>
              <label htmlFor="task-owner" className="text-sm font-semibold">
                For
              </label>
              <select
                id="task-owner"
                name="ownerId"
                defaultValue={keep("ownerId") ?? meId}
                {...fieldAria("task-owner", { error: fieldError("ownerId") })}
                className={INPUT}
              >
                <SelectOptions options={staffOptions} />
              </select>
              <FieldError id="task-owner" error={fieldError("ownerId")} />
            </div>
            <div>
              <label htmlFor="task-title" className="text-sm font-semibold">
                Note (optional)
              </label>
              <input
                id="task-title"
                name="title"
                maxLength={TASK_LIMITS.title}
                defaultValue={keep("title") ?? ""}
                {...fieldAria("task-title", { error: fieldError("title") })}
                className={INPUT}
              />
              <FieldError id="task-title" error={fieldError("title")} />
            </div>
            <button type="submit" className={`${BUTTON} bg-brand text-white`}>
              Add task
            </button>
          </form>
        </details>
      )}

      {tasks.done.length > 0 && (
        <details className="mt-4">
          <summary className="cursor-pointer text-sm font-semibold text-brand">Done tasks ({tasks.done.length})</summary>
          <ul className="mt-2 space-y-2" aria-label="Done tasks">
            {tasks.done.map((t) => (
              <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-ink/10 p-3 text-sm">
                <span className="break-words">
                  {TASK_KIND_LABELS[t.kind as TaskKind] ?? t.kind}
                  {t.title ? `: ${t.title}` : ""} · done {t.doneAt ? formatDue(t.doneAt, timeZone) : ""}
                  {t.doneBy ? ` by ${t.doneBy.name}` : ""}
                </span>
                {canWork && (
                  <form action={actions.reopen}>
                    <Back leadId={lead.id} params={params} />
                    <input type="hidden" name="taskId" value={t.id} />
                    <button type="submit" className={`${BUTTON} ring-1 ring-ink/30 hover:bg-ink/5`}>
                      Reopen
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Section>
  );
}
