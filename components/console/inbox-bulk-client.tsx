"use client";

import { useEffect, useState, type ReactNode } from "react";

/**
 * The bulk bar's enhancements (components/console/inbox-bulk.tsx). Without JavaScript the
 * bar is a plain form whose buttons are always enabled (the server answers "Choose at least
 * one lead."), "select all" is a link, and the Undo button stays until the server refuses it.
 */

const ROW_BOXES = "input[data-bulk-select]";

const rowBoxes = () => [...document.querySelectorAll<HTMLInputElement>(ROW_BOXES)];

/** How many rows are checked, kept up to date from every change (a click, `x`, select all). */
function useSelectedCount(): { count: number; total: number; ready: boolean } {
  const [state, setState] = useState({ count: 0, total: 0, ready: false });
  useEffect(() => {
    const recount = () => {
      const boxes = rowBoxes();
      setState({ count: boxes.filter((b) => b.checked).length, total: boxes.length, ready: true });
    };
    recount();
    document.addEventListener("change", recount);
    return () => document.removeEventListener("change", recount);
  }, []);
  return state;
}

/** The bar's actions, disabled until a row is checked, with the number selected (announced politely). */
export function BulkActions({ children }: { children: ReactNode }) {
  const { count, ready } = useSelectedCount();
  return (
    <>
      <p className="text-sm font-semibold" aria-live="polite" data-testid="bulk-count">
        {ready ? `${count} selected` : "Tick the leads to change, then choose what to do."}
      </p>
      <fieldset disabled={ready && count === 0} className="mt-2 flex flex-wrap items-end gap-3 disabled:opacity-60">
        <legend className="sr-only">With the selected leads</legend>
        {children}
      </fieldset>
    </>
  );
}

/** The table heading's "select all on this page" checkbox (without JavaScript, the bar's link does it). */
export function BulkSelectAll() {
  const { count, total, ready } = useSelectedCount();
  if (!ready) return <span className="sr-only">Select</span>;
  return (
    <label className="inline-flex min-h-6 min-w-6 items-center">
      <input
        type="checkbox"
        className="h-5 w-5"
        checked={total > 0 && count === total}
        ref={(el) => {
          if (el) el.indeterminate = count > 0 && count < total;
        }}
        onChange={(e) => {
          for (const box of rowBoxes()) box.checked = e.target.checked;
        }}
      />
      <span className="sr-only">Select all on this page</span>
    </label>
  );
}

/** The Undo button, hidden once the 10 seconds are up (the server refuses it after that anyway). */
export function UndoCountdown({ remainingMs, children }: { remainingMs: number; children: ReactNode }) {
  const [open, setOpen] = useState(true);
  useEffect(() => {
    const timer = setTimeout(() => setOpen(false), Math.max(0, remainingMs));
    return () => clearTimeout(timer);
  }, [remainingMs]);
  return open ? children : <span className="text-ink/70">The time to undo has passed.</span>;
}
