import { randomUUID } from "node:crypto";
import { submitApply } from "../actions";
import { ApplyForm } from "./apply-form";

// Rendered per request, like the site's /apply (a fresh submission token each time).
export const dynamic = "force-dynamic";

export default function ApplyPage() {
  return (
    <main>
      <h1>Apply</h1>
      <ApplyForm action={submitApply} submissionToken={randomUUID()} />
    </main>
  );
}
