"use client";

import { useActionState } from "react";
import type { FloorState } from "../actions";

/** The site's form pattern at its smallest: useActionState on a Server Action, no client validation. */
export function ApplyForm({ action, submissionToken }: { action: (previous: FloorState, formData: FormData) => Promise<FloorState>; submissionToken: string }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  if (state.status === "success") return <p role="status">Thank you, we have your application.</p>;
  return (
    <form action={formAction}>
      <input type="hidden" name="submissionToken" value={submissionToken} />
      {state.status !== "idle" && <p role="alert">Please correct the form.</p>}
      {["name", "email", "phone", "program", "cohort", "paymentOption", "experience", "goals"].map((name) => (
        <label key={name}>
          {name}
          <input name={name} />
        </label>
      ))}
      <label>
        <input type="checkbox" name="consent" /> consent
      </label>
      <input name="website" hidden aria-hidden="true" tabIndex={-1} autoComplete="off" />
      <button type="submit">Apply</button>
    </form>
  );
}
