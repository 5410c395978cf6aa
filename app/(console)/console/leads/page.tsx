import type { Metadata } from "next";
import { FilterClear, FilterForm, FilterInput, FilterSelect, FilterSubmit, OwnerFilterSelect } from "@/components/console/filters";
import { formatCount, formLabel } from "@/components/console/format";
import { InboxShortcuts } from "@/components/console/inbox-shortcuts";
import { BulkBar, BulkCheckbox, BulkNoticeBar, BulkSelectAll, NewSinceLastLooked } from "@/components/console/inbox-bulk";
import { inboxBackHref, readBulkNotice } from "@/lib/console/bulk-notice";
import { inboxWorkState } from "@/lib/console/bulk";
import { Age, StatusLabel } from "@/components/console/lead-bits";
import { displayPhone } from "@/lib/console/lead-display";
import { filterChips, usesMoreFilters } from "@/lib/console/filter-chips";
import { leadHref } from "@/lib/console/lead-neighbours";
import { Pager } from "@/components/console/listing";
import type { SearchParams } from "@/lib/query-param";
import { ConsoleTable } from "@/components/console/table";
import { SavedViews } from "@/components/console/saved-views";
import { SortHeader, sortState } from "@/components/console/sort-header";
import { queryParam } from "@/lib/query-param";
import { listSavedViews } from "@/lib/console/saved-views";
import { sortParams, SORT_LABELS, type SortKey } from "@/lib/console/inbox-sort";
import { requireStaffPage } from "@/app/(console)/auth";
import { consoleClock } from "@/app/(console)/time-zone";
import {
  countInbox,
  FILTER_KEYS,
  filtersToQuery,
  lacksNextTask,
  LEAD_STATUSES,
  listInbox,
  NO_NEXT_TASK,
  NO_SOURCE,
  parseInboxFilters,
  WAITING_24H,
} from "@/lib/console/inbox";
import { listStaff, STATUS_LABELS } from "@/lib/console/pipeline";
import { listProgramsForForms } from "@/lib/content/programs";
import { db } from "@/lib/db";
import { FORM_LABELS, LEAD_TYPES } from "@/lib/leads/form-types";

export const metadata: Metadata = { title: "Leads" };

export default async function LeadsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const clock = await consoleClock();
  const now = new Date();
  const filters = parseInboxFilters(params, clock.timeZone, now);
  const staff = await requireStaffPage("leads:read", `/console/leads?${filtersToQuery(filters)}`);
  const [{ rows, nextCursor }, total, staffList, programs, myViews] = await Promise.all([
    listInbox(db(), filters, { me: staff.id }),
    countInbox(db(), filters, staff.id),
    listStaff(db()),
    listProgramsForForms(db()),
    listSavedViews(db(), staff.id),
  ]);
  const query = filtersToQuery(filters);
  const programName = new Map(programs.map((p) => [p.slug, p.name]));
  // Bulk work (components/console/inbox-bulk.tsx): the view to come back to, the last action's notice, read state.
  const view = filtersToQuery(filters, { after: filters.after });
  const notice = readBulkNotice(params);
  const selected = new Set(notice.selected);
  const work = await inboxWorkState(db(), { userId: staff.id, leadIds: rows.map((r) => r.id), undoId: notice.undo, now });
  const field = (name: (typeof FILTER_KEYS)[number]) => filters[name] ?? "";
  const sorted = (column: SortKey) => ({ header: <SortHeader path="/console/leads" filters={filters} column={column} />, sort: sortState(filters, column) });
  const order = filters.sort ? `${SORT_LABELS[filters.sort.sort]}, ${filters.sort.dir === "asc" ? "ascending" : "descending"}` : "newest first";
  const cohorts = programs.flatMap((p) => p.upcomingCohorts.map((c) => ({ id: c.id, label: `${p.name}: ${c.name}` })));
  const chips = filterChips(filters, "/console/leads", {
    form: FORM_LABELS,
    status: STATUS_LABELS,
    program: programName,
    cohort: new Map(cohorts.map((c) => [c.id, c.label])),
    owner: new Map(staffList.map((m) => [m.id, m.name])),
  });

  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-bold tracking-tight">Leads</h1>
        <div className="flex flex-wrap gap-2">
          <a href={`/console/leads/export${query ? `?${query}` : ""}`} className="rounded-full bg-brand px-4 py-2 text-sm font-semibold text-white" download>
            Export this view as CSV
          </a>
          <a
            href={`/console/leads/export?${query ? `${query}&` : ""}format=xlsx`}
            className="rounded-full border border-brand px-4 py-2 text-sm font-semibold text-brand"
            download
          >
            Export this view as Excel (.xlsx)
          </a>
        </div>
      </div>

      <SavedViews
        mine={myViews}
        query={query}
        answer={{
          done: queryParam(params, "viewDone"),
          error: queryParam(params, "viewError"),
          for: queryParam(params, "viewFor"),
          name: queryParam(params, "viewName"),
        }}
      />
      <FilterForm action="/console/leads" label="Filter leads" className="mt-6 rounded-xl border border-ink/10 bg-white p-4">
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
          <FilterInput dense id="q" label="Search name, email or phone" type="search" defaultValue={field("q")} className="sm:col-span-2" />
          <FilterSelect
            dense
            id="status"
            label="Status"
            defaultValue={filters.status}
            options={LEAD_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          />
          <FilterSelect dense id="program" label="Program" defaultValue={filters.program} options={programs.map((p) => ({ value: p.slug, label: p.name }))} />
          <OwnerFilterSelect dense staff={staffList} defaultValue={filters.owner} />
        </div>
        <details open={usesMoreFilters(filters)} className="mt-3">
          <summary className="inline-flex min-h-10 cursor-pointer items-center text-sm font-semibold text-brand">
            More filters: form, cohort, source, campaign, article, call to action, waiting, next task, dates
          </summary>
          <div className="mt-2 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <FilterSelect dense id="form" label="Form" defaultValue={filters.form} options={LEAD_TYPES.map((f) => ({ value: f, label: FORM_LABELS[f] }))} />
            <FilterSelect dense id="cohort" label="Cohort" defaultValue={filters.cohort} options={cohorts.map((c) => ({ value: c.id, label: c.label }))} />
            <FilterInput
              dense
              id="source"
              label="UTM source"
              defaultValue={field("source")}
              list="source-suggestions"
              hint={
                <>
                  {NO_SOURCE} for none:{" "}
                  <a href={`/console/leads?${filtersToQuery({ ...filters, source: NO_SOURCE })}`} className="underline">
                    show leads without a source
                  </a>
                </>
              }
            />
            <datalist id="source-suggestions">
              <option value={NO_SOURCE}>No UTM source (direct)</option>
            </datalist>
            <FilterInput dense id="campaign" label="UTM campaign" defaultValue={field("campaign")} />
            <FilterInput dense id="article" label="Article" defaultValue={field("article")} placeholder="/careers/…" />
            <FilterInput dense id="cta" label="Call to action" defaultValue={field("cta")} />
            <FilterSelect dense id="waiting" label="Waiting" defaultValue={filters.waiting} options={[{ value: WAITING_24H, label: "New, more than 24 h" }]} />
            <FilterSelect
              dense
              id="nextTask"
              label="Next task"
              defaultValue={filters.nextTask}
              options={[{ value: NO_NEXT_TASK, label: "None after first contact" }]}
            />
            <FilterInput dense id="from" label="From" type="date" defaultValue={field("from")} />
            <FilterInput dense id="to" label="To" type="date" defaultValue={field("to")} />
          </div>
        </details>
        {Object.entries(filters.sort ? sortParams(filters.sort) : {}).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <div className="mt-4 flex gap-3">
          <FilterSubmit dense>Apply filters</FilterSubmit>
          <FilterClear dense href="/console/leads">
            Clear
          </FilterClear>
        </div>
      </FilterForm>
      {chips.length > 0 && (
        <ul aria-label="Filters in use" className="mt-3 flex flex-wrap gap-2">
          {chips.map((c) => (
            <li key={c.key} className="inline-flex items-center gap-1 rounded-full bg-brand-soft py-0.5 pl-3 pr-1 text-sm">
              <span>
                {c.label}: <strong className="font-semibold">{c.value}</strong>
              </span>
              <a
                href={c.removeHref}
                aria-label={`Remove the filter ${c.label}: ${c.value}`}
                className="inline-flex min-h-7 min-w-7 items-center justify-center rounded-full font-bold text-ink/80 hover:bg-white"
              >
                <span aria-hidden="true">×</span>
              </a>
            </li>
          ))}
        </ul>
      )}

      <NewSinceLastLooked count={work.fresh.count} capped={work.fresh.capped} since={clock.formatDateTime(work.fresh.since)} view={view} />
      <BulkNoticeBar notice={notice} view={view} undo={work.undo} />
      <BulkBar view={view} notice={notice} staff={staffList} allHref={inboxBackHref(view, { selected: ["all"] })} />
      <div className="mt-4">
        <InboxShortcuts searchId="q" />
      </div>
      <p className="mt-4 text-sm text-ink/70" role="status">
        {total.capped ? `More than ${formatCount(total.count)} leads` : `${formatCount(total.count)} ${total.count === 1 ? "lead" : "leads"}`}
        {filters.after ? " (later page)" : ""}
      </p>
      <ConsoleTable
        label={`Leads, ${order}`}
        rows={rows}
        empty="No leads match these filters."
        columns={[
          {
            header: <BulkSelectAll />,
            cell: (l) => <BulkCheckbox id={l.id} name={l.name || l.email || l.phone || "this lead"} checked={selected.has("all") || selected.has(l.id)} />,
          },
          { ...sorted("received"), className: "whitespace-nowrap", cell: (l) => <Age at={l.createdAt} now={now} formatDateTime={clock.formatDateTime} /> },
          {
            ...sorted("person"),
            cell: (l) => (
              <>
                {!work.read.has(l.id) && <span className="mr-1 rounded bg-ink px-1.5 py-0.5 text-xs font-bold text-white">Unread</span>}
                <a href={leadHref(l.id, filters)} data-lead-link className={`${work.read.has(l.id) ? "font-medium" : "font-bold"} text-brand underline`}>
                  {l.name || l.email || l.phone || "(no name)"}
                </a>
                <div className="text-xs text-ink/70">{[l.email, l.phone && displayPhone(l.phone)].filter(Boolean).join(" · ")}</div>
              </>
            ),
          },
          { ...sorted("form"), cell: (l) => formLabel(l.formType) },
          {
            ...sorted("program"),
            cell: (l) =>
              l.programs.map((p) => programName.get(p.programSlug) ?? p.programSlug).join(", ") ||
              (l.programSlug ? (programName.get(l.programSlug) ?? l.programSlug) : "—"),
          },
          {
            ...sorted("status"),
            cell: (l) => (
              <>
                <StatusLabel status={l.status} />
                {lacksNextTask(l) && <div className="mt-1 text-xs font-semibold text-amber-800">No next task</div>}
              </>
            ),
          },
          { ...sorted("owner"), cell: (l) => l.owner?.name ?? "—" },
          { ...sorted("source"), className: "text-xs", cell: (l) => [l.utmSource, l.article, l.cta].filter(Boolean).join(" · ") || "—" },
        ]}
      />
      <Pager
        previous={filters.after ? { href: `/console/leads${query ? `?${query}` : ""}`, label: "First page" } : undefined}
        next={
          nextCursor
            ? { href: `/console/leads?${filtersToQuery(filters, { after: nextCursor })}`, label: filters.sort ? "Next page" : "Older leads" }
            : undefined
        }
      />
    </>
  );
}
