"use server";

import { redirect } from "next/navigation";
import { formDataAction } from "@/lib/action-args";
import { authorize, isDenied } from "@/lib/auth/next";
import { db } from "@/lib/db";
import { erasePerson, findContactIdByEmail, normalizeEmail } from "@/lib/console/privacy";

/**
 * Privacy actions (admins only: `privacy:manage`). They post without JavaScript and come
 * back with post/redirect/get. Server Actions are public endpoints: each checks the
 * session and role first. The email searched for travels in the POST body, not the URL, so
 * it stays out of access logs and browser history.
 */

const CONTACT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A call without form data (tampered): back to the search, nothing done. */
const toPeople = () => redirect("/console/people");

/** Anonymous → sign in; staff without the permission → back to the page, which answers 403. Nothing is done either way. */
async function adminOrLeave(next: string) {
  const who = await authorize("privacy:manage");
  if (isDenied(who)) redirect(who.status === 401 ? `/console/sign-in?next=${encodeURIComponent(next)}` : next);
  return who;
}

export const findPersonAction = formDataAction("findPersonAction", toPeople, async (formData) => {
  await adminOrLeave("/console/people");
  const email = String(formData.get("email") ?? "").slice(0, 320);
  const id = email.trim() ? await findContactIdByEmail(db(), email) : null;
  redirect(id ? `/console/people/${encodeURIComponent(id)}` : `/console/people?result=${email.trim() ? "none" : "empty"}`);
});

export const erasePersonAction = formDataAction("erasePersonAction", toPeople, async (formData) => {
  const contactId = String(formData.get("contactId") ?? "");
  const page = `/console/people/${encodeURIComponent(contactId)}`;
  const staff = await adminOrLeave(CONTACT_ID.test(contactId) ? `${page}/erase` : "/console/people");
  if (!CONTACT_ID.test(contactId)) redirect("/console/people?result=none");

  const contact = await db().contact.findUnique({ where: { id: contactId }, select: { email: true } });
  if (!contact) redirect("/console/people?result=none");
  const typed = String(formData.get("confirm") ?? "").slice(0, 320).trim();
  if (formData.get("understand") !== "on") redirect(`${page}/erase?error=understand`);
  const confirmed = typed === "ERASE" || (contact.email !== null && normalizeEmail(typed) === contact.email);
  if (!confirmed) redirect(`${page}/erase?error=confirm`);

  const result = await erasePerson(db(), { contactId, actorId: staff.id });
  if (!result) redirect("/console/people?result=none");
  const q = new URLSearchParams({
    erased: "1",
    leads: String(result.leads),
    emails: String(result.emails),
    notes: String(result.activities),
    others: String(result.otherLeads + result.otherEmails),
  });
  redirect(`${page}?${q}`);
});
