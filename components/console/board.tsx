"use client";

import {
  useEffect,
  useOptimistic,
  useRef,
  useState,
  useSyncExternalStore,
  useTransition,
  type FormEvent,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
} from "react";
import type { LeadStatus } from "@/lib/console/inbox";

/**
 * The pipeline board's moving parts. Every card has a plain form (stage select, Move) posting
 * to the board's Server Action, so it works without JavaScript. With JavaScript the same action
 * is called three ways: that form, dragging the card's handle onto a column (pointer events,
 * so mouse and touch alike), and the keyboard (Space picks the card up, arrows choose a column,
 * Space or Enter drops, Escape cancels), each announced in a live region. The card moves at
 * once and goes back if the server refuses; the action redirects to the board, which Next
 * renders in place from the server's answer. The stages and their labels come from the page,
 * so no server module (zod, the pipeline's rules) is sent to the browser.
 */

export type BoardCardData = { id: string; status: LeadStatus; name: string; createdAt: string; body: ReactNode };
export type BoardColumnData = { status: LeadStatus; heading: string; more?: { href: string; text: string } };
/** A refused move of one card, from the board's URL: the stage it asked for and the reason typed. */
export type CardError = { leadId: string; message: string; field?: "lostReason"; tried?: LeadStatus; reason?: string };

type Props = {
  /** The pipeline's stages in order, with their labels. */
  stages: { status: LeadStatus; label: string }[];
  columns: BoardColumnData[];
  cards: BoardCardData[];
  canMove: boolean;
  filters: { owner?: string; program?: string };
  cardError?: CardError;
  moveAction: (formData: FormData) => Promise<void>;
};

/** Next's redirect from a Server Action rejects the call's promise; the router has already moved to the new URL. */
const isRedirect = (e: unknown) => typeof e === "object" && e !== null && String((e as { digest?: unknown }).digest ?? "").startsWith("NEXT_REDIRECT");

const noSubscription = () => () => {};

type Drag = { id: string; pointerId: number; x0: number; y0: number; dx: number; dy: number; active: boolean; target: LeadStatus | null };

export function PipelineBoard({ stages, columns, cards, canMove, filters, cardError, moveAction }: Props) {
  const order = stages.map((s) => s.status);
  const label = (s: LeadStatus) => stages.find((x) => x.status === s)?.label ?? s;
  // True once hydrated (false in the server's HTML): the drag handles work only with JavaScript.
  const mounted = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [pending, startTransition] = useTransition();
  const [shown, moveShown] = useOptimistic(cards, (all, m: { id: string; to: LeadStatus }) => all.map((c) => (c.id === m.id ? { ...c, status: m.to } : c)));
  const [picked, setPicked] = useState<{ id: string; target: LeadStatus } | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [live, setLive] = useState("");
  const [failure, setFailure] = useState<string | null>(null);
  const [asking, setAsking] = useState<string | null>(null);
  const focusAfter = useRef<string | null>(null);
  const region = useRef<HTMLDivElement>(null);

  // A moved card is drawn again in its new column: give the handle its focus back.
  useEffect(() => {
    if (pending || !focusAfter.current) return;
    document.querySelector<HTMLElement>(`[data-handle="${CSS.escape(focusAfter.current)}"]`)?.focus();
    focusAfter.current = null;
  }, [pending, cards]);

  const byId = new Map(shown.map((c) => [c.id, c]));
  const announce = (text: string) => setLive(text);

  /** Moving to Lost needs a reason: open the card's own form on Lost, with the reason field focused. */
  const askReason = (id: string) => {
    const select = document.getElementById(`move-${id}`) as HTMLSelectElement | null;
    if (select) select.value = "lost";
    setAsking(id);
    requestAnimationFrame(() => document.getElementById(`reason-${id}`)?.focus());
    announce(`Moving ${byId.get(id)?.name ?? "the lead"} to Lost needs a reason. Write it, then press Move.`);
  };

  const move = (id: string, to: LeadStatus, reason = "") => {
    const card = byId.get(id);
    if (!card) return;
    if (to === card.status) return announce(`${card.name} stays in ${label(to)}.`);
    if (to === "lost" && !reason.trim()) return askReason(id);
    const fd = new FormData();
    fd.set("leadId", id);
    fd.set("status", to);
    if (reason) fd.set("lostReason", reason);
    if (filters.owner) fd.set("owner", filters.owner);
    if (filters.program) fd.set("program", filters.program);
    setFailure(null);
    setAsking(null);
    focusAfter.current = id;
    announce(`Moving ${card.name} to ${label(to)}…`);
    startTransition(async () => {
      moveShown({ id, to });
      try {
        await moveAction(fd);
      } catch (e) {
        if (isRedirect(e)) return;
        const message = `${card.name} could not be moved (the server did not answer). It is back in ${label(card.status)}; try again.`;
        setFailure(message);
        announce(message);
      }
    });
  };

  const submitForm = (e: FormEvent<HTMLFormElement>, id: string) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const to = fd.get("status");
    if (typeof to !== "string" || !(order as string[]).includes(to)) return;
    move(id, to as LeadStatus, String(fd.get("lostReason") ?? ""));
  };

  const onHandleKey = (e: KeyboardEvent<HTMLButtonElement>, card: BoardCardData) => {
    const drop = e.key === " " || e.key === "Enter";
    if (!picked || picked.id !== card.id) {
      if (!drop) return;
      e.preventDefault();
      setPicked({ id: card.id, target: card.status });
      announce(`Picked up ${card.name}, in ${label(card.status)}. Left and right arrows choose a stage, Space drops, Escape cancels.`);
      return;
    }
    const step = e.key === "ArrowRight" || e.key === "ArrowDown" ? 1 : e.key === "ArrowLeft" || e.key === "ArrowUp" ? -1 : 0;
    if (step) {
      e.preventDefault();
      const target = order[Math.min(order.length - 1, Math.max(0, order.indexOf(picked.target) + step))];
      setPicked({ id: card.id, target });
      document.querySelector(`[data-column="${target}"]`)?.scrollIntoView({ block: "nearest", inline: "nearest" });
      announce(`${card.name}: over ${label(target)}${target === card.status ? ", where it is now" : ""}.`);
    } else if (drop) {
      e.preventDefault();
      setPicked(null);
      move(card.id, picked.target);
    } else if (e.key === "Escape") {
      e.preventDefault();
      setPicked(null);
      announce(`Move cancelled. ${card.name} stays in ${label(card.status)}.`);
    }
  };

  const columnAt = (x: number, y: number): LeadStatus | null => {
    const el = document.elementFromPoint(x, y)?.closest<HTMLElement>("[data-column]");
    return (el?.dataset.column as LeadStatus | undefined) ?? null;
  };

  const onPointerDown = (e: PointerEvent<HTMLButtonElement>, card: BoardCardData) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    setDrag({ id: card.id, pointerId: e.pointerId, x0: e.clientX, y0: e.clientY, dx: 0, dy: 0, active: false, target: null });
  };
  const onPointerMove = (e: PointerEvent<HTMLButtonElement>) => {
    if (!drag || drag.pointerId !== e.pointerId) return;
    const dx = e.clientX - drag.x0;
    const dy = e.clientY - drag.y0;
    const active = drag.active || Math.hypot(dx, dy) > 6;
    if (!active) return;
    if (!drag.active) announce(`Dragging ${byId.get(drag.id)?.name ?? "the card"}.`);
    // Near the board's edges, scroll it (on a phone the columns sit side by side past the screen).
    const box = region.current?.getBoundingClientRect();
    if (box && region.current) {
      if (e.clientX > box.right - 40) region.current.scrollLeft += 12;
      else if (e.clientX < box.left + 40) region.current.scrollLeft -= 12;
    }
    setDrag({ ...drag, dx, dy, active, target: columnAt(e.clientX, e.clientY) });
  };
  const endDrag = (e: PointerEvent<HTMLButtonElement>, drop: boolean) => {
    if (!drag || drag.pointerId !== e.pointerId) return;
    const { id, active } = drag;
    const target = drop && active ? columnAt(e.clientX, e.clientY) : null;
    setDrag(null);
    if (target) move(id, target);
    else if (active) announce("Move cancelled.");
  };
  useEffect(() => {
    if (!drag?.active) return;
    const cancel = (e: globalThis.KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setDrag(null);
      announce("Move cancelled.");
    };
    window.addEventListener("keydown", cancel);
    return () => window.removeEventListener("keydown", cancel);
  }, [drag?.active]);

  const highlighted = drag?.active ? drag.target : (picked?.target ?? null);

  return (
    <>
      <p id="board-help" className="sr-only">
        To move a card with the keyboard, focus its Move handle and press Space, choose a stage with the arrow keys, then press Space again. Escape cancels.
      </p>
      <div id="board-live" aria-live="assertive" className="sr-only">
        {live}
      </div>
      {failure && (
        <p role="alert" className="mt-4 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-red-900">
          {failure}
        </p>
      )}
      <div ref={region} role="region" aria-label="Pipeline board, one column per stage" tabIndex={0} className="relative mt-4 overflow-x-auto rounded-xl pb-2">
        <div className="flex gap-3">
          {columns.map((col) => {
            const inColumn = shown.filter((c) => c.status === col.status).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
            const isTarget = highlighted === col.status;
            return (
              <section
                key={col.status}
                data-column={col.status}
                aria-labelledby={`col-${col.status}`}
                className={`w-64 shrink-0 rounded-xl border bg-ink/5 p-2 lg:w-auto lg:min-w-0 lg:flex-1 ${isTarget ? "border-brand ring-2 ring-brand" : "border-ink/10"}`}
              >
                <h2 id={`col-${col.status}`} className="px-1 py-1 text-sm font-semibold">
                  {col.heading}
                </h2>
                {isTarget && <p className="px-1 text-xs font-semibold text-brand">Drop here</p>}
                <ol className="mt-1 space-y-2">
                  {inColumn.map((card) => {
                    const dragging = drag?.active && drag.id === card.id;
                    const error = cardError?.leadId === card.id ? cardError : undefined;
                    return (
                      <li
                        key={card.id}
                        id={`card-${card.id}`}
                        className={`rounded-lg border bg-white p-2 text-sm shadow-sm ${picked?.id === card.id ? "border-brand ring-2 ring-brand" : "border-ink/10"} ${dragging ? "pointer-events-none relative z-10 opacity-90 shadow-lg" : ""}`}
                        style={dragging ? { transform: `translate(${drag.dx}px, ${drag.dy}px)` } : undefined}
                      >
                        {card.body}
                        {canMove && (
                          <MoveForm
                            key={`${card.id}-${card.status}`}
                            card={card}
                            stages={stages}
                            filters={filters}
                            error={error}
                            reasonOpen={asking === card.id}
                            action={moveAction}
                            onSubmit={(e) => submitForm(e, card.id)}
                          />
                        )}
                        {canMove && mounted && (
                          <button
                            type="button"
                            data-handle={card.id}
                            aria-describedby="board-help"
                            aria-pressed={picked?.id === card.id}
                            onKeyDown={(e) => onHandleKey(e, card)}
                            onBlur={() => picked?.id === card.id && setPicked(null)}
                            onPointerDown={(e) => onPointerDown(e, card)}
                            onPointerMove={onPointerMove}
                            onPointerUp={(e) => endDrag(e, true)}
                            onPointerCancel={(e) => endDrag(e, false)}
                            className="mt-2 flex min-h-9 w-full cursor-grab touch-none select-none items-center justify-center gap-1 rounded-md border border-dashed border-ink/30 text-xs font-semibold text-ink/80 hover:bg-ink/5 focus-visible:outline-2 focus-visible:outline-brand"
                          >
                            <span aria-hidden="true">⠿</span> Drag or pick up<span className="sr-only"> {card.name}</span>
                          </button>
                        )}
                      </li>
                    );
                  })}
                </ol>
                {inColumn.length === 0 && <p className="px-1 py-3 text-xs text-ink/80">No leads here.</p>}
                {col.more && (
                  <p className="mt-2 px-1 text-xs">
                    <a href={col.more.href} className="font-semibold text-brand underline">
                      {col.more.text}
                    </a>
                  </p>
                )}
              </section>
            );
          })}
        </div>
      </div>
    </>
  );
}

/**
 * A card's plain form: "Move to" a stage, and a reason when that stage is Lost (CSS shows the
 * field once Lost is chosen, with or without JavaScript; a refused move shows it open).
 */
function MoveForm({
  card,
  stages,
  filters,
  error,
  reasonOpen,
  action,
  onSubmit,
}: {
  card: BoardCardData;
  stages: Props["stages"];
  filters: Props["filters"];
  error?: CardError;
  reasonOpen: boolean;
  action: (formData: FormData) => Promise<void>;
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
}) {
  const [clientError, setClientError] = useState<string | null>(null);
  const others = stages.filter((s) => s.status !== card.status);
  // By default the stage after this one (Lost comes back to New).
  const next = stages[(stages.findIndex((s) => s.status === card.status) + 1) % stages.length].status;
  const chosen = error?.tried && error.tried !== card.status ? error.tried : next;
  const reasonError = clientError ?? (error?.field === "lostReason" ? error.message : undefined);
  const open = reasonOpen || !!reasonError || chosen === "lost";
  const selectId = `move-${card.id}`;
  const reasonId = `reason-${card.id}`;
  return (
    <form
      action={action}
      onSubmit={(e) => {
        const fd = new FormData(e.currentTarget);
        if (fd.get("status") === "lost" && !String(fd.get("lostReason") ?? "").trim()) {
          e.preventDefault();
          setClientError("Say why the lead was lost: moving to Lost needs a reason.");
          document.getElementById(reasonId)?.focus();
          return;
        }
        setClientError(null);
        onSubmit(e);
      }}
      className="group mt-2 border-t border-ink/10 pt-2"
    >
      <input type="hidden" name="leadId" value={card.id} />
      {filters.owner && <input type="hidden" name="owner" value={filters.owner} />}
      {filters.program && <input type="hidden" name="program" value={filters.program} />}
      <div className="flex items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor={selectId} className="block text-xs font-semibold">
            Move to<span className="sr-only"> (stage for {card.name})</span>
          </label>
          <select
            id={selectId}
            name="status"
            defaultValue={chosen}
            className="mt-0.5 block min-h-9 w-full rounded-md border border-ink/30 bg-white px-1 text-sm"
          >
            {others.map((s) => (
              <option key={s.status} value={s.status} className={s.status === "lost" ? "lost" : undefined}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="min-h-9 rounded-full bg-brand px-3 text-sm font-semibold text-white">
          Move<span className="sr-only"> {card.name}</span>
        </button>
      </div>
      <div className={open ? "mt-2 block" : "mt-2 hidden group-has-[option.lost:checked]:block"}>
        <label htmlFor={reasonId} className="block text-xs font-semibold">
          Why was it lost?
        </label>
        <input
          id={reasonId}
          name="lostReason"
          maxLength={300}
          defaultValue={error?.reason ?? ""}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? `${reasonId}-error` : undefined}
          className="mt-0.5 block min-h-9 w-full rounded-md border border-ink/30 px-2 text-sm"
        />
        {reasonError && (
          <p id={`${reasonId}-error`} className="mt-1 text-xs text-red-800">
            {reasonError}
          </p>
        )}
      </div>
    </form>
  );
}
