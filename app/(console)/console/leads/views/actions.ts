"use server";

import { redirect } from "next/navigation";
import { staffAction } from "@/app/(console)/auth";
import { db } from "@/lib/db";
import { deleteView, normalizeViewQuery, renameView, saveView, VIEW_NAME_MAX, type ViewOutcome } from "@/lib/console/saved-views";

/**
 * Saved inbox views (components/console/saved-views.tsx): save the current view under a name,
 * rename or delete one's own. Plain forms (post/redirect/get, no JavaScript needed) that come
 * back to the inbox view they were posted from, with the outcome in the URL; errors show next
 * to the name field, with what was typed. Every staff role may keep views ("leads:read",
 * checked by staffAction before the body runs); a view is always the session's own.
 */

const text = (formData: FormData, key: string, max = 2_000) => {
  const v = formData.get(key);
  return typeof v === "string" ? v.slice(0, max) : "";
};

/** The inbox view the form was on, plus what happened. */
function inbox(formData: FormData, result: Record<string, string>): string {
  const query = new URLSearchParams(normalizeViewQuery(text(formData, "back")));
  for (const [k, v] of Object.entries(result)) query.set(k, v);
  return `/console/leads?${query.toString()}#saved-views`;
}

const answers = (name: string) => ({
  name,
  malformed: () => redirect("/console/leads"),
  returnTo: () => "/console/leads",
  forbidden: ({ formData }: { formData: FormData }) => redirect(inbox(formData, { viewError: "You cannot keep views.", viewFor: "save" })),
});

const outcome = (formData: FormData, form: string, r: ViewOutcome, done: string) =>
  redirect(
    inbox(
      formData,
      r.ok ? { viewDone: done } : { viewError: r.error, viewFor: form, ...(r.field ? { viewName: text(formData, "name", VIEW_NAME_MAX * 2) } : {}) },
    ),
  );

const views = staffAction("leads:read");

export const saveViewAction = views.formAction(answers("saveViewAction"), async ({ formData, staff }) => {
  const r = await saveView(db(), staff.id, { name: text(formData, "name"), query: text(formData, "query") });
  outcome(formData, "save", r, "saved");
});

export const renameViewAction = views.formAction(answers("renameViewAction"), async ({ formData, staff }) => {
  const id = text(formData, "id", 64);
  const r = await renameView(db(), staff.id, { id, name: text(formData, "name") });
  outcome(formData, id, r, "renamed");
});

export const deleteViewAction = views.formAction(answers("deleteViewAction"), async ({ formData, staff }) => {
  const id = text(formData, "id", 64);
  const r = await deleteView(db(), staff.id, { id });
  outcome(formData, id, r, "deleted");
});
