import type { Metadata } from "next";
import { Notice } from "@/components/console/page-parts";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { requireStaffPage } from "@/app/(console)/auth";
import { findPersonAction } from "./actions";

export const metadata: Metadata = { title: "People" };

const MESSAGES: Record<string, string> = {
  none: "Nobody with that email address is stored. Check the spelling, or open the person from one of their leads.",
  empty: "Type an email address.",
};

export default async function PeoplePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaffPage("privacy:manage", "/console/people");
  const result = queryParam(await searchParams, "result");
  const message = result ? MESSAGES[result] : undefined;

  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">People and privacy</h1>
      <p className="mt-2 max-w-3xl text-ink/80">
        See everything stored about one person, export it as a JSON file (for an access request), or erase them (for an erasure request). Find them by email
        address here, or from any of their leads.
      </p>

      <form action={findPersonAction} className="mt-6 flex flex-wrap items-end gap-4" role="search" aria-label="Find a person">
        <div>
          <label htmlFor="email" className="block text-sm font-semibold">
            Email address
          </label>
          <p id="email-hint" className="text-sm text-ink/80">
            The exact address; upper or lower case does not matter.
          </p>
          <input
            id="email"
            name="email"
            type="email"
            required
            autoComplete="off"
            spellCheck={false}
            aria-describedby={message ? "email-hint email-result" : "email-hint"}
            aria-invalid={result === "none" || result === "empty" ? true : undefined}
            className="mt-1 min-h-11 w-80 max-w-full rounded-lg border border-ink/30 bg-white px-3"
          />
        </div>
        <button type="submit" className="min-h-11 rounded-full bg-brand px-5 font-semibold text-white">
          Find
        </button>
      </form>
      {message && (
        <Notice id="email-result" className="mt-4 max-w-3xl">
          {message}
        </Notice>
      )}
    </>
  );
}
