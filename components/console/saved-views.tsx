import { deleteViewAction, renameViewAction, saveViewAction } from "@/app/(console)/console/leads/views/actions";
import { STARTER_VIEWS, VIEW_NAME_MAX, type SavedViewLink } from "@/lib/console/saved-views";

/**
 * Saved inbox views above the filters: the starter views and the staff member's own, each a
 * link (a view is only a URL, so it can be shared); "Save this view" under a name; rename and
 * delete one's own. Plain forms, so all of it works without JavaScript. What a form answered
 * comes back in the URL (`viewDone`, `viewError` for the form `viewFor`, `viewName` as typed).
 */

export type ViewAnswer = { done?: string; error?: string; for?: string; name?: string };

const DONE: Record<string, string> = { saved: "View saved.", renamed: "View renamed.", deleted: "View deleted." };

const input = "min-h-10 w-full rounded-lg border border-ink/30 bg-white px-3 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand";
const button = "min-h-10 rounded-full px-4 text-sm font-semibold ring-1 ring-ink/30 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand";

function NameField({ id, label, value, error }: { id: string; label: string; value?: string; error?: string }) {
  return (
    <div className="min-w-0 flex-1">
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      <input
        id={id}
        name="name"
        required
        maxLength={VIEW_NAME_MAX}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={input}
      />
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

export function SavedViews({ mine, query, answer }: { mine: SavedViewLink[]; query: string; answer: ViewAnswer }) {
  const views = [...STARTER_VIEWS, ...mine];
  const current = (v: SavedViewLink) => v.query === query;
  const back = <input type="hidden" name="back" value={query} />;
  return (
    <section id="saved-views" aria-labelledby="saved-views-title" className="mt-6">
      <h2 id="saved-views-title" className="text-sm font-semibold">
        Views
      </h2>
      <ul className="mt-2 flex flex-wrap gap-2">
        {views.map((v) => (
          <li key={v.id ?? v.name}>
            <a
              href={`/console/leads${v.query ? `?${v.query}` : ""}`}
              aria-current={current(v) ? "page" : undefined}
              className={`inline-flex min-h-9 items-center rounded-full px-3 text-sm font-medium ring-1 ring-brand/40 ${current(v) ? "bg-brand text-white" : "bg-white text-brand underline"}`}
            >
              {v.name}
            </a>
          </li>
        ))}
      </ul>
      <p role="status" className="mt-2 text-sm text-ink/80">
        {answer.done ? DONE[answer.done] : ""}
        {answer.error && answer.for !== "save" && !mine.some((v) => v.id === answer.for) ? answer.error : ""}
      </p>
      <details open={Boolean(answer.error)} className="mt-1">
        <summary className="inline-flex min-h-10 cursor-pointer items-center text-sm font-semibold text-brand">Save or manage views</summary>
        <form action={saveViewAction} className="mt-2 flex flex-wrap items-end gap-3">
          {back}
          <input type="hidden" name="query" value={query} />
          <NameField
            id="view-name"
            label="Save this view as"
            value={answer.for === "save" ? answer.name : undefined}
            error={answer.for === "save" ? answer.error : undefined}
          />
          <button type="submit" className={button}>
            Save view
          </button>
        </form>
        {mine.length > 0 && (
          <ul className="mt-4 space-y-3" aria-label="My views">
            {mine.map((v) => (
              <li key={v.id} className="flex flex-wrap items-end gap-3">
                <form action={renameViewAction} className="flex min-w-0 flex-1 flex-wrap items-end gap-3">
                  {back}
                  <input type="hidden" name="id" value={v.id} />
                  <NameField
                    id={`view-${v.id}`}
                    label={`Rename "${v.name}"`}
                    value={answer.for === v.id && answer.name !== undefined ? answer.name : v.name}
                    error={answer.for === v.id ? answer.error : undefined}
                  />
                  <button type="submit" className={button}>
                    Rename
                  </button>
                </form>
                <form action={deleteViewAction}>
                  {back}
                  <input type="hidden" name="id" value={v.id} />
                  <button type="submit" className={button} aria-label={`Delete the view "${v.name}"`}>
                    Delete
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </details>
    </section>
  );
}
