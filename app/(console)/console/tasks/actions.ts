"use server";

import { redirect } from "next/navigation";
import type { FormInput } from "@/lib/actions/client";
import { viewFilters, viewQuery } from "@/lib/console/lead-neighbours";
import { consoleZone } from "@/app/(console)/time-zone";
import { addTask, addTaskSchema, reassignTask, reassignTaskSchema, setTaskDone, taskRefSchema, type TaskResult } from "@/lib/console/tasks";
import { db } from "@/lib/db";
import { staffAction } from "@/app/(console)/auth";

/**
 * Tasks on leads, from the lead page's "Tasks" panel and from "My tasks". The forms post
 * without JavaScript and come back (post/redirect/get) to the page they were sent from
 * (`from`: "lead" or "tasks"), with what happened in the URL; errors show next to their
 * field. Any staff member who may work leads may add, complete, reopen and reassign a task
 * on any lead (as with status and owner): staffAction checks "leads:work" first.
 */

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const text = (formData: FormData, name: string, max = 64) => {
  const v = formData.get(name);
  return typeof v === "string" ? v.slice(0, max) : "";
};

/** The page the form was on, with what happened: the lead page (in its inbox view) or My tasks (for whom). */
function back(formData: FormData, result: Record<string, string>): string {
  const query = new URLSearchParams(result);
  const leadId = text(formData, "leadId");
  if (text(formData, "from") !== "tasks" && ID.test(leadId)) {
    const view = viewFilters(text(formData, "view", 1000) || undefined);
    if (view && viewQuery(view)) query.set("view", viewQuery(view));
    return `/console/leads/${leadId}?${query.toString()}#tasks`;
  }
  const user = text(formData, "user");
  if (ID.test(user)) query.set("user", user);
  return `/console/tasks?${query.toString()}`;
}

const answers = (name: string) => ({
  name,
  malformed: () => redirect("/console/tasks"),
  returnTo: ({ formData }: FormInput) => back(formData, {}).replace(/\?.*$/, ""),
  forbidden: ({ formData }: FormInput) => redirect(back(formData, { form: "task", error: "forbidden" })),
});

const taskWork = staffAction("leads:work");

/** What the add form held, so a refused post shows it again. */
const tried = (formData: FormData) => ({
  kind: text(formData, "kind", 20),
  due: text(formData, "due", 20),
  ownerId: text(formData, "ownerId"),
  title: text(formData, "title", 200),
});

const outcome = (result: TaskResult, saved: string, form: string): Record<string, string> =>
  result.ok ? { form, saved } : { form, error: result.error, field: result.field ?? "form" };

/** The signed-in staff member's zone (app/(console)/time-zone.ts): typed due times are read in it. */
const zoneOf = async () => (await consoleZone()).timeZone;

export const addTaskAction = taskWork.formAction(answers("addTaskAction"), async ({ formData, staff }) => {
  const parsed = addTaskSchema.safeParse({
    leadId: formData.get("leadId"),
    kind: formData.get("kind"),
    due: formData.get("due"),
    ownerId: formData.get("ownerId"),
    title: formData.get("title") ?? undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    redirect(back(formData, { form: "task", error: issue.message, field: String(issue.path[0] ?? "form"), ...tried(formData) }));
  }
  const result = await addTask(db(), { ...parsed.data, actorId: staff.id, timeZone: await zoneOf(), now: new Date() });
  redirect(back(formData, result.ok ? { form: "task", saved: "added" } : { ...outcome(result, "added", "task"), ...tried(formData) }));
});

/** Done or open again: one action per button, so each button names what it does. */
function doneAction(name: string, done: boolean) {
  return taskWork.formAction(answers(name), async ({ formData, staff }) => {
    const parsed = taskRefSchema.safeParse({ taskId: formData.get("taskId") });
    if (!parsed.success) redirect(back(formData, { form: "task-list", error: "That task does not exist.", field: "form" }));
    const result = await setTaskDone(db(), { taskId: parsed.data.taskId, actorId: staff.id, done, now: new Date() });
    redirect(back(formData, outcome(result, done ? "done" : "reopened", "task-list")));
  });
}

export const completeTaskAction = doneAction("completeTaskAction", true);
export const reopenTaskAction = doneAction("reopenTaskAction", false);

export const reassignTaskAction = taskWork.formAction(answers("reassignTaskAction"), async ({ formData, staff }) => {
  const parsed = reassignTaskSchema.safeParse({ taskId: formData.get("taskId"), ownerId: formData.get("ownerId") });
  if (!parsed.success) redirect(back(formData, { form: "task-list", error: parsed.error.issues[0].message, field: "form" }));
  const result = await reassignTask(db(), { ...parsed.data, actorId: staff.id, now: new Date() });
  redirect(back(formData, outcome(result, "reassigned", "task-list")));
});
