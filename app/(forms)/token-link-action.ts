import { redirect } from "next/navigation";
import { publicAction } from "@/lib/actions/client";

/**
 * The button on a one-time link's page (confirm, invite, unsubscribe): a POST, so the link
 * scanners in inboxes, which only open links, cannot use it for the person. The form carries
 * the link's token; one of the wrong shape, or a call that is not a form post, goes to
 * `invalid`. Otherwise `use` does the work and names the page to land on.
 */
export function tokenLinkAction(name: string, { pattern, invalid }: { pattern: RegExp; invalid: string }, use: (token: string) => Promise<string>) {
  return publicAction.formAction({ name, malformed: () => redirect(invalid) }, async ({ formData }) => {
    const token = String(formData.get("token") ?? "");
    if (!pattern.test(token)) redirect(invalid);
    redirect(await use(token));
  });
}
