import type { Metadata } from "next";
import { DateRangeForm, rangeText } from "@/components/console/date-range-form";
import { formatCount } from "@/components/console/format";
import { FunnelChart, percent } from "@/components/console/funnel-chart";
import { Section, TextLink } from "@/components/console/page-parts";
import { LinkList } from "@/components/site/link-list";
import type { SearchParams } from "@/lib/query-param";
import { StackedBarChart, type ChartBucket, type ChartSeries } from "@/components/console/stacked-bar-chart";
import { ConsoleTable, type Column } from "@/components/console/table";
import { requireStaffPage } from "@/app/(console)/auth";
import {
  FUNNEL_NONE_LABEL,
  dayString,
  describeChange,
  formatDuration,
  inboxLink,
  loadDashboard,
  parseDashboardRange,
  type AdvisorRow,
  type DashboardRange,
  type FunnelDimension,
  type FunnelRow,
  type FunnelTable,
  type LeadsOverTime,
} from "@/lib/console/dashboard";
import { INTENT_LEAD_TYPES, type IntentLeadType } from "@/lib/console/rollup-sql";
import { db } from "@/lib/db";
import { FORM_LABELS, LEAD_TYPES } from "@/lib/leads/form-types";

export const metadata: Metadata = { title: "Dashboard" };

const shortDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const longDay = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const day = (s: string) => new Date(`${s}T00:00:00.000Z`);

/** Distinct at 3:1 against white and against each other; the table has the exact numbers. */
const FORM_COLORS: Record<IntentLeadType, string> = {
  enroll: "#1d4ed8",
  quote: "#b45309",
  callback: "#be123c",
  syllabus: "#4d7c0f",
  event: "#a21caf",
  booking: "#0e7490",
};

const DIMENSIONS: { dim: FunnelDimension; title: string; heading: string; more: string }[] = [
  { dim: "source", title: "By source", heading: "Source (utm_source)", more: "sources" },
  { dim: "article", title: "By article", heading: "Article", more: "articles" },
  { dim: "cta", title: "By call to action", heading: "CTA", more: "CTAs" },
];

const FUNNEL_COUNTS = [
  ["Leads", "leads"],
  ["Contacted+", "contacted"],
  ["Qualified+", "qualified"],
  ["Enrolled", "enrolled"],
  ["Lost", "lost"],
] as const satisfies readonly (readonly [string, keyof FunnelRow])[];

function presets(now: Date) {
  const today = Math.floor(now.getTime() / 86_400_000) * 86_400_000;
  return [7, 30, 90, 365].map((n) => ({
    label: `Last ${n} days`,
    href: `/console?${new URLSearchParams({ from: dayString(today - (n - 1) * 86_400_000), to: dayString(today) })}`,
  }));
}

function chartBuckets(o: LeadsOverTime): ChartBucket[] {
  return o.buckets.map((b) => {
    const single = b.from === b.to;
    return {
      key: b.from,
      label: shortDay.format(day(b.from)),
      longLabel: single ? longDay.format(day(b.from)) : `${shortDay.format(day(b.from))} – ${longDay.format(day(b.to))}`,
      values: b.counts,
      total: b.total,
    };
  });
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const now = new Date();
  const range = parseDashboardRange(params, now);
  await requireStaffPage("leads:read", `/console?${new URLSearchParams({ from: range.from, to: range.to })}`);
  const d = await loadDashboard(db(), range, now);
  const { overall } = d.funnels;
  const series: ChartSeries[] = INTENT_LEAD_TYPES.map((f) => ({ key: f, label: FORM_LABELS[f], color: FORM_COLORS[f] }));
  const busiest = [...INTENT_LEAD_TYPES].sort((a, b) => d.overTime.totals[b] - d.overTime.totals[a])[0];
  const periodWord = range.days === 1 ? "day" : `${range.days} days`;
  const others = LEAD_TYPES.filter((f) => !(INTENT_LEAD_TYPES as readonly string[]).includes(f) && (d.current.other[f] || d.previous.other[f]));
  const unit = d.overTime.bucketDays === 1 ? "day" : "week";

  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Dashboard</h1>
      <p className="mt-2 text-ink/80">
        Leads created from {rangeText(range)}, against the {periodWord} before. Leads are the forms that ask to study, talk or come:{" "}
        {INTENT_LEAD_TYPES.map((f) => FORM_LABELS[f].toLowerCase()).join(", ")}. Which guide CTAs are seen, clicked and lead to enrolments:{" "}
        <TextLink href={`/console/ctas?${new URLSearchParams({ from: range.from, to: range.to })}`}>Which CTA converts</TextLink>.
      </p>

      <DateRangeForm action="/console" range={range}>
        <LinkList links={presets(now)} label="Quick ranges" className="flex flex-wrap gap-x-4 gap-y-2 text-sm" linkClassName="underline underline-offset-4" />
      </DateRangeForm>

      <Section headingId="summary-heading" title="Summary" className="mt-8" titleClassName="sr-only">
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Stat
            label="Leads"
            value={formatCount(d.current.leads)}
            note={range.days === 1 ? "Created on this day" : `Created in these ${periodWord}`}
            change={describeChange(d.current.leads, d.previous.leads)}
          />
          <Stat
            label="Conversion to enrolled"
            value={percent(d.current.enrolled, d.current.leads)}
            note={`${formatCount(d.current.enrolled)} enrolled (${percent(d.previous.enrolled, d.previous.leads)} in the previous ${periodWord})`}
            change={describeChange(d.current.enrolled, d.previous.enrolled)}
            changeLabel="Enrolled"
          />
          <Stat
            label="Median time to first contact"
            value={d.firstContact.medianMs === null ? "–" : `about ${formatDuration(d.firstContact.medianMs)}`}
            note={`Over ${formatCount(d.firstContact.contacted)} ${d.firstContact.contacted === 1 ? "lead" : "leads"} first contacted in this range`}
          />
          <Stat
            label="Waiting over 24 hours"
            value={formatCount(d.firstContact.waitingInRange)}
            note={`Still new, created in this range (${formatCount(d.firstContact.waitingAll)} in all)`}
            href={`/console/leads?${new URLSearchParams({ status: "new", from: range.from, to: range.to })}`}
            linkText="See new leads in this range"
          />
        </dl>
      </Section>

      <Section headingId="by-form-heading" title="Leads by form" className="mt-10" titleClassName="text-xl font-semibold">
        <ConsoleTable
          label="Leads by form: table"
          caption={`Leads by form in this range against the ${periodWord} before`}
          rows={INTENT_LEAD_TYPES.map((f) => ({ f, now: d.current.byForm[f], before: d.previous.byForm[f] }))}
          rowKey={(r) => r.f}
          columns={[
            { header: "Form", rowHeader: true, className: "font-medium", cell: (r) => FORM_LABELS[r.f] },
            { header: "Leads", align: "right", className: "tabular-nums", cell: (r) => formatCount(r.now) },
            { header: "Previous period", align: "right", className: "tabular-nums", cell: (r) => formatCount(r.before) },
            { header: "Change", align: "right", className: "tabular-nums whitespace-nowrap", cell: (r) => <Change {...describeChange(r.now, r.before)} /> },
          ]}
        />
        <h3 id="not-leads-heading" className="mt-6 text-lg font-semibold">
          Not counted as leads
        </h3>
        {others.length === 0 ? (
          <p className="mt-2 text-sm text-ink/80">No newsletter sign-ups, redemption requests or referrals in this range.</p>
        ) : (
          <ul aria-labelledby="not-leads-heading" className="mt-2 flex flex-wrap gap-x-6 gap-y-2 text-sm">
            {others.map((f) => (
              <li key={f}>
                {FORM_LABELS[f]}: <strong className="tabular-nums">{formatCount(d.current.other[f] ?? 0)}</strong>{" "}
                <span className="text-ink/80">
                  (<Change {...describeChange(d.current.other[f] ?? 0, d.previous.other[f] ?? 0)} />)
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section headingId="per-day-heading" title={`Leads per ${unit} by form`} className="mt-10" titleClassName="text-xl font-semibold">
        {d.overTime.total === 0 ? (
          <p className="mt-3 text-ink/80">No leads in this range.</p>
        ) : (
          <StackedBarChart
            id="per-day"
            title={`Leads per ${unit} by form, ${rangeText(range)}`}
            summary={`${formatCount(d.overTime.total)} leads over ${d.overTime.buckets.length} ${unit}s; most were ${FORM_LABELS[busiest].toLowerCase()}s (${formatCount(d.overTime.totals[busiest])}).`}
            series={series}
            buckets={chartBuckets(d.overTime)}
            bucketHeading={unit === "day" ? "Day" : "Week"}
          />
        )}
      </Section>

      <Section headingId="funnel-heading" title="Funnel" className="mt-10" titleClassName="text-xl font-semibold">
        <p className="mt-2 max-w-3xl text-sm text-ink/80">
          Where the leads created in this range are now. <strong>Contacted+</strong> counts leads now contacted, qualified or enrolled;{" "}
          <strong>qualified+</strong> those now qualified or enrolled. A lost lead counts only as lost, whatever stage it reached. Conversion is enrolled ÷
          leads.
        </p>
        <FunnelChart
          id="funnel"
          title={`Funnel of leads created ${rangeText(range)}`}
          stages={[
            { key: "leads", label: "Leads", count: overall.leads, color: "#334155" },
            { key: "contacted", label: "Contacted+", count: overall.contacted, color: "#1d4ed8" },
            { key: "qualified", label: "Qualified+", count: overall.qualified, color: "#6d28d9" },
            { key: "enrolled", label: "Enrolled", count: overall.enrolled, color: "#047857" },
            { key: "lost", label: "Lost", count: overall.lost, color: "#be123c" },
          ]}
        />
        {DIMENSIONS.map((x) => (
          <FunnelTableView key={x.dim} {...x} table={d.funnels[x.dim]} range={range} />
        ))}
      </Section>

      <Section headingId="advisors-heading" title="By advisor" className="mt-10" titleClassName="text-xl font-semibold">
        <p className="mt-2 max-w-3xl text-sm text-ink/80">
          Leads created in this range that each advisor owns now, and how many of them enrolled; the median wait is over the leads they own that were first
          contacted in this range.
        </p>
        <ConsoleTable
          label="By advisor: table"
          caption="Leads, time to first contact and enrolments by advisor"
          rows={d.advisors}
          rowKey={(r) => r.ownerId ?? "\u0000unassigned"}
          columns={[
            { header: "Advisor", rowHeader: true, className: "font-medium", cell: (r) => r.name },
            { header: "Leads", align: "right", className: "tabular-nums", cell: (r) => formatCount(r.leads) },
            { header: "Median time to first contact", align: "right", className: "tabular-nums", cell: (r) => medianText(r) },
            { header: "Won (enrolled)", align: "right", className: "tabular-nums", cell: (r) => formatCount(r.won) },
          ]}
        />
      </Section>
    </>
  );
}

function medianText(r: AdvisorRow): string {
  if (r.medianFirstContactMs === null) return "–";
  return `about ${formatDuration(r.medianFirstContactMs)} (${formatCount(r.contacted)})`;
}

/** "+12 (+8%)" to the eye, "up 12, 8 percent, from 150 in the previous period" to a screen reader. */
function Change({ short, spoken }: { short: string; spoken: string }) {
  return (
    <>
      <span aria-hidden="true">{short}</span>
      <span className="sr-only">{spoken}</span>
    </>
  );
}

function Stat({
  label,
  value,
  note,
  href,
  linkText,
  change,
  changeLabel,
}: {
  label: string;
  value: string;
  note: string;
  href?: string;
  linkText?: string;
  change?: { short: string; spoken: string };
  changeLabel?: string;
}) {
  return (
    <div className="min-w-0 rounded-xl border border-ink/10 bg-white p-4">
      <dt className="text-sm font-semibold text-ink/80">{label}</dt>
      <dd className="mt-1 text-2xl font-bold tabular-nums">{value}</dd>
      {change && (
        <dd className="mt-1 text-sm font-semibold tabular-nums">
          {changeLabel && `${changeLabel}: `}
          <Change {...change} />
        </dd>
      )}
      <dd className="mt-1 text-sm text-ink/80">{note}</dd>
      {href && (
        <dd className="mt-1 text-sm">
          <TextLink href={href}>{linkText}</TextLink>
        </dd>
      )}
    </div>
  );
}

function FunnelTableView({
  dim,
  title,
  heading,
  more,
  table,
  range,
}: {
  dim: FunnelDimension;
  title: string;
  heading: string;
  more: string;
  table: FunnelTable;
  range: DashboardRange;
}) {
  const headingId = `funnel-${dim}-heading`;
  return (
    <div className="mt-8">
      <h3 id={headingId} className="text-lg font-semibold">
        {title}
      </h3>
      <ConsoleTable
        labelledBy={headingId}
        caption={`Funnel ${title.toLowerCase()}, top ${table.rows.length} by leads`}
        rows={table.rows}
        rowKey={(r) => r.value ?? "\u0000none"}
        empty="No leads in this range."
        columns={[
          {
            header: heading,
            rowHeader: true,
            className: "max-w-xs break-words font-medium",
            cell: (r) => {
              const href = inboxLink(dim, r.value, range);
              const label = r.value ?? FUNNEL_NONE_LABEL[dim];
              return href ? (
                <TextLink href={href}>
                  {label}
                  <span className="sr-only">: open these leads in the inbox</span>
                </TextLink>
              ) : (
                <span className="text-ink/80">{label}</span>
              );
            },
          },
          ...FUNNEL_COUNTS.map(([header, key]): Column<FunnelRow> => ({ header, align: "right", className: "tabular-nums", cell: (r) => formatCount(r[key]) })),
          { header: "Conversion", align: "right", className: "font-semibold tabular-nums", cell: (r) => percent(r.enrolled, r.leads) },
        ]}
      />
      {table.otherValues > 0 && (
        <p className="mt-2 text-sm text-ink/80">
          And {formatCount(table.otherValues)} more {more} with {formatCount(table.otherLeads)} leads.
        </p>
      )}
    </div>
  );
}
