import { describe, expect, it } from "vitest";
import { INBOX_SHORTCUTS, inboxCommand, moveIndex } from "@/lib/console/shortcuts";

/** Issue 19, item 6: the inbox's shortcuts, and when a key is left alone. */

describe("inbox shortcuts", () => {
  it("maps j, k, o, x, / and ? to their commands, and nothing else", () => {
    expect(["j", "k", "o", "x", "/", "?"].map((key) => inboxCommand({ key, targetTag: "BODY" }))).toEqual([
      "next",
      "previous",
      "open",
      "select",
      "search",
      "help",
    ]);
    expect(inboxCommand({ key: "J", targetTag: "BODY" })).toBeNull();
    expect(inboxCommand({ key: "X", targetTag: "BODY" })).toBeNull();
    expect(inboxCommand({ key: "Enter", targetTag: "BODY" })).toBeNull();
  });

  it("never fires while typing in a field, or with a modifier held", () => {
    for (const targetTag of ["INPUT", "TEXTAREA", "SELECT", "input"]) expect(inboxCommand({ key: "j", targetTag })).toBeNull();
    for (const targetTag of ["INPUT", "TEXTAREA", "SELECT"]) expect(inboxCommand({ key: "x", targetTag })).toBeNull();
    expect(inboxCommand({ key: "x", targetTag: "DIV", targetEditable: true })).toBeNull();
    expect(inboxCommand({ key: "x", ctrlKey: true, targetTag: "A" })).toBeNull();
    expect(inboxCommand({ key: "j", targetTag: "DIV", targetEditable: true })).toBeNull();
    expect(inboxCommand({ key: "k", ctrlKey: true, targetTag: "BODY" })).toBeNull();
    expect(inboxCommand({ key: "/", metaKey: true, targetTag: "BODY" })).toBeNull();
    expect(inboxCommand({ key: "o", altKey: true, targetTag: "A" })).toBeNull();
    // On a link (a row's name has focus) the keys work.
    expect(inboxCommand({ key: "o", targetTag: "A" })).toBe("open");
    expect(inboxCommand({ key: "x", targetTag: "A" })).toBe("select");
  });

  it("lists x in the help dialog's table, with what it does", () => {
    expect(INBOX_SHORTCUTS.find((s) => s.keys === "x")).toMatchObject({ command: "select", does: expect.stringMatching(/select/i) });
  });

  it("moves down and up the rows and stops at the ends", () => {
    expect(moveIndex(-1, 3, "next")).toBe(0);
    expect(moveIndex(-1, 3, "previous")).toBe(2);
    expect(moveIndex(0, 3, "next")).toBe(1);
    expect(moveIndex(2, 3, "next")).toBe(2);
    expect(moveIndex(0, 3, "previous")).toBe(0);
    expect(moveIndex(-1, 0, "next")).toBe(-1);
  });
});
