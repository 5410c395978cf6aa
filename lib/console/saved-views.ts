import { z } from "zod";
import type { Db } from "../db";
import { isUniqueViolation } from "../leads/errors";
import { filtersToQuery, parseInboxFilters } from "./inbox";

/**
 * Saved inbox views: a staff member's named filters and sort. A view is only the inbox's query
 * string, so opening one is following a link, and the link can be shared (another person sees
 * the same filters; "owner=me" is then them). Everyone also sees the starter views.
 */

export type SavedViewLink = { id?: string; name: string; query: string; starter?: boolean };

/** Offered to every staff member, before their own. */
export const STARTER_VIEWS: readonly SavedViewLink[] = [
  { name: "My new leads", query: "status=new&owner=me", starter: true },
  { name: "Waiting > 24 h", query: "waiting=24h", starter: true },
];

export const VIEW_NAME_MAX = 60;
export const MAX_VIEWS = 50;

const viewName = z
  .string({ error: "Give the view a name." })
  .trim()
  .min(1, "Give the view a name.")
  .max(VIEW_NAME_MAX, `Keep the name to ${VIEW_NAME_MAX} characters.`);

/** The inbox's query, kept to what the inbox reads (filters and sort; never a page cursor). */
export function normalizeViewQuery(query: string): string {
  return filtersToQuery({ ...parseInboxFilters(new URLSearchParams(query.slice(0, 2_000))), after: undefined });
}

export const saveViewSchema = z.object({ name: viewName, query: z.string().max(2_000).default("").transform(normalizeViewQuery) });
export const renameViewSchema = z.object({ id: z.string().min(1).max(64), name: viewName });
export const deleteViewSchema = z.object({ id: z.string().min(1).max(64) });

export type ViewOutcome = { ok: true; id: string } | { ok: false; field?: "name"; error: string };

const taken = (name: string) => `You already have a view called "${name}".`;

/** One staff member's views, by name. */
export function listSavedViews(db: Db, userId: string): Promise<SavedViewLink[]> {
  return db.savedView.findMany({
    where: { userId },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: MAX_VIEWS,
    select: { id: true, name: true, query: true },
  });
}

export async function saveView(db: Db, userId: string, input: z.input<typeof saveViewSchema>): Promise<ViewOutcome> {
  const parsed = saveViewSchema.safeParse(input);
  if (!parsed.success) return { ok: false, field: "name", error: parsed.error.issues[0].message };
  const { name, query } = parsed.data;
  if (STARTER_VIEWS.some((v) => v.name.toLowerCase() === name.toLowerCase())) return { ok: false, field: "name", error: taken(name) };
  if ((await db.savedView.count({ where: { userId } })) >= MAX_VIEWS)
    return { ok: false, field: "name", error: `You can keep up to ${MAX_VIEWS} views; delete one first.` };
  try {
    const view = await db.savedView.create({ data: { userId, name, query }, select: { id: true } });
    return { ok: true, id: view.id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, field: "name", error: taken(name) };
    throw error;
  }
}

/** Renames one of the staff member's own views (another's id changes nothing). */
export async function renameView(db: Db, userId: string, input: z.input<typeof renameViewSchema>): Promise<ViewOutcome> {
  const parsed = renameViewSchema.safeParse(input);
  if (!parsed.success) return { ok: false, field: "name", error: parsed.error.issues[0].message };
  const { id, name } = parsed.data;
  if (STARTER_VIEWS.some((v) => v.name.toLowerCase() === name.toLowerCase())) return { ok: false, field: "name", error: taken(name) };
  try {
    const { count } = await db.savedView.updateMany({ where: { id, userId }, data: { name } });
    return count ? { ok: true, id } : { ok: false, error: "That view is not one of yours." };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, field: "name", error: taken(name) };
    throw error;
  }
}

export async function deleteView(db: Db, userId: string, input: z.input<typeof deleteViewSchema>): Promise<ViewOutcome> {
  const parsed = deleteViewSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Choose a view to delete." };
  const { count } = await db.savedView.deleteMany({ where: { id: parsed.data.id, userId } });
  return count ? { ok: true, id: parsed.data.id } : { ok: false, error: "That view is not one of yours." };
}
