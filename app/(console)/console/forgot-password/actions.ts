"use server";

import { isAPIError } from "better-auth/api";
import { headers } from "next/headers";
import { getAuth } from "@/app/(console)/auth";
import { publicAction, type StateInput } from "@/lib/actions/client";
import {
  answerNoSoonerThan,
  forgotPasswordSchema,
  RESET_REQUESTED_MESSAGE,
  tooManyResetRequestsMessage,
  type ForgotPasswordState,
} from "@/lib/auth/password-reset";
import { fieldErrorsFrom } from "@/lib/leads/errors";

/**
 * "Forgot password?": asks Better Auth for a reset link (lib/auth/auth.ts queues it in the
 * outbox, and limits requests per IP and per address). Public on purpose, like sign-in. The
 * answer is the same whether or not the address has an account, and comes no sooner than a
 * fixed floor, so its timing says little either.
 */
export const requestPasswordResetAction = publicAction.stateAction(
  {
    name: "requestPasswordResetAction",
    malformed: (): ForgotPasswordState => ({ status: "error", message: "We could not read this form. Reload the page and try again." }),
  },
  requestReset,
);

async function requestReset({ formData }: StateInput): Promise<ForgotPasswordState> {
  const started = Date.now();
  const raw = { email: formData.get("email") };
  const email = typeof raw.email === "string" ? raw.email.slice(0, 254) : "";
  const parsed = forgotPasswordSchema.safeParse(raw);
  if (!parsed.success) return { status: "error", fieldErrors: fieldErrorsFrom(parsed.error.issues), email };

  try {
    await getAuth().api.requestPasswordReset({ body: { email: parsed.data.email }, headers: await headers() });
  } catch (error) {
    if (isAPIError(error) && error.statusCode === 429) {
      const retry = Number((error.body as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds);
      return { status: "error", message: tooManyResetRequestsMessage(Number.isFinite(retry) && retry > 0 ? retry : 60), email };
    }
    console.error(`password reset request failed: ${error instanceof Error ? error.message : String(error)}`);
    return { status: "error", message: "Password reset is not working right now. Try again in a minute.", email };
  }
  await answerNoSoonerThan(started);
  return { status: "sent", message: RESET_REQUESTED_MESSAGE };
}
