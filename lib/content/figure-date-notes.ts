import type { FigureGroup } from "@/content/guides/types";

/**
 * The date notes of a set of figure groups, numbered once each in order of first use, so a
 * table can mark a cell with a number and list each note a single time below it.
 */
export function figureDateNotes(groups: FigureGroup[]): Map<string, number> {
  const notes = new Map<string, number>();
  for (const g of groups) for (const f of g.figures) if (f.dateNote && !notes.has(f.dateNote)) notes.set(f.dateNote, notes.size + 1);
  return notes;
}
