import { FieldError, fieldAria, SelectOptions } from "@/components/console/fields";
import { BulkActions, BulkSelectAll, UndoCountdown } from "@/components/console/inbox-bulk-client";
import {
  bulkAssignAction,
  bulkMarkReadAction,
  bulkMarkUnreadAction,
  bulkStatusAction,
  markInboxSeenAction,
  undoBulkChangeAction,
} from "@/app/(console)/console/leads/bulk-actions";
import { BULK_ERROR_FIELD, BULK_ERRORS, bulkNoticeText, triedStatus, type BulkNotice } from "@/lib/console/bulk-notice";
import { LEAD_STATUSES } from "@/lib/console/inbox";
import { LIMITS, STATUS_LABELS } from "@/lib/console/pipeline";

/**
 * The inbox's bulk work (issue 19): a checkbox per row, a bar of actions for the checked
 * rows, the notice of what the last one did (with Undo for 10 seconds), and "new since you
 * last looked". The bar is one plain form (id BULK_FORM); the rows' checkboxes join it with
 * form=, so the table needs no form around it. Each button posts to its own Server Action
 * (app/(console)/console/leads/bulk-actions.ts); "Export selected" is a GET to the export.
 */

export const BULK_FORM = "bulk-form";

const button = "min-h-10 rounded-full px-4 text-sm font-semibold";
const primary = `${button} bg-brand text-white`;
const secondary = `${button} text-brand ring-1 ring-brand hover:bg-brand-soft`;
const control = "mt-1 block min-h-10 rounded-lg border border-ink/30 bg-white px-2 text-sm";

/** A row's checkbox, part of the bulk form. */
export function BulkCheckbox({ id, name, checked }: { id: string; name: string; checked: boolean }) {
  return (
    <label className="inline-flex min-h-6 min-w-6 items-center">
      <input type="checkbox" name="id" value={id} form={BULK_FORM} defaultChecked={checked} data-bulk-select className="h-5 w-5" />
      <span className="sr-only">Select {name}</span>
    </label>
  );
}

export { BulkSelectAll };

/** What the last bulk action did, and its Undo while the server still allows it. */
export function BulkNoticeBar({ notice, view, undo }: { notice: BulkNotice; view: string; undo: { id: string; remainingMs: number } | null }) {
  const text = bulkNoticeText(notice);
  const fieldError = notice.error && BULK_ERROR_FIELD[notice.error];
  // Only when there is something to say: the inbox's count is the page's other status.
  if (!text || fieldError) return null;
  return (
    <div
      role="status"
      className={`mt-4 flex flex-wrap items-center gap-3 rounded-lg px-3 py-2 text-sm ${notice.error ? "bg-red-50 text-red-900" : "bg-brand-soft"}`}
    >
      <span>{text}</span>
      {undo && (
        <UndoCountdown remainingMs={undo.remainingMs}>
          <form action={undoBulkChangeAction}>
            <input type="hidden" name="view" value={view} />
            <input type="hidden" name="bulkChangeId" value={undo.id} />
            <button type="submit" className={secondary}>
              Undo
            </button>
          </form>
        </UndoCountdown>
      )}
    </div>
  );
}

/** "N new since you last looked", and the button that moves the mark to now. */
export function NewSinceLastLooked({ count, capped, since, view }: { count: number; capped: boolean; since: string; view: string }) {
  return (
    <div className="mt-4 flex flex-wrap items-center gap-3 text-sm">
      <p>
        {count === 0 ? (
          <>Nothing new since you last looked ({since}).</>
        ) : (
          <>
            <strong>
              {capped ? `More than ${count}` : count} new {count === 1 && !capped ? "lead" : "leads"}
            </strong>{" "}
            since you last looked ({since}).
          </>
        )}
      </p>
      {count > 0 && (
        <form action={markInboxSeenAction}>
          <input type="hidden" name="view" value={view} />
          <button type="submit" className={secondary}>
            Mark as seen
          </button>
        </form>
      )}
    </div>
  );
}

/** The bar: what to do with the checked rows. */
export function BulkBar({ view, notice, staff, allHref }: { view: string; notice: BulkNotice; staff: { id: string; name: string }[]; allHref: string }) {
  const field = notice.error ? BULK_ERROR_FIELD[notice.error] : undefined;
  const error = (name: string) => (field === name && notice.error ? BULK_ERRORS[notice.error] : undefined);
  const tried = triedStatus(notice.tried);
  return (
    <form id={BULK_FORM} aria-label="Change the selected leads" className="mt-4 rounded-xl border border-ink/10 bg-white p-4">
      <input type="hidden" name="view" value={view} />
      {/* Tells the export that this GET is a selection (an empty one is refused, not the whole view). */}
      <input type="hidden" name="selection" value="1" />
      <noscript>
        <p className="mb-2 text-sm">
          <a href={allHref} className="font-semibold text-brand underline">
            Select all on this page
          </a>
        </p>
      </noscript>
      <BulkActions>
        <div className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="bulk-status" className="text-sm font-medium">
              Status
            </label>
            <select id="bulk-status" name="status" defaultValue={tried ?? ""} className={control} {...fieldAria("bulk-status", { error: error("status") })}>
              <option value="">Choose…</option>
              <SelectOptions options={LEAD_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} />
            </select>
            <FieldError id="bulk-status" error={error("status")} />
          </div>
          <div>
            <label htmlFor="bulk-lost" className="text-sm font-medium">
              Reason (for Lost)
            </label>
            <input
              id="bulk-lost"
              name="lostReason"
              maxLength={LIMITS.lostReason}
              className={`${control} w-48`}
              {...fieldAria("bulk-lost", { error: error("lostReason") })}
            />
            <FieldError id="bulk-lost" error={error("lostReason")} />
          </div>
          <button type="submit" formAction={bulkStatusAction} className={primary}>
            Change status
          </button>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="bulk-owner" className="text-sm font-medium">
              Owner
            </label>
            <select
              id="bulk-owner"
              name="ownerId"
              defaultValue={notice.tried && !tried ? notice.tried : ""}
              className={control}
              {...fieldAria("bulk-owner", { error: error("ownerId") })}
            >
              <option value="">Unassigned</option>
              <SelectOptions options={staff.map((s) => ({ value: s.id, label: s.name }))} />
            </select>
            <FieldError id="bulk-owner" error={error("ownerId")} />
          </div>
          <button type="submit" formAction={bulkAssignAction} className={primary}>
            Assign
          </button>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <button type="submit" formAction={bulkMarkReadAction} className={secondary}>
            Mark read
          </button>
          <button type="submit" formAction={bulkMarkUnreadAction} className={secondary}>
            Mark unread
          </button>
          <button type="submit" formAction="/console/leads/export" formMethod="get" className={secondary}>
            Export selected (CSV)
          </button>
        </div>
      </BulkActions>
    </form>
  );
}
