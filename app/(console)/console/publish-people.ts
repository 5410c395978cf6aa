import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authSecret } from "@/lib/auth/auth";
import { revalidationOrigins, revalidationToken } from "@/lib/console/programs";
import { FIX_FIELDS, type ConsoleFormState } from "./programs/form-state";
import type { SaveOutcome } from "@/lib/people/edit";
import { requestPeoplePagesRevalidation } from "@/lib/people/revalidate";

/**
 * After a saved edit of an instructor, outcomes report or story: regenerate /about,
 * /outcomes, /stories and the affected program pages now (pages/api/revalidate-people),
 * refresh the sitemap, and redirect back to the editor (post/redirect/get). Invalid input
 * comes back as the form's field errors.
 */
export async function finishPeopleEdit(outcome: SaveOutcome, values: Record<string, string>, editorPath: (id: string) => string): Promise<ConsoleFormState> {
  if (!outcome.ok) {
    return outcome.reason === "invalid"
      ? { status: "error", message: FIX_FIELDS, fieldErrors: outcome.fieldErrors, values }
      : { status: "error", message: outcome.message, fieldErrors: {}, values };
  }
  revalidatePath("/sitemap.xml");
  let fresh = false;
  try {
    const result = await requestPeoplePagesRevalidation({ slugs: outcome.slugs, origins: revalidationOrigins(), token: revalidationToken(authSecret()) });
    fresh = result.ok;
    if (!result.ok) console.error("[people] public pages not refreshed (they catch up within the hour)", result.error ?? result.failed);
  } catch (error) {
    console.error("[people] public pages not refreshed (they catch up within the hour)", error);
  }
  redirect(`${editorPath(outcome.id)}?saved=1${fresh ? "" : "&pages=stale"}`);
}
