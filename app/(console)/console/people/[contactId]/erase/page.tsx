import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { FieldError, fieldAria } from "@/components/console/fields";
import { BackLink } from "@/components/console/page-parts";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { requireStaffPage } from "@/app/(console)/auth";
import { db } from "@/lib/db";
import { erasePersonAction } from "../../actions";

export const metadata: Metadata = { title: "Erase a person" };

const ERRORS: Record<string, { field: "understand" | "confirm"; message: string }> = {
  understand: { field: "understand", message: "Tick the box to confirm you understand this cannot be undone." },
  confirm: { field: "confirm", message: "Type the person's email address exactly, or the word ERASE in capitals." },
};

export default async function ErasePage({ params, searchParams }: { params: Promise<{ contactId: string }>; searchParams: Promise<SearchParams> }) {
  const { contactId } = await params;
  await requireStaffPage("privacy:manage", `/console/people/${encodeURIComponent(contactId)}/erase`);
  const contact = await db().contact.findUnique({
    where: { id: contactId },
    select: { id: true, email: true, name: true, phone: true, _count: { select: { leads: true, emails: true } } },
  });
  if (!contact) notFound();
  const error = ERRORS[queryParam(await searchParams, "error") ?? ""];
  const who = contact.name ?? contact.email ?? contact.phone ?? "this erased person";
  const back = `/console/people/${encodeURIComponent(contact.id)}`;
  const errorOn = (field: "understand" | "confirm") => (error?.field === field ? error.message : undefined);

  return (
    <>
      <BackLink href={back}>Back to {who}</BackLink>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">Erase {who}</h1>
      <div className="mt-4 max-w-3xl space-y-3 text-ink/90">
        <p>
          This removes their name, email address, phone number and everything they typed into forms from{" "}
          {contact._count.leads === 1 ? "their 1 lead" : `their ${contact._count.leads} leads`}, replaces staff notes and lost reasons about them with
          “[erased]”, and empties the emails sent to them or about them. It also takes them out of a friend’s referral form that named them.
        </p>
        <p>
          What stays, without anything personal: each lead’s form, status, dates, program and attribution; the points ledger; the newsletter subscription row
          (ended). If their address is on the suppression list it stays there, so it never gets marketing email again.
        </p>
        <p className="font-semibold">Export the data first if the person asked for a copy. This cannot be undone.</p>
      </div>

      {error && (
        <div role="alert" className="mt-6 max-w-3xl rounded-lg border border-red-800 bg-red-50 px-4 py-3 text-red-900">
          <p className="font-semibold">The person was not erased.</p>
          <p>
            <a href={`#${error.field}`} className="underline">
              {error.message}
            </a>
          </p>
        </div>
      )}

      <form action={erasePersonAction} className="mt-6 max-w-3xl space-y-5 rounded-xl border border-red-800/40 bg-white p-5">
        <input type="hidden" name="contactId" value={contact.id} />
        <div className="flex items-start gap-3">
          <input
            id="understand"
            name="understand"
            type="checkbox"
            required
            {...fieldAria("understand", { error: errorOn("understand") })}
            className="mt-1 size-5"
          />
          <div>
            <label htmlFor="understand" className="font-semibold">
              I understand this cannot be undone
            </label>
            <FieldError id="understand" error={errorOn("understand")} className="text-sm text-red-800" />
          </div>
        </div>
        <div>
          <label htmlFor="confirm" className="block font-semibold">
            {contact.email ? "Type their email address, or the word ERASE" : "Type the word ERASE"}
          </label>
          {contact.email && (
            <p id="confirm-hint" className="text-sm text-ink/80">
              Their address is {contact.email}
            </p>
          )}
          <FieldError id="confirm" error={errorOn("confirm")} className="text-sm text-red-800" />
          <input
            id="confirm"
            name="confirm"
            type="text"
            required
            autoComplete="off"
            spellCheck={false}
            {...fieldAria("confirm", { hint: contact.email, error: errorOn("confirm") })}
            className="mt-1 min-h-11 w-96 max-w-full rounded-lg border border-ink/30 bg-white px-3"
          />
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className="min-h-11 rounded-full bg-red-800 px-5 font-semibold text-white">
            Erase this person
          </button>
          <a href={back} className="underline underline-offset-4">
            Cancel
          </a>
        </div>
      </form>
    </>
  );
}
