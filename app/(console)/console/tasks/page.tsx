import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { requireStaffPage } from "@/app/(console)/auth";
import { SelectOptions } from "@/components/console/fields";
import { Badge, Notice, Section, TextLink } from "@/components/console/page-parts";
import { can } from "@/lib/auth/roles";
import { leadName } from "@/lib/console/lead-display";
import { listStaff, STATUS_LABELS } from "@/lib/console/pipeline";
import type { LeadStatus } from "@/lib/console/inbox";
import { consoleClock } from "@/app/(console)/time-zone";
import { formatDue, groupTasks, leadsWithoutNextTask, MY_TASKS_LIMIT, openTasksOf, TASK_KIND_LABELS, type TaskKind } from "@/lib/console/tasks";
import { db } from "@/lib/db";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { completeTaskAction } from "./actions";

export const metadata: Metadata = { title: "My tasks" };

const PAGE = "/console/tasks";
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const SAVED: Record<string, string> = { done: "Task done.", reopened: "Task reopened.", reassigned: "Task reassigned.", added: "Task added." };

type Task = Awaited<ReturnType<typeof openTasksOf>>[number];

/**
 * "My tasks": the signed-in staff member's open tasks, overdue, due today and upcoming (the
 * day in their time zone), each with its lead and a button to mark it done, and the leads
 * they own that have no next task. Admins may open anyone's list (?user=); staff only their own.
 */
export default async function TasksPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const q = await searchParams;
  const requested = queryParam(q, "user", 64);
  const staff = await requireStaffPage("leads:read", requested && ID.test(requested) ? `${PAGE}?user=${requested}` : PAGE);
  const isAdmin = can(staff.role, "staff:manage");
  const userId = requested && ID.test(requested) ? requested : staff.id;
  if (userId !== staff.id && !isAdmin) forbidden();
  const [user, tasks, flagged, people] = await Promise.all([
    db().user.findUnique({ where: { id: userId } }),
    openTasksOf(db(), userId),
    leadsWithoutNextTask(db(), userId, 100),
    isAdmin ? listStaff(db()) : Promise.resolve([]),
  ]);
  if (!user) notFound();
  const self = userId === staff.id;
  // The day boundaries are the viewer's: an admin reading someone's list reads it in their own day.
  const { timeZone } = await consoleClock();
  const now = new Date();
  const groups = groupTasks(tasks, now, timeZone);
  const canWork = can(staff.role, "leads:work");
  const error = queryParam(q, "error");
  const saved = !error ? SAVED[queryParam(q, "saved") ?? ""] : undefined;

  const list = (id: string, title: string, items: Task[], empty: string) => (
    <Section headingId={id} title={`${title} (${items.length})`} className="mt-8">
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-ink/70">{empty}</p>
      ) : (
        <ul className="mt-3 space-y-3">
          {items.map((t) => (
            <li key={t.id} className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-ink/10 bg-white p-4 text-sm">
              <div className="min-w-0">
                <p className="font-semibold break-words">
                  {TASK_KIND_LABELS[t.kind as TaskKind] ?? t.kind}: <TextLink href={`/console/leads/${t.leadId}#tasks`}>{leadName(t.lead)}</TextLink>
                  {id === "overdue" && (
                    <>
                      {" "}
                      <Badge tone="red">Overdue</Badge>
                    </>
                  )}
                </p>
                <p className="mt-0.5 break-words text-ink/80">
                  Due {formatDue(t.dueAt, timeZone)}
                  {t.title ? ` · ${t.title}` : ""}
                </p>
              </div>
              {canWork && (
                <form action={completeTaskAction}>
                  <input type="hidden" name="from" value="tasks" />
                  {!self && <input type="hidden" name="user" value={userId} />}
                  <input type="hidden" name="taskId" value={t.id} />
                  <button type="submit" className="min-h-10 rounded-full bg-brand px-4 text-sm font-semibold text-white">
                    Mark done<span className="sr-only">: {`${TASK_KIND_LABELS[t.kind as TaskKind] ?? t.kind}, ${leadName(t.lead)}`}</span>
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );

  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">{self ? "My tasks" : `Tasks of ${user.name}`}</h1>
      <p className="mt-1 text-sm text-ink/70">
        Open tasks by due time, in {timeZone}. Add tasks from a lead&apos;s page.
        {tasks.length >= MY_TASKS_LIMIT ? ` Showing the first ${MY_TASKS_LIMIT}.` : ""}
      </p>
      {isAdmin && (
        <form method="get" action={PAGE} className="mt-4 flex flex-wrap items-end gap-2">
          <label htmlFor="tasks-user" className="block text-sm font-semibold">
            Staff member
            <select id="tasks-user" name="user" defaultValue={userId} className="mt-1 block min-h-10 rounded-lg border border-ink/30 bg-white px-2 font-normal">
              <SelectOptions options={people.map((p) => ({ value: p.id, label: p.id === staff.id ? `${p.name} (me)` : p.name }))} />
            </select>
          </label>
          <button type="submit" className="min-h-10 rounded-full px-4 text-sm font-semibold ring-1 ring-ink/30 hover:bg-ink/5">
            Show
          </button>
        </form>
      )}
      {saved && (
        <Notice className="mt-4" focusable>
          {saved}
        </Notice>
      )}
      {error && (
        <Notice tone="error" className="mt-4">
          {error === "forbidden" ? "Your role does not allow this." : error}
        </Notice>
      )}
      {list("overdue", "Overdue", groups.overdue, "Nothing overdue.")}
      {list("today", "Today", groups.today, "Nothing else due today.")}
      {list("upcoming", "Upcoming", groups.upcoming, "Nothing planned after today.")}
      <Section headingId="no-next" title={`Leads without a next task (${flagged.length})`} className="mt-8">
        <p className="mt-1 text-sm text-ink/70">Leads {self ? "you own" : "they own"} that have been contacted and are still open, with no open task.</p>
        {flagged.length > 0 && (
          <ul className="mt-3 space-y-2 text-sm">
            {flagged.map((l) => (
              <li key={l.id} className="break-words">
                <TextLink href={`/console/leads/${l.id}#tasks`}>{leadName(l)}</TextLink> · {STATUS_LABELS[l.status as LeadStatus] ?? l.status}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
