import type { Db } from "../db";
import { ctaRegistry, type RegisteredCta } from "../cta/registry";
import type { DashboardRange } from "./dashboard";

/**
 * "Which CTA converts": for each article and each of its calls to action, over a date range,
 * impressions → clicks (the counters lib/cta/ keeps per day) → leads → enrolled (the leads
 * created in the range whose attribution names the CTA, counted by where they are now, as
 * the dashboard's funnel counts them). Every lead form counts, whichever the CTA opened.
 */

export type CtaFunnel = { impressions: number; clicks: number; leads: number; enrolled: number };

export type CtaRates = {
  /** clicks ÷ impressions. */
  clickThrough: number | null;
  /** leads ÷ clicks. */
  leadRate: number | null;
  /** enrolled ÷ leads. */
  enrolRate: number | null;
};

export type CtaRow = CtaFunnel &
  CtaRates & {
    /** The article's path; null for leads whose attribution names a CTA but no article. */
    article: string | null;
    articleTitle: string | null;
    cta: string;
    ctaTitle: string | null;
    /** In the CTA registry, so its impressions and clicks are counted. */
    tracked: boolean;
  };

export type ArticleRow = CtaFunnel & CtaRates & { article: string | null; articleTitle: string | null; ctas: number };

export type CtaStats = { total: CtaFunnel & CtaRates; articles: ArticleRow[]; ctas: CtaRow[] };

export type CounterGroup = { article: string; cta: string; impressions: number; clicks: number };
export type LeadGroup = { article: string | null; cta: string | null; status: string; n: number };

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export function ratesOf(f: CtaFunnel): CtaRates {
  return { clickThrough: ratio(f.clicks, f.impressions), leadRate: ratio(f.leads, f.clicks), enrolRate: ratio(f.enrolled, f.leads) };
}

const empty = (): CtaFunnel => ({ impressions: 0, clicks: 0, leads: 0, enrolled: 0 });
const add = (to: CtaFunnel, f: CtaFunnel) => {
  to.impressions += f.impressions;
  to.clicks += f.clicks;
  to.leads += f.leads;
  to.enrolled += f.enrolled;
};
const key = (article: string | null, cta: string) => `${article ?? ""}\u0000${cta}`;

/**
 * Folds the counters and the lead groups into one row per (article, CTA) and one per article.
 * Every registered CTA has a row, counted or not, in the registry's order (article by
 * article); CTAs seen only in counters or leads follow, by leads.
 */
export function foldCtaStats(registered: readonly RegisteredCta[], counters: readonly CounterGroup[], leads: readonly LeadGroup[]): CtaStats {
  const rows = new Map<string, CtaRow & { order: number }>();
  const row = (article: string | null, cta: string) => {
    let r = rows.get(key(article, cta));
    if (!r) {
      r = { article, articleTitle: null, cta, ctaTitle: null, tracked: false, order: Infinity, ...empty(), ...ratesOf(empty()) };
      rows.set(key(article, cta), r);
    }
    return r;
  };
  registered.forEach((c, i) => Object.assign(row(c.article, c.id), { articleTitle: c.articleTitle, ctaTitle: c.title, tracked: true, order: i }));
  for (const c of counters) {
    const r = row(c.article, c.cta);
    r.impressions += c.impressions;
    r.clicks += c.clicks;
  }
  for (const l of leads) {
    if (l.cta === null) continue;
    const r = row(l.article, l.cta);
    r.leads += l.n;
    if (l.status === "enrolled") r.enrolled += l.n;
  }
  const ctas = [...rows.values()]
    .sort((a, b) => a.order - b.order || b.leads - a.leads || (a.article ?? "").localeCompare(b.article ?? "") || a.cta.localeCompare(b.cta))
    .map(({ order: _order, ...r }) => ({ ...r, ...ratesOf(r) }));

  const articles = new Map<string | null, ArticleRow>();
  const total = empty();
  for (const r of ctas) {
    let a = articles.get(r.article);
    if (!a) articles.set(r.article, (a = { article: r.article, articleTitle: r.articleTitle, ctas: 0, ...empty(), ...ratesOf(empty()) }));
    a.ctas += 1;
    a.articleTitle ??= r.articleTitle;
    add(a, r);
    add(total, r);
  }
  return { total: { ...total, ...ratesOf(total) }, articles: [...articles.values()].map((a) => ({ ...a, ...ratesOf(a) })), ctas };
}

export async function loadCtaStats(db: Db, range: Pick<DashboardRange, "from" | "to" | "start" | "end">): Promise<CtaStats> {
  const [counters, leads] = await Promise.all([
    db.ctaDailyCount.groupBy({
      by: ["article", "cta"],
      where: { day: { gte: range.from, lte: range.to } },
      _sum: { impressions: true, clicks: true },
    }),
    db.lead.groupBy({
      by: ["article", "cta", "status"],
      where: { createdAt: { gte: range.start, lt: range.end }, cta: { not: null } },
      _count: { _all: true },
    }),
  ]);
  return foldCtaStats(
    [...ctaRegistry().values()],
    counters.map((c) => ({ article: c.article, cta: c.cta, impressions: c._sum.impressions ?? 0, clicks: c._sum.clicks ?? 0 })),
    leads.map((l) => ({ article: l.article, cta: l.cta, status: l.status, n: l._count._all })),
  );
}
