import type { FigureGroup } from "@/content/guides/types";

/** One row of the salary chart: a single figure, a band, or an open-ended "or more" figure. */
export type SalaryChartRow = {
  label: string;
  /** The figure as the table writes it, e.g. "$165,000 or more per year". */
  value: string;
  /** The figure as the chart writes it next to its mark, e.g. "$165,000 or more". */
  mark: string;
  source: string;
  asOf: string | null;
  shape: "point" | "band" | "or-more";
  low: number;
  /** The top of a band; null for a single figure or an open-ended one. */
  high: number | null;
  /**
   * Which side of its mark the value is written on: right of the mark (or of a band's top) when
   * that is in the left part of the axis, else left of it. An open-ended bar runs to the right
   * edge, so its value is always on the left.
   */
  markSide: "left" | "right";
};

export type SalaryChart = {
  rows: SalaryChartRow[];
  /** The axis runs from `min` to `max` dollars. */
  min: number;
  max: number;
  /** Gridlines with labels, inside the axis. */
  ticks: number[];
};

/** Gridline spacing and the unit the axis is rounded to. */
const AXIS_STEP = 25_000;
const TICK_STEP = 50_000;
/** A value is written right of its mark only when the mark is left of this point (percent). */
const RIGHT_SIDE_BEFORE = 60;

/**
 * The salary figures that carry a dollar amount (`chart` in figures.ts), lowest first, with an
 * axis padded by half a step on each side and rounded to whole steps, so no mark sits on an edge.
 * Figures without an amount (such as the list of top-paying industries) are left out.
 */
export function salaryChart(groups: FigureGroup[]): SalaryChart {
  const rows: SalaryChartRow[] = groups
    .filter((g) => g.kind === "salary")
    .flatMap((g) => g.figures)
    .flatMap((f) => {
      if (!f.chart) return [];
      const { label, low, high, orMore } = f.chart;
      const shape = orMore ? "or-more" : high !== undefined ? "band" : "point";
      const mark = f.value.replace(/^Up to /, "").replace(/ per year$/, "");
      return [{ label, value: f.value, mark, source: f.source, asOf: f.asOf, shape, low, high: shape === "band" ? high! : null, markSide: "right" as const }];
    });
  // Lowest first; of two rows starting at the same amount, the narrower one first.
  rows.sort((a, b) => a.low - b.low || (a.high ?? a.low) - (b.high ?? b.low));
  if (rows.length === 0) return { rows, min: 0, max: AXIS_STEP, ticks: [] };

  const lowest = Math.min(...rows.map((r) => r.low));
  const highest = Math.max(...rows.map((r) => r.high ?? r.low));
  const min = Math.max(0, Math.floor((lowest - AXIS_STEP / 2) / AXIS_STEP) * AXIS_STEP);
  const max = Math.ceil((highest + AXIS_STEP / 2) / AXIS_STEP) * AXIS_STEP;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / TICK_STEP) * TICK_STEP; t <= max; t += TICK_STEP) if (t > min && t < max) ticks.push(t);
  for (const row of rows) {
    const end = axisPercent({ min, max }, row.high ?? row.low);
    row.markSide = row.shape !== "or-more" && end < RIGHT_SIDE_BEFORE ? "right" : "left";
  }
  return { rows, min, max, ticks };
}

/** Where an amount sits along the axis, as a percentage of its width (0 to 100, clamped). */
export function axisPercent(chart: Pick<SalaryChart, "min" | "max">, amount: number): number {
  const pct = ((amount - chart.min) / (chart.max - chart.min)) * 100;
  return Math.round(Math.min(100, Math.max(0, pct)) * 100) / 100;
}

const dollars = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

/** "$150k" for an axis label. */
export function shortDollars(amount: number): string {
  return `$${Math.round(amount / 1000)}k`;
}

/** The row in words, for the chart's text description. */
export function describeRow(row: SalaryChartRow): string {
  const amount =
    row.shape === "band"
      ? `${dollars.format(row.low)} to ${dollars.format(row.high!)}`
      : row.shape === "or-more"
        ? `${dollars.format(row.low)} or more`
        : dollars.format(row.low);
  return `${row.label}: ${amount} (${row.asOf ?? "date not stated"})`;
}
