import type { Metadata } from "next";
import { requireStaffPage } from "@/app/(console)/auth";
import { FieldError, fieldAria } from "@/components/console/fields";
import { Badge, BackLink, Notice } from "@/components/console/page-parts";
import { LOST_REASON_LIMITS, listLostReasons } from "@/lib/console/lost-reasons";
import { db } from "@/lib/db";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { addLostReasonAction, moveLostReasonAction, renameLostReasonAction, retireLostReasonAction } from "./actions";

export const metadata: Metadata = { title: "Lost reasons" };

const SAVED: Record<string, string> = {
  added: "Reason added.",
  renamed: "Reason renamed. Leads already lost for it keep the code; new ones show the new name.",
  moved: "Reason moved.",
  retired: "Reason retired: it is no longer offered. Leads lost for it keep it.",
  offered: "Reason offered again.",
};

const INPUT = "mt-1 block min-h-10 w-full rounded-lg border border-ink/30 bg-white px-2 aria-[invalid=true]:border-2 aria-[invalid=true]:border-red-700";
const SMALL = "min-h-10 rounded-full px-3 text-sm font-semibold ring-1 ring-brand text-brand disabled:opacity-50";
const PRIMARY = "min-h-10 rounded-full bg-brand px-4 text-sm font-semibold text-white";

/**
 * The lost reasons staff choose from when a lead is marked lost: add, rename, reorder, retire.
 * Permission "pipeline:edit". A reason's code never changes; retiring keeps it on old leads.
 */
export default async function LostReasonsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaffPage("pipeline:edit", "/console/leads/lost-reasons");
  const q = await searchParams;
  const reasons = await listLostReasons(db());
  const saved = SAVED[queryParam(q, "saved") ?? ""];
  const error = queryParam(q, "error", 300);
  const form = queryParam(q, "form");
  const fieldError = (name: string) => (error && form === name ? error : undefined);
  const kept = (name: string) => (error && form === name ? queryParam(q, "value", 200) : undefined);
  const pageError = error && !form ? error : undefined;

  return (
    <>
      <BackLink href="/console/leads">← All leads</BackLink>
      <h1 className="mt-3 text-2xl font-bold tracking-tight">Lost reasons</h1>
      <p className="mt-2 max-w-3xl text-ink/80">
        Why leads are lost: staff choose one of these, in this order, when they mark a lead Lost. Renaming a reason keeps its code, so leads already lost for it
        stay counted together. A retired reason is no longer offered, and the leads lost for it keep it.
      </p>
      {saved && (
        <Notice className="mt-4" focusable>
          {saved}
        </Notice>
      )}
      {pageError && (
        <Notice tone="error" className="mt-4">
          {pageError}
        </Notice>
      )}

      <ol id="reasons" className="mt-6 max-w-3xl space-y-3" aria-label="Lost reasons">
        {reasons.map((r, i) => {
          const inputId = `reason-label-${r.id}`;
          return (
            <li key={r.id} id={`reason-${r.id}`} className="rounded-xl border border-ink/10 bg-white p-4">
              <p className="flex flex-wrap items-center gap-2">
                <strong className="break-words">{r.label}</strong>
                <code className="text-sm text-ink/70">{r.code}</code>
                {r.active ? <Badge tone="emerald">Offered</Badge> : <Badge tone="stone">Retired</Badge>}
              </p>
              <form action={renameLostReasonAction} className="mt-3 flex flex-wrap items-end gap-2" noValidate>
                <input type="hidden" name="reasonId" value={r.id} />
                <div className="min-w-0 flex-1 basis-48">
                  <label htmlFor={inputId} className="text-sm font-semibold">
                    Name<span className="sr-only"> of {r.label}</span>
                  </label>
                  <input
                    id={inputId}
                    name="label"
                    required
                    maxLength={LOST_REASON_LIMITS.label}
                    defaultValue={kept(r.id) ?? r.label}
                    {...fieldAria(inputId, { error: fieldError(r.id) })}
                    className={INPUT}
                  />
                  <FieldError id={inputId} error={fieldError(r.id)} />
                </div>
                <button type="submit" className={SMALL}>
                  Rename<span className="sr-only"> {r.label}</span>
                </button>
              </form>
              <div className="mt-3 flex flex-wrap gap-2">
                <form action={moveLostReasonAction}>
                  <input type="hidden" name="reasonId" value={r.id} />
                  <button type="submit" name="direction" value="up" className={SMALL} disabled={i === 0}>
                    Move up<span className="sr-only">: {r.label}</span>
                  </button>
                </form>
                <form action={moveLostReasonAction}>
                  <input type="hidden" name="reasonId" value={r.id} />
                  <button type="submit" name="direction" value="down" className={SMALL} disabled={i === reasons.length - 1}>
                    Move down<span className="sr-only">: {r.label}</span>
                  </button>
                </form>
                <form action={retireLostReasonAction}>
                  <input type="hidden" name="reasonId" value={r.id} />
                  <button type="submit" name="op" value={r.active ? "retire" : "offer"} className={SMALL}>
                    {r.active ? "Retire" : "Offer again"}
                    <span className="sr-only">: {r.label}</span>
                  </button>
                </form>
              </div>
            </li>
          );
        })}
      </ol>

      <section aria-labelledby="add-reason-h" className="mt-8 max-w-3xl">
        <h2 id="add-reason-h" className="text-lg font-bold">
          Add a reason
        </h2>
        <form action={addLostReasonAction} className="mt-2 flex flex-wrap items-end gap-2" noValidate>
          <div className="min-w-0 flex-1 basis-48">
            <label htmlFor="new-reason" className="text-sm font-semibold">
              New reason
            </label>
            <input
              id="new-reason"
              name="label"
              required
              maxLength={LOST_REASON_LIMITS.label}
              defaultValue={kept("add") ?? ""}
              {...fieldAria("new-reason", { error: fieldError("add") })}
              className={INPUT}
            />
            <FieldError id="new-reason" error={fieldError("add")} />
          </div>
          <button type="submit" className={PRIMARY}>
            Add reason
          </button>
        </form>
      </section>
    </>
  );
}
