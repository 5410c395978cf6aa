"use server";

import { headers } from "next/headers";
import { rawEnrollSaverFromEnv } from "../../../raw-submit";

export type FloorState = { status: "idle" | "success" | "invalid" | "rate_limited"; fieldErrors?: Record<string, string> };

let saver: ReturnType<typeof rawEnrollSaverFromEnv> | undefined;

/**
 * The one Server Action: the raw-driver baseline's work (bench/baselines/raw-submit.ts, the
 * same checks, rows, emails and rate-limit counters), called the way the site's forms call
 * theirs (useActionState: the previous state and the FormData).
 */
export async function submitApply(_previous: FloorState, formData: FormData): Promise<FloorState> {
  saver ??= rawEnrollSaverFromEnv();
  const raw: Record<string, unknown> = {};
  for (const [k, v] of formData) if (!k.startsWith("$ACTION")) raw[k] = k in raw ? [raw[k], v].flat() : v;
  const ip = (await headers()).get("x-forwarded-for")?.split(",")[0].trim() || "unknown";
  const outcome = saver.save(raw, ip);
  if (outcome.kind === "saved") return { status: "success" };
  if (outcome.kind === "invalid") return { status: "invalid", fieldErrors: outcome.fieldErrors };
  return { status: "rate_limited" };
}
