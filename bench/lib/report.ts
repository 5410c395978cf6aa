/** Report tables. Every benchmark prints its figures next to a same-run baseline and the ratio. */

/** A text table; the first column is left-aligned, the others right-aligned unless `leftColumns` says so. */
export function table(header: string[], rows: string[][], leftColumns: number[] = [0]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const left = new Set(leftColumns);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (left.has(i) ? (c ?? "").padEnd(widths[i]) : (c ?? "").padStart(widths[i])))
      .join(" | ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...rows.map(line)].join("\n");
}

/** One figure of the project against the same measure of its baseline, from the same run. */
export type Comparison = {
  measure: string;
  /** What was measured: the project's code. */
  value: number;
  /** The same measure of the baseline, in the same run. */
  baseline: number;
  unit: string;
  /** Whether a higher figure is better (throughput) or worse (latency, memory). */
  higherIsBetter: boolean;
  decimals?: number;
};

export function formatNumber(x: number, decimals = 0): string {
  if (!Number.isFinite(x)) return "-";
  return x.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** project ÷ baseline, e.g. "0.44×", with "better"/"worse" so the direction is never guessed. */
export function ratio(c: Comparison): string {
  if (!Number.isFinite(c.value) || !Number.isFinite(c.baseline) || c.baseline === 0) return "-";
  const r = c.value / c.baseline;
  const better = c.higherIsBetter ? r > 1 : r < 1;
  return `${r.toFixed(2)}× ${r === 1 ? "" : better ? "(better)" : "(worse)"}`.trimEnd();
}

/** measure | project | baseline | project ÷ baseline */
export function comparisonTable(title: string, baselineName: string, comparisons: Comparison[]): string {
  const rows = comparisons.map((c) => [
    c.measure,
    `${formatNumber(c.value, c.decimals)} ${c.unit}`.trimEnd(),
    `${formatNumber(c.baseline, c.decimals)} ${c.unit}`.trimEnd(),
    ratio(c),
  ]);
  return `${title}\n(baseline: ${baselineName}, same run)\n\n${table(["measure", "project", "baseline", "project ÷ baseline"], rows)}`;
}
