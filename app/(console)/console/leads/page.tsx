import type { Metadata } from "next";
import { requireStaffPage } from "@/lib/auth/next";
import { countInbox, filtersToQuery, LEAD_STATUSES, listInbox, parseInboxFilters } from "@/lib/console/inbox";
import { listStaff, STATUS_LABELS } from "@/lib/console/pipeline";
import { listProgramsForForms } from "@/lib/content/programs";
import { db } from "@/lib/db";
import { FORM_LABELS, FORM_TYPES } from "@/lib/leads/form-types";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Leads" };

type SearchParams = Record<string, string | string[] | undefined>;

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const input = "mt-1 block min-h-10 w-full rounded-lg border border-ink/30 bg-white px-2 text-sm";

export default async function LeadsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const filters = parseInboxFilters(params);
  const staff = await requireStaffPage("leads:read", `/console/leads?${filtersToQuery(filters)}`);
  const [{ rows, nextCursor }, total, staffList, programs] = await Promise.all([
    listInbox(db(), filters, { me: staff.id }),
    countInbox(db(), filters, staff.id),
    listStaff(db()),
    listProgramsForForms(db()),
  ]);
  const query = filtersToQuery(filters);
  const programName = new Map(programs.map((p) => [p.slug, p.name]));
  const field = (name: keyof typeof filters) => filters[name] ?? "";

  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-bold tracking-tight">Leads</h1>
        <a href={`/console/leads/export${query ? `?${query}` : ""}`} className="rounded-full bg-brand px-4 py-2 text-sm font-semibold text-white" download>
          Export this view as CSV
        </a>
      </div>

      <form method="get" action="/console/leads" className="mt-6 rounded-xl border border-ink/10 bg-white p-4" aria-label="Filter leads">
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <div className="sm:col-span-2">
            <label htmlFor="q" className="text-sm font-semibold">
              Search name, email or phone
            </label>
            <input id="q" name="q" type="search" defaultValue={field("q")} className={input} />
          </div>
          <div>
            <label htmlFor="form" className="text-sm font-semibold">
              Form
            </label>
            <select id="form" name="form" defaultValue={field("form")} className={input}>
              <option value="">Any</option>
              {FORM_TYPES.map((f) => (
                <option key={f} value={f}>
                  {FORM_LABELS[f]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="status" className="text-sm font-semibold">
              Status
            </label>
            <select id="status" name="status" defaultValue={field("status")} className={input}>
              <option value="">Any</option>
              {LEAD_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="program" className="text-sm font-semibold">
              Program
            </label>
            <select id="program" name="program" defaultValue={field("program")} className={input}>
              <option value="">Any</option>
              {programs.map((p) => (
                <option key={p.slug} value={p.slug}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="cohort" className="text-sm font-semibold">
              Cohort
            </label>
            <select id="cohort" name="cohort" defaultValue={field("cohort")} className={input}>
              <option value="">Any</option>
              {programs.flatMap((p) =>
                p.upcomingCohorts.map((c) => (
                  <option key={c.id} value={c.id}>
                    {p.name}: {c.name}
                  </option>
                )),
              )}
            </select>
          </div>
          <div>
            <label htmlFor="owner" className="text-sm font-semibold">
              Owner
            </label>
            <select id="owner" name="owner" defaultValue={field("owner")} className={input}>
              <option value="">Anyone</option>
              <option value="me">Me</option>
              <option value="none">Unassigned</option>
              {staffList.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="source" className="text-sm font-semibold">
              UTM source
            </label>
            <input id="source" name="source" defaultValue={field("source")} className={input} />
          </div>
          <div>
            <label htmlFor="campaign" className="text-sm font-semibold">
              UTM campaign
            </label>
            <input id="campaign" name="campaign" defaultValue={field("campaign")} className={input} />
          </div>
          <div>
            <label htmlFor="article" className="text-sm font-semibold">
              Article
            </label>
            <input id="article" name="article" defaultValue={field("article")} placeholder="/careers/…" className={input} />
          </div>
          <div>
            <label htmlFor="cta" className="text-sm font-semibold">
              Call to action
            </label>
            <input id="cta" name="cta" defaultValue={field("cta")} className={input} />
          </div>
          <div>
            <label htmlFor="from" className="text-sm font-semibold">
              From (UTC)
            </label>
            <input id="from" name="from" type="date" defaultValue={field("from")} className={input} />
          </div>
          <div>
            <label htmlFor="to" className="text-sm font-semibold">
              To (UTC)
            </label>
            <input id="to" name="to" type="date" defaultValue={field("to")} className={input} />
          </div>
        </div>
        <div className="mt-4 flex gap-3">
          <button type="submit" className="min-h-10 rounded-full bg-brand px-5 text-sm font-semibold text-white">
            Apply filters
          </button>
          <a href="/console/leads" className="inline-flex min-h-10 items-center rounded-full px-5 text-sm font-semibold ring-1 ring-ink/30">
            Clear
          </a>
        </div>
      </form>

      <p className="mt-6 text-sm text-ink/70" role="status">
        {total.capped ? `More than ${total.count.toLocaleString("en-US")} leads` : `${total.count.toLocaleString("en-US")} ${total.count === 1 ? "lead" : "leads"}`}
        {filters.after ? " (later page)" : ""}
      </p>
      <div className="mt-2 overflow-x-auto rounded-xl border border-ink/10 bg-white" role="region" aria-label="Leads, newest first" tabIndex={0}>
        <table className="w-full text-left text-sm">
          <thead className="bg-ink/5">
            <tr>
              <th scope="col" className="px-3 py-2">Received (UTC)</th>
              <th scope="col" className="px-3 py-2">Person</th>
              <th scope="col" className="px-3 py-2">Form</th>
              <th scope="col" className="px-3 py-2">Program</th>
              <th scope="col" className="px-3 py-2">Status</th>
              <th scope="col" className="px-3 py-2">Owner</th>
              <th scope="col" className="px-3 py-2">Source</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((l) => (
              <tr key={l.id} className="border-t border-ink/10 align-top">
                <td className="whitespace-nowrap px-3 py-2">{dateTime.format(l.createdAt)}</td>
                <td className="px-3 py-2">
                  <a href={`/console/leads/${l.id}`} className="font-medium text-brand underline">
                    {l.name || l.email || l.phone || "(no name)"}
                  </a>
                  <div className="text-xs text-ink/70">{[l.email, l.phone].filter(Boolean).join(" · ")}</div>
                </td>
                <td className="px-3 py-2">{FORM_LABELS[l.formType as keyof typeof FORM_LABELS] ?? l.formType}</td>
                <td className="px-3 py-2">{l.programSlug ? (programName.get(l.programSlug) ?? l.programSlug) : "—"}</td>
                <td className="px-3 py-2">{STATUS_LABELS[l.status as keyof typeof STATUS_LABELS] ?? l.status}</td>
                <td className="px-3 py-2">{l.owner?.name ?? "—"}</td>
                <td className="px-3 py-2 text-xs">{[l.utmSource, l.article, l.cta].filter(Boolean).join(" · ") || "—"}</td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-ink/70">
                  No leads match these filters.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="mt-4 flex gap-6 text-sm">
        {filters.after && (
          <a href={`/console/leads${query ? `?${query}` : ""}`} className="underline">
            First page
          </a>
        )}
        {nextCursor && (
          <a href={`/console/leads?${filtersToQuery(filters, { after: nextCursor })}`} className="underline">
            Older leads
          </a>
        )}
      </nav>
    </>
  );
}
