"use client";

import { useEffect, useState } from "react";
import { useWatch } from "react-hook-form";
import { CODE_MAX_LENGTH } from "../../discounts/code-format";
import { fieldId } from "../ui/form-values";
import { TextField } from "../ui/fields";
import { useLeadFormContext } from "../ui/lead-form";

/** How long typing must pause before the code is checked. */
export const CODE_CHECK_DELAY_MS = 400;

type Check = { code: string; ok: boolean; message: string } | null;

/**
 * "Discount or referral code". With JavaScript, what the code gives (or why it cannot be
 * used) appears under the field as the person types, through GET /api/codes/check; the
 * chosen program counts. Without it, the code is checked when the form is sent, like with
 * it: the server's refusal is the field's error.
 */
export function CodeField() {
  const form = useLeadFormContext();
  const { control } = form.methods;
  const code = ((useWatch({ control, name: "code" }) as string | undefined) ?? "").trim();
  const program = (useWatch({ control, name: "program" }) as string | undefined) ?? "";
  const [check, setCheck] = useState<Check>(null);

  useEffect(() => {
    if (!form.enhanced || !code) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      const query = new URLSearchParams({ code, ...(program ? { program } : {}) });
      fetch(`/api/codes/check?${query.toString()}`, { signal: abort.signal, headers: { Accept: "application/json" } })
        .then(async (res) => {
          const body = (await res.json()) as { ok?: unknown; message?: unknown };
          setCheck({ code, ok: body.ok === true, message: typeof body.message === "string" ? body.message : "" });
        })
        .catch(() => {
          // Offline or aborted: nothing to show. The code is checked again when the form is sent.
          if (!abort.signal.aborted) setCheck({ code, ok: false, message: "We could not check the code just now. It will be checked when you send the form." });
        });
    }, CODE_CHECK_DELAY_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [form.enhanced, code, program]);

  // Only the answer for what is in the field now; the server's error, when there is one, says it already.
  const shown = check && check.code === code && !form.errorFor("code") ? check : null;
  const statusId = `${fieldId(form.formId, "code")}-status`;

  return (
    <div>
      <TextField
        name="code"
        label="Discount or referral code"
        optional
        maxLength={CODE_MAX_LENGTH}
        spellCheck={false}
        autoCapitalize="characters"
        autoComplete="off"
        hint="From our newsletter, or a friend's referral link. Capitals or not, either works."
      />
      {form.enhanced && (
        <p id={statusId} aria-live="polite" className={`mt-1.5 min-h-6 text-sm font-medium leading-6 ${shown?.ok ? "text-emerald-800" : "text-red-700"}`}>
          {shown?.message}
        </p>
      )}
    </div>
  );
}
