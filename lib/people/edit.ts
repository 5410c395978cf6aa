import type { z } from "zod";
import { fieldErrorsFrom } from "../leads/errors";

/**
 * What saving one of the people, outcomes or stories forms gives back. `slugs` are the
 * programs whose public pages show the record (before and after the edit), to refresh.
 */
export type SaveOutcome =
  | { ok: true; id: string; slugs: string[] }
  | { ok: false; reason: "invalid"; fieldErrors: Record<string, string> }
  | { ok: false; reason: "not_found" | "conflict"; message: string };

export const CONFLICT_MESSAGE = "Someone else saved a change here after you opened this page. Reload the page to see it, then make your change again.";
export const NOT_FOUND_MESSAGE = "That record no longer exists. Reload the page.";
export const CONFLICT = { ok: false, reason: "conflict", message: CONFLICT_MESSAGE } as const;
export const NOT_FOUND = { ok: false, reason: "not_found", message: NOT_FOUND_MESSAGE } as const;

export function invalid(error: z.ZodError, extra: Record<string, string> = {}): SaveOutcome {
  return { ok: false, reason: "invalid", fieldErrors: { ...fieldErrorsFrom(error.issues), ...extra } };
}

/** A form's "version": the updatedAt it was rendered with. Anything unreadable means "don't check". */
export function parseVersion(v: unknown): Date | undefined {
  if (typeof v !== "string" || v.length > 40) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export const TX_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;
