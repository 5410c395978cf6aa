/**
 * The inbox's keyboard shortcuts, as plain rules: which key does what, and when a key press
 * is left alone (typing in a field, or a modifier held, so the browser's and the screen
 * reader's own shortcuts keep working).
 */

export type InboxCommand = "next" | "previous" | "open" | "select" | "search" | "help";

export const INBOX_SHORTCUTS: readonly { keys: string; command: InboxCommand; does: string }[] = [
  { keys: "j", command: "next", does: "Next lead (down the list)" },
  { keys: "k", command: "previous", does: "Previous lead (up the list)" },
  { keys: "o", command: "open", does: "Open the lead that has focus" },
  { keys: "x", command: "select", does: "Select the lead that has focus (or clear its selection)" },
  { keys: "/", command: "search", does: "Search" },
  { keys: "?", command: "help", does: "Show these shortcuts" },
];

/** What a key press means, from the event's parts; null when it is not a shortcut or is typed into a field. */
export type KeyPress = {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** The focused element's tag name ("INPUT", "A", …) and whether it is editable text. */
  targetTag?: string;
  targetEditable?: boolean;
};

const FIELDS = new Set(["INPUT", "TEXTAREA", "SELECT"]);

export function inboxCommand(press: KeyPress): InboxCommand | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.targetEditable || (press.targetTag && FIELDS.has(press.targetTag.toUpperCase()))) return null;
  return INBOX_SHORTCUTS.find((s) => s.keys === press.key)?.command ?? null;
}

/** The index focus moves to among `count` rows, from `current` (-1: none yet). Stops at the ends. */
export function moveIndex(current: number, count: number, command: "next" | "previous"): number {
  if (count === 0) return -1;
  if (current < 0) return command === "next" ? 0 : count - 1;
  return command === "next" ? Math.min(count - 1, current + 1) : Math.max(0, current - 1);
}
