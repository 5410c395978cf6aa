import { describe, expect, it } from "vitest";
import { BULK_LIMIT, bulkIds, undoPlan, undoWindowOpen } from "@/lib/console/bulk";
import { bulkNoticeText, inboxBackHref, readBulkNotice } from "@/lib/console/bulk-notice";

/** Issue 19, item 1: the bulk bar's rules that need no database. */

const T0 = new Date("2026-12-08T10:00:00.000Z");
const after = (ms: number) => new Date(T0.getTime() + ms);

describe("the undo window", () => {
  it("is open for 10 seconds after the change, by the server's clock, and not before it", () => {
    expect(undoWindowOpen(T0, T0)).toBe(true);
    expect(undoWindowOpen(T0, after(9_999))).toBe(true);
    expect(undoWindowOpen(T0, after(10_000))).toBe(true);
    expect(undoWindowOpen(T0, after(10_001))).toBe(false);
    expect(undoWindowOpen(T0, after(60_000))).toBe(false);
    // A clock that says the change is in the future is not trusted.
    expect(undoWindowOpen(T0, after(-1))).toBe(false);
  });
});

describe("which leads an undo reverts", () => {
  it("reverts the leads still holding what the bulk change set, and skips the ones changed since or gone", () => {
    const plan = undoPlan("contacted", [
      { leadId: "kept", exists: true, current: "contacted", changedLater: false },
      { leadId: "moved-on", exists: true, current: "qualified", changedLater: true },
      { leadId: "moved-back", exists: true, current: "contacted", changedLater: true },
      { leadId: "edited-quietly", exists: true, current: "lost", changedLater: false },
      { leadId: "erased", exists: false, current: "", changedLater: false },
    ]);
    expect(plan).toEqual({ revert: ["kept"], skip: ["moved-on", "moved-back", "edited-quietly", "erased"] });
  });

  it("compares owners by id, nobody being the empty string", () => {
    expect(undoPlan("", [{ leadId: "a", exists: true, current: "", changedLater: false }]).revert).toEqual(["a"]);
    expect(undoPlan("", [{ leadId: "a", exists: true, current: "user-1", changedLater: false }]).skip).toEqual(["a"]);
  });
});

describe("the chosen ids", () => {
  it("drops blanks, repeats and values too long to be an id, and refuses none or too many", () => {
    expect(bulkIds(["a", " a ", "", "b", "x".repeat(65), 3])).toEqual({ ok: true, ids: ["a", "b"] });
    expect(bulkIds([])).toEqual({ ok: false, error: "none" });
    expect(bulkIds(Array.from({ length: BULK_LIMIT }, (_, i) => `id${i}`))).toMatchObject({ ok: true });
    expect(bulkIds(Array.from({ length: BULK_LIMIT + 1 }, (_, i) => `id${i}`))).toEqual({ ok: false, error: "many" });
  });
});

describe("the notice after a bulk action", () => {
  it("goes back to the same view, filters and page kept, with what happened", () => {
    const href = inboxBackHref("status=new&q=ada&after=abc&bogus=1", { done: "status", changed: 2, skipped: 1, undo: "bc1" });
    const url = new URL(href, "http://x");
    expect(url.pathname).toBe("/console/leads");
    expect(Object.fromEntries(url.searchParams)).toEqual({ status: "new", q: "ada", after: "abc", bulk: "status", changed: "2", skipped: "1", undo: "bc1" });
    // A view that is not a query string cannot send the redirect elsewhere.
    expect(inboxBackHref("//evil.example/x?status=new")).toBe("/console/leads");
  });

  it("reads back what it wrote and words it", () => {
    const notice = readBulkNotice(new URL(inboxBackHref("", { done: "assign", changed: 3, same: 1, skipped: 2 }), "http://x").searchParams);
    expect(bulkNoticeText(notice)).toBe("Changed 3 leads. 1 lead already had it. Skipped 2 leads not found or erased.");
    expect(bulkNoticeText(readBulkNotice({ bulk: "undo", changed: "1", skipped: "1" }))).toBe(
      "Undid the change on 1 lead. Skipped 1 lead changed since (or gone).",
    );
    expect(bulkNoticeText(readBulkNotice({ bulkError: "late" }))).toMatch(/10 seconds/);
    expect(bulkNoticeText(readBulkNotice({ bulkError: "many" }))).toBe(`Choose at most ${BULK_LIMIT} leads at a time.`);
    // Unknown codes say nothing.
    expect(bulkNoticeText(readBulkNotice({ bulk: "delete", bulkError: "<script>" }))).toBeNull();
  });
});
