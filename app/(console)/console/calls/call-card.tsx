import type { ReactNode } from "react";
import type { AgendaItem } from "@/lib/booking/book";
import { Badge, type BadgeTone } from "@/components/console/page-parts";
import { callActions, formatClock, shortZone, STATUS_LABELS } from "@/lib/console/calls";
import { cancelCallAction, markCallAction } from "./actions";

const TONES: Record<string, BadgeTone> = { booked: "sky", done: "emerald", no_show: "amber", cancelled: "stone" };
const small = "min-h-10 rounded-full px-4 text-sm font-semibold";

/** A readable label–value list that stacks on a phone. */
function Rows({ rows }: { rows: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[minmax(0,12rem)_1fr]">
      {rows.map((r) => (
        <div key={r.label} className="contents">
          <dt className="font-semibold">{r.label}</dt>
          <dd className="break-words whitespace-pre-wrap">{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * One call on the agenda: when (in the agenda's zone), who (linked to the lead), what they
 * sent, and the buttons that apply now. Cancelling asks first: the Cancel link opens the
 * confirmation in place (`confirming`), a plain link and form, so no JavaScript is needed.
 */
export function CallCard({ call, timeZone, now, back, confirming }: { call: AgendaItem; timeZone: string; now: Date; back: string; confirming: boolean }) {
  const can = callActions(call, now);
  const name = call.lead.name ?? call.lead.email ?? "Unnamed lead";
  const when = `${formatClock(call.startsAt, timeZone)}–${formatClock(call.endsAt, timeZone)}`;
  const headingId = `call-${call.id}-h`;
  const cancelHref = `${back}${back.includes("?") ? "&" : "?"}cancel=${call.id}#call-${call.id}`;
  return (
    <li id={`call-${call.id}`} className="rounded-xl border border-ink/10 bg-white p-4">
      <article aria-labelledby={headingId}>
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h3 id={headingId} className="text-lg font-semibold">
            <time dateTime={call.startsAt.toISOString()}>{when}</time> · {call.callType.name}
          </h3>
          <Badge tone={TONES[call.status]}>{STATUS_LABELS[call.status] ?? call.status}</Badge>
        </div>
        <p className="mt-1">
          <a href={`/console/leads/${call.lead.id}`} className="font-semibold text-brand underline">
            {name}
          </a>
          {[call.lead.email, call.lead.phone].filter(Boolean).map((v) => (
            <span key={v} className="break-all text-ink/80">
              {" "}
              · {v}
            </span>
          ))}
        </p>
        <div className="mt-3">
          <Rows
            rows={[
              { label: "Advisor", value: call.advisor.name },
              ...(call.programName ? [{ label: "Program", value: call.programName }] : []),
              {
                label: "Their time",
                value: `${formatClock(call.startsAt, call.visitorTimeZone)} ${shortZone(call.startsAt, call.visitorTimeZone)} (${call.visitorTimeZone.replace(/_/g, " ")})`,
              },
              ...(call.rescheduleCount > 0 ? [{ label: "Moved", value: `${call.rescheduleCount} time${call.rescheduleCount === 1 ? "" : "s"}` }] : []),
            ]}
          />
        </div>
        <details className="mt-3" open={call.summary.length > 0 && call.summary.length <= 6}>
          <summary className="cursor-pointer text-sm font-semibold">What they sent</summary>
          <div className="mt-2">
            {call.summary.length ? (
              <Rows rows={call.summary.map((r) => ({ label: r.label, value: r.value }))} />
            ) : (
              <p className="text-sm">Nothing beyond their contact details.</p>
            )}
          </div>
        </details>
        {(can.outcome || can.change) && (
          <div className="mt-4 flex flex-wrap gap-2">
            {can.outcome &&
              (["done", "no_show"] as const)
                .filter((o) => o !== call.status)
                .map((o) => (
                  <form key={o} action={markCallAction}>
                    <input type="hidden" name="bookingId" value={call.id} />
                    <input type="hidden" name="outcome" value={o} />
                    <input type="hidden" name="back" value={back} />
                    <button type="submit" className={`${small} ${o === "done" ? "bg-brand text-white" : "text-brand ring-1 ring-brand"}`}>
                      {o === "done" ? "Done" : "No-show"}
                      <span className="sr-only">: the call with {name}</span>
                    </button>
                  </form>
                ))}
            {can.change && (
              <>
                <a
                  href={`/console/calls/${call.id}/reschedule?back=${encodeURIComponent(back)}`}
                  className={`${small} inline-flex items-center text-brand ring-1 ring-brand`}
                >
                  Reschedule<span className="sr-only">: the call with {name}</span>
                </a>
                {!confirming && (
                  <a href={cancelHref} className={`${small} inline-flex items-center text-red-800 ring-1 ring-red-800`}>
                    Cancel<span className="sr-only">: the call with {name}</span>
                  </a>
                )}
              </>
            )}
          </div>
        )}
        {can.change && confirming && (
          <form action={cancelCallAction} className="mt-4 rounded-lg border border-red-300 bg-red-50 p-3" aria-labelledby={`${headingId}-cancel`}>
            <p id={`${headingId}-cancel`} className="font-semibold text-red-900">
              Cancel the call with {name} at {when}? They and the advisor get a cancellation, and the time is offered again.
            </p>
            <input type="hidden" name="bookingId" value={call.id} />
            <input type="hidden" name="confirm" value="yes" />
            <input type="hidden" name="back" value={back} />
            <div className="mt-3 flex flex-wrap gap-2">
              <button type="submit" className={`${small} bg-red-800 text-white`}>
                Yes, cancel the call
              </button>
              <a href={`${back}#call-${call.id}`} className={`${small} inline-flex items-center ring-1 ring-ink/40`}>
                Keep it
              </a>
            </div>
          </form>
        )}
      </article>
    </li>
  );
}
