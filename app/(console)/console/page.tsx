import type { Metadata } from "next";
import { FunnelChart, percent } from "@/components/console/funnel-chart";
import { StackedBarChart, type ChartBucket, type ChartSeries } from "@/components/console/stacked-bar-chart";
import { requireStaffPage } from "@/lib/auth/next";
import {
  FUNNEL_NONE_LABEL,
  MAX_RANGE_DAYS,
  dayString,
  formatDuration,
  inboxLink,
  loadDashboard,
  parseDashboardRange,
  type DashboardRange,
  type FunnelDimension,
  type FunnelTable,
  type LeadsOverTime,
} from "@/lib/console/dashboard";
import { db } from "@/lib/db";
import { FORM_LABELS, FORM_TYPES } from "@/lib/leads/form-types";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dashboard" };

type SearchParams = Record<string, string | string[] | undefined>;

const nf = new Intl.NumberFormat("en-US");
const shortDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const longDay = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const day = (s: string) => new Date(`${s}T00:00:00.000Z`);

/** Distinct at 3:1 against white and against each other; the table has the exact numbers. */
const FORM_COLORS: Record<(typeof FORM_TYPES)[number], string> = {
  enroll: "#1d4ed8",
  quote: "#b45309",
  referral: "#047857",
  newsletter: "#7c3aed",
  callback: "#be123c",
  redemption: "#475569",
};

const DIMENSIONS: { dim: FunnelDimension; title: string; heading: string; more: string }[] = [
  { dim: "source", title: "By source", heading: "Source (utm_source)", more: "sources" },
  { dim: "article", title: "By article", heading: "Article", more: "articles" },
  { dim: "cta", title: "By call to action", heading: "CTA", more: "CTAs" },
];

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
  const series: ChartSeries[] = FORM_TYPES.map((f) => ({ key: f, label: FORM_LABELS[f], color: FORM_COLORS[f] }));
  const rangeText = `${longDay.format(range.start)} to ${longDay.format(day(range.to))} (UTC)`;
  const busiest = [...FORM_TYPES].sort((a, b) => d.overTime.totals[b] - d.overTime.totals[a])[0];
  const unit = d.overTime.bucketDays === 1 ? "day" : "week";

  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Dashboard</h1>
      <p className="mt-2 text-ink/80">Leads created from {rangeText}.</p>

      <form method="get" action="/console" className="mt-6 flex flex-wrap items-end gap-4" aria-label="Date range">
        <div>
          <label htmlFor="from" className="block text-sm font-semibold">
            From
          </label>
          <input id="from" name="from" type="date" defaultValue={range.from} required className="mt-1 min-h-11 rounded-lg border border-ink/30 bg-white px-3" />
        </div>
        <div>
          <label htmlFor="to" className="block text-sm font-semibold">
            To (inclusive)
          </label>
          <input id="to" name="to" type="date" defaultValue={range.to} required className="mt-1 min-h-11 rounded-lg border border-ink/30 bg-white px-3" />
        </div>
        <button type="submit" className="min-h-11 rounded-full bg-brand px-5 font-semibold text-white">
          Show
        </button>
        <ul className="flex flex-wrap gap-x-4 gap-y-2 text-sm" aria-label="Quick ranges">
          {presets(now).map((p) => (
            <li key={p.label}>
              <a href={p.href} className="underline underline-offset-4">
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      </form>
      {range.clamped && (
        <p role="status" className="mt-4 rounded-lg bg-brand-soft px-4 py-3">
          Ranges are limited to {MAX_RANGE_DAYS} days: showing the last {MAX_RANGE_DAYS} days up to {longDay.format(day(range.to))}.
        </p>
      )}

      <section aria-labelledby="summary-heading" className="mt-8">
        <h2 id="summary-heading" className="sr-only">
          Summary
        </h2>
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Stat label="Leads" value={nf.format(overall.leads)} note={`Created in these ${range.days} ${range.days === 1 ? "day" : "days"}`} />
          <Stat label="Conversion to enrolled" value={percent(overall.enrolled, overall.leads)} note={`${nf.format(overall.enrolled)} enrolled`} />
          <Stat
            label="Median time to first contact"
            value={d.firstContact.medianMs === null ? "–" : formatDuration(d.firstContact.medianMs)}
            note={`Over ${nf.format(d.firstContact.contacted)} ${d.firstContact.contacted === 1 ? "lead" : "leads"} first contacted in this range`}
          />
          <Stat
            label="Waiting over 24 hours"
            value={nf.format(d.firstContact.waitingInRange)}
            note={`Still new, created in this range (${nf.format(d.firstContact.waitingAll)} in all)`}
            href={`/console/leads?${new URLSearchParams({ status: "new", from: range.from, to: range.to })}`}
            linkText="See new leads in this range"
          />
        </dl>
      </section>

      <section aria-labelledby="per-day-heading" className="mt-10">
        <h2 id="per-day-heading" className="text-xl font-semibold">
          Leads per {unit} by form
        </h2>
        {d.overTime.total === 0 ? (
          <p className="mt-3 text-ink/80">No leads in this range.</p>
        ) : (
          <StackedBarChart
            id="per-day"
            title={`Leads per ${unit} by form, ${rangeText}`}
            summary={`${nf.format(d.overTime.total)} leads over ${d.overTime.buckets.length} ${unit}s; most were ${FORM_LABELS[busiest].toLowerCase()}s (${nf.format(d.overTime.totals[busiest])}).`}
            series={series}
            buckets={chartBuckets(d.overTime)}
            bucketHeading={unit === "day" ? "Day" : "Week"}
          />
        )}
      </section>

      <section aria-labelledby="funnel-heading" className="mt-10">
        <h2 id="funnel-heading" className="text-xl font-semibold">
          Funnel
        </h2>
        <p className="mt-2 max-w-3xl text-sm text-ink/80">
          Where the leads created in this range are now. <strong>Contacted+</strong> counts leads now contacted, qualified or enrolled;{" "}
          <strong>qualified+</strong> those now qualified or enrolled. A lost lead counts only as lost, whatever stage it reached.
          Conversion is enrolled ÷ leads.
        </p>
        <FunnelChart
          id="funnel"
          title={`Funnel of leads created ${rangeText}`}
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
      </section>
    </>
  );
}

function Stat({ label, value, note, href, linkText }: { label: string; value: string; note: string; href?: string; linkText?: string }) {
  return (
    <div className="rounded-xl border border-ink/10 bg-white p-4">
      <dt className="text-sm font-semibold text-ink/80">{label}</dt>
      <dd className="mt-1 text-2xl font-bold tabular-nums">{value}</dd>
      <dd className="mt-1 text-sm text-ink/80">{note}</dd>
      {href && (
        <dd className="mt-1 text-sm">
          <a href={href} className="text-brand underline underline-offset-4">
            {linkText}
          </a>
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
      <div className="mt-2 overflow-x-auto rounded-xl border border-ink/10 bg-white" role="region" aria-labelledby={headingId} tabIndex={0}>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">
            Funnel {title.toLowerCase()}, top {table.rows.length} by leads
          </caption>
          <thead className="bg-ink/5">
            <tr>
              <th scope="col" className="px-3 py-2">
                {heading}
              </th>
              {["Leads", "Contacted+", "Qualified+", "Enrolled", "Lost", "Conversion"].map((h) => (
                <th key={h} scope="col" className="px-3 py-2 text-right">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => {
              const href = inboxLink(dim, r.value, range);
              const label = r.value ?? FUNNEL_NONE_LABEL[dim];
              return (
                <tr key={r.value ?? "\u0000none"} className="border-t border-ink/10">
                  <th scope="row" className="max-w-xs break-words px-3 py-2 font-medium">
                    {href ? (
                      <a href={href} className="text-brand underline underline-offset-4">
                        {label}
                        <span className="sr-only">: open these leads in the inbox</span>
                      </a>
                    ) : (
                      <span className="text-ink/80">{label}</span>
                    )}
                  </th>
                  <td className="px-3 py-2 text-right tabular-nums">{nf.format(r.leads)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{nf.format(r.contacted)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{nf.format(r.qualified)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{nf.format(r.enrolled)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{nf.format(r.lost)}</td>
                  <td className="px-3 py-2 text-right font-semibold tabular-nums">{percent(r.enrolled, r.leads)}</td>
                </tr>
              );
            })}
            {table.rows.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-ink/80">
                  No leads in this range.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {table.otherValues > 0 && (
        <p className="mt-2 text-sm text-ink/80">
          And {nf.format(table.otherValues)} more {more} with {nf.format(table.otherLeads)} leads.
        </p>
      )}
    </div>
  );
}
