import type { Metadata } from "next";
import { DateRangeForm, rangeText } from "@/components/console/date-range-form";
import { formatCount } from "@/components/console/format";
import { percent } from "@/components/console/funnel-chart";
import { Section, TextLink } from "@/components/console/page-parts";
import { ConsoleTable, type Column } from "@/components/console/table";
import { requireStaffPage } from "@/app/(console)/auth";
import { loadCtaStats, type ArticleRow, type CtaFunnel, type CtaRow } from "@/lib/console/cta-stats";
import { parseDashboardRange, type DashboardRange } from "@/lib/console/dashboard";
import { db } from "@/lib/db";
import type { SearchParams } from "@/lib/query-param";

export const metadata: Metadata = { title: "Which CTA converts" };

const NO_ARTICLE = "(no article)";

/** The inbox, filtered to the leads a row counts. */
function leadsLink(r: { article: string | null; cta?: string }, range: DashboardRange): string | null {
  if (r.article === null) return r.cta ? `/console/leads?${new URLSearchParams({ cta: r.cta, from: range.from, to: range.to })}` : null;
  return `/console/leads?${new URLSearchParams({ article: r.article, ...(r.cta ? { cta: r.cta } : {}), from: range.from, to: range.to })}`;
}

/** The funnel columns both tables share: counts, each followed by its rate. */
function funnelColumns<T extends CtaFunnel & { article: string | null; tracked?: boolean; cta?: string }>(range: DashboardRange): Column<T>[] {
  const counted = (r: T) => r.tracked !== false;
  const num = (header: string, cell: (r: T) => string, strong = false): Column<T> => ({
    header,
    align: "right",
    className: strong ? "font-semibold tabular-nums" : "tabular-nums",
    cell,
  });
  return [
    num("Impressions", (r) => (counted(r) ? formatCount(r.impressions) : "–")),
    num("Clicks", (r) => (counted(r) ? formatCount(r.clicks) : "–")),
    num("Click-through", (r) => (counted(r) ? percent(r.clicks, r.impressions) : "–"), true),
    {
      header: "Leads",
      align: "right",
      className: "tabular-nums",
      cell: (r) => {
        const href = r.leads > 0 ? leadsLink(r, range) : null;
        return href ? (
          <TextLink href={href}>
            {formatCount(r.leads)}
            <span className="sr-only"> leads: open them in the inbox</span>
          </TextLink>
        ) : (
          formatCount(r.leads)
        );
      },
    },
    num("Leads per click", (r) => (counted(r) ? percent(r.leads, r.clicks) : "–"), true),
    num("Enrolled", (r) => formatCount(r.enrolled)),
    num("Enrolled per lead", (r) => percent(r.enrolled, r.leads), true),
  ];
}

export default async function CtaStatsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const range = parseDashboardRange(params, new Date());
  await requireStaffPage("leads:read", `/console/ctas?${new URLSearchParams({ from: range.from, to: range.to })}`);
  const stats = await loadCtaStats(db(), range);
  const t = stats.total;

  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Which CTA converts</h1>
      <p className="mt-2 max-w-3xl text-ink/80">
        The calls to action in the career guides, from {rangeText(range)}: how often each was seen and clicked, and the leads and enrolments whose attribution
        names it. Back to the <TextLink href={`/console?${new URLSearchParams({ from: range.from, to: range.to })}`}>dashboard</TextLink>.
      </p>

      <DateRangeForm action="/console/ctas" range={range} />

      <Section headingId="cta-summary-heading" title="All guide CTAs" className="mt-8" titleClassName="sr-only">
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Stat
            label="Impressions"
            value={formatCount(t.impressions)}
            note={`${formatCount(t.clicks)} clicks, ${percent(t.clicks, t.impressions)} click-through`}
          />
          <Stat label="Clicks" value={formatCount(t.clicks)} note="Through a CTA's button, bots left out" />
          <Stat label="Leads" value={formatCount(t.leads)} note={`${percent(t.leads, t.clicks)} of clicks`} />
          <Stat label="Enrolled" value={formatCount(t.enrolled)} note={`${percent(t.enrolled, t.leads)} of leads`} />
        </dl>
      </Section>

      <Section headingId="cta-articles-heading" title="By article" className="mt-10" titleClassName="text-xl font-semibold">
        <ConsoleTable<ArticleRow>
          label="Funnel by article"
          rows={stats.articles}
          rowKey={(r) => r.article ?? NO_ARTICLE}
          empty="No CTAs yet."
          columns={[
            {
              header: "Article",
              rowHeader: true,
              className: "min-w-48 max-w-xs break-words font-medium",
              cell: (r) => (
                <>
                  {r.articleTitle ?? r.article ?? NO_ARTICLE}
                  {r.articleTitle && <span className="block text-xs font-normal text-ink/80">{r.article}</span>}
                </>
              ),
            },
            { header: "CTAs", align: "right", className: "tabular-nums", cell: (r) => formatCount(r.ctas) },
            ...funnelColumns<ArticleRow>(range),
          ]}
        />
      </Section>

      <Section headingId="cta-ctas-heading" title="By call to action" className="mt-10" titleClassName="text-xl font-semibold">
        <ConsoleTable<CtaRow>
          label="Funnel by call to action"
          rows={stats.ctas}
          rowKey={(r) => `${r.article ?? ""} ${r.cta}`}
          empty="No CTAs yet."
          columns={[
            {
              header: "CTA",
              rowHeader: true,
              className: "min-w-48 max-w-xs break-words font-medium",
              cell: (r) => (
                <>
                  {r.ctaTitle ?? r.cta}
                  <span className="block text-xs font-normal text-ink/80">
                    {r.cta}
                    {!r.tracked && " (not counted: not in a guide)"}
                  </span>
                </>
              ),
            },
            { header: "Article", className: "min-w-40 max-w-xs break-words", cell: (r) => r.article ?? NO_ARTICLE },
            ...funnelColumns<CtaRow>(range),
          ]}
        />
      </Section>

      <Section headingId="cta-notes-heading" title="What is counted" className="mt-10" titleClassName="text-lg font-semibold">
        <ul className="mt-2 max-w-3xl list-disc space-y-1 pl-5 text-sm text-ink/80">
          <li>
            An <strong>impression</strong> is the CTA&rsquo;s small image loading: browsers load it as the CTA nears the screen, so it counts the CTA coming
            close to view, not being read. Every page view counts again.
          </li>
          <li>
            A <strong>click</strong> is a visit to the CTA&rsquo;s link. Known bots, link previews and prefetches are left out. No cookie is set and no address
            is kept.
          </li>
          <li>
            <strong>Leads</strong> are the leads created in this range whose attribution names the CTA, from any form; <strong>enrolled</strong> are those of
            them now enrolled. A lead can come from a click made before the range, so leads per click can pass 100%.
          </li>
        </ul>
      </Section>
    </>
  );
}

function Stat({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <div className="rounded-xl border border-ink/10 bg-white p-4">
      <dt className="text-sm font-semibold text-ink/80">{label}</dt>
      <dd className="mt-1 text-2xl font-bold tabular-nums">{value}</dd>
      <dd className="mt-1 text-sm text-ink/80">{note}</dd>
    </div>
  );
}
