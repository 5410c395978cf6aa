"use server";

import { redirect } from "next/navigation";
import { staffAction } from "@/app/(console)/auth";
import type { FormInput } from "@/lib/actions/client";
import { db } from "@/lib/db";
import { erasePerson, findContactIdByEmail, normalizeEmail } from "@/lib/console/privacy";
import { authSecret } from "@/lib/auth/auth";
import { requestArticleRevalidation } from "@/lib/comments/revalidate";
import { revalidationOrigins, revalidationToken } from "@/lib/console/programs";

/**
 * Privacy actions (admins only: `privacy:manage`). They post without JavaScript and come
 * back with post/redirect/get. Server Actions are public endpoints: staffAction checks the
 * session and role before each body runs. The email searched for travels in the POST body,
 * not the URL, so it stays out of access logs and browser history.
 */

const CONTACT_ID = /^[A-Za-z0-9_-]{1,64}$/;

const privacy = staffAction("privacy:manage");

/**
 * A call without form data (tampered): back to the search. Anonymous → sign in, coming back
 * to `page`; staff without the permission → to `page`, which answers 403. Nothing is done.
 */
const peopleAnswers = (name: string, page: (input: FormInput) => string) => ({
  name,
  malformed: () => redirect("/console/people"),
  returnTo: page,
  forbidden: (input: FormInput) => redirect(page(input)),
});

/** The erase page of a well-formed contact id, else the search. */
function erasePage({ formData }: FormInput): string {
  const contactId = String(formData.get("contactId") ?? "");
  return CONTACT_ID.test(contactId) ? `/console/people/${encodeURIComponent(contactId)}/erase` : "/console/people";
}

export const findPersonAction = privacy.formAction(
  peopleAnswers("findPersonAction", () => "/console/people"),
  async ({ formData }) => {
    const email = String(formData.get("email") ?? "").slice(0, 320);
    const id = email.trim() ? await findContactIdByEmail(db(), email) : null;
    redirect(id ? `/console/people/${encodeURIComponent(id)}` : `/console/people?result=${email.trim() ? "none" : "empty"}`);
  },
);

export const erasePersonAction = privacy.formAction(peopleAnswers("erasePersonAction", erasePage), async ({ formData, staff }) => {
  const contactId = String(formData.get("contactId") ?? "");
  const page = `/console/people/${encodeURIComponent(contactId)}`;
  if (!CONTACT_ID.test(contactId)) redirect("/console/people?result=none");

  const contact = await db().contact.findUnique({ where: { id: contactId }, select: { email: true } });
  if (!contact) redirect("/console/people?result=none");
  const typed = String(formData.get("confirm") ?? "")
    .slice(0, 320)
    .trim();
  if (formData.get("understand") !== "on") redirect(`${page}/erase?error=understand`);
  const confirmed = typed === "ERASE" || (contact.email !== null && normalizeEmail(typed) === contact.email);
  if (!confirmed) redirect(`${page}/erase?error=confirm`);

  const result = await erasePerson(db(), { contactId, actorId: staff.id });
  if (!result) redirect("/console/people?result=none");
  // Their published comments are gone from the database: take them off the static pages now.
  for (const path of result.commentArticles) {
    await requestArticleRevalidation({ path, origins: revalidationOrigins(), token: revalidationToken(authSecret()) });
  }
  const q = new URLSearchParams({
    erased: "1",
    leads: String(result.leads),
    emails: String(result.emails),
    notes: String(result.activities),
    others: String(result.otherLeads + result.otherEmails),
  });
  redirect(`${page}?${q}`);
});
