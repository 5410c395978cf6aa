"use client";

import { useEffect, useRef } from "react";
import { INBOX_SHORTCUTS, inboxCommand, moveIndex } from "@/lib/console/shortcuts";

/**
 * The inbox's keyboard shortcuts (lib/console/shortcuts.ts): j and k move focus down and up
 * the rows' lead links, o opens the focused lead, x selects it (or clears its selection) for
 * the bulk bar, / goes to the search field, ? lists the
 * shortcuts in a dialog. A button opens the same list for pointer users. Without JavaScript
 * none of this exists and the page works as links and a form.
 */
export function InboxShortcuts({ searchId }: { searchId: string }) {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      const command = inboxCommand({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        targetTag: target?.tagName,
        targetEditable: target?.isContentEditable,
      });
      if (!command || dialog.current?.open) return;
      const links = [...document.querySelectorAll<HTMLAnchorElement>("a[data-lead-link]")];
      const current = links.findIndex((a) => a === document.activeElement);
      if (command === "next" || command === "previous") {
        const to = moveIndex(current, links.length, command);
        if (to < 0) return;
        event.preventDefault();
        links[to].focus();
        links[to].scrollIntoView({ block: "nearest" });
      } else if (command === "open") {
        if (current < 0) return;
        event.preventDefault();
        links[current].click();
      } else if (command === "select") {
        // The row's checkbox (components/console/inbox-bulk.tsx); a click, so the bulk bar counts it.
        const box = links[current]?.closest("tr")?.querySelector<HTMLInputElement>("input[data-bulk-select]");
        if (!box) return;
        event.preventDefault();
        box.click();
      } else if (command === "search") {
        event.preventDefault();
        document.getElementById(searchId)?.focus();
      } else {
        event.preventDefault();
        dialog.current?.showModal();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [searchId]);

  return (
    <>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        className="min-h-10 rounded-full px-4 text-sm font-semibold text-brand ring-1 ring-brand hover:bg-brand-soft"
      >
        Keyboard shortcuts
      </button>
      <dialog ref={dialog} aria-labelledby="shortcuts-title" className="max-w-md rounded-xl p-6 shadow-xl backdrop:bg-ink/40">
        <h2 id="shortcuts-title" className="text-lg font-bold">
          Keyboard shortcuts
        </h2>
        <p className="mt-1 text-sm text-ink/80">They work anywhere on this page except while you type in a field.</p>
        <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
          {INBOX_SHORTCUTS.map((s) => (
            <div key={s.keys} className="contents">
              <dt>
                <kbd className="rounded border border-ink/30 bg-ink/5 px-2 py-0.5 font-mono">{s.keys}</kbd>
              </dt>
              <dd>{s.does}</dd>
            </div>
          ))}
        </dl>
        <form method="dialog" className="mt-6">
          <button type="submit" className="min-h-10 rounded-full bg-brand px-4 text-sm font-semibold text-white">
            Close
          </button>
        </form>
      </dialog>
    </>
  );
}
