import { formatCount } from "./format";

/**
 * A stacked bar chart drawn on the server as SVG: no client JavaScript. The SVG is one
 * image with a short text alternative; the numbers themselves are in the data table under
 * it (in a <details>, so the page stays short), which is what screen readers and keyboard
 * users read.
 */

export type ChartSeries = { key: string; label: string; color: string };
export type ChartBucket = { key: string; label: string; longLabel: string; values: Record<string, number>; total: number };

type Props = {
  id: string;
  title: string;
  /** One sentence: what the chart shows and its headline numbers. */
  summary: string;
  series: ChartSeries[];
  buckets: ChartBucket[];
  /** Column header for the bucket column of the table, e.g. "Day". */
  bucketHeading: string;
};

const WIDTH = 800;
const HEIGHT = 260;
const PAD = { top: 12, right: 12, bottom: 34, left: 44 };
/** Two decimals are plenty for a 800-unit view box, and keep the HTML small. */
const r2 = (v: number) => Math.round(v * 100) / 100;

/** Whole-number axis ticks at 1, 2 or 5 × 10^n steps: about four of them, the last at or above `max`. */
export function axisTicks(max: number): number[] {
  const rough = Math.max(1, max / 4);
  const p = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= rough) ?? 10 * p;
  const n = Math.max(1, Math.ceil(max / step));
  return Array.from({ length: n + 1 }, (_, i) => i * step);
}

export function StackedBarChart({ id, title, summary, series, buckets, bucketHeading }: Props) {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const ticks = axisTicks(Math.max(0, ...buckets.map((b) => b.total)));
  const top = ticks[ticks.length - 1];
  const slot = buckets.length ? plotW / buckets.length : plotW;
  const barW = r2(Math.max(1, Math.min(28, slot * 0.75)));
  const labelEvery = Math.max(1, Math.ceil(buckets.length / 8));
  const y = (v: number) => r2(PAD.top + plotH - (v / top) * plotH);
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;

  return (
    <figure className="mt-4">
      <figcaption className="sr-only">{title}</figcaption>
      <ul className="flex flex-wrap gap-x-5 gap-y-2 text-sm" aria-label={`${title}: legend`}>
        {series.map((s) => (
          <li key={s.key} className="flex items-center gap-2">
            <svg width="14" height="14" aria-hidden="true" focusable="false">
              <rect width="14" height="14" rx="3" fill={s.color} />
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="mt-3 h-auto w-full" role="img" aria-labelledby={`${titleId} ${descId}`} focusable="false">
        <title id={titleId}>{title}</title>
        <desc id={descId}>{summary} The numbers are in the table below the chart.</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} stroke="currentColor" strokeOpacity={t === 0 ? 0.5 : 0.12} />
            <text x={PAD.left - 6} y={y(t)} dy="0.32em" textAnchor="end" fontSize="11" fill="currentColor">
              {formatCount(t)}
            </text>
          </g>
        ))}
        {buckets.map((b, i) => {
          const x = r2(PAD.left + i * slot + (slot - barW) / 2);
          let acc = 0;
          return (
            <g key={b.key}>
              {series.map((s) => {
                const v = b.values[s.key] ?? 0;
                if (!v) return null;
                const y1 = y(acc + v);
                const h = r2(y(acc) - y1);
                acc += v;
                return (
                  <rect key={s.key} x={x} y={y1} width={barW} height={h} fill={s.color} stroke="#fff" strokeWidth={h > 2 ? 0.75 : 0}>
                    <title>{`${b.longLabel}: ${formatCount(v)} ${s.label}`}</title>
                  </rect>
                );
              })}
              {i % labelEvery === 0 && (
                <text x={r2(x + barW / 2)} y={HEIGHT - PAD.bottom + 16} textAnchor="middle" fontSize="11" fill="currentColor">
                  {b.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <details className="mt-3">
        <summary className="cursor-pointer text-sm font-semibold text-brand underline underline-offset-4">Show the numbers as a table</summary>
        <div className="mt-2 max-h-96 overflow-auto rounded-xl border border-ink/10 bg-white" role="region" aria-label={`${title}: table`} tabIndex={0}>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{title}</caption>
            <thead className="sticky top-0 bg-white shadow-[0_1px_0_rgb(0_0_0/0.1)]">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {bucketHeading}
                </th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="px-3 py-2 text-right">
                    {s.label}
                  </th>
                ))}
                <th scope="col" className="px-3 py-2 text-right">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {buckets.map((b) => (
                <tr key={b.key} className="border-t border-ink/10">
                  <th scope="row" className="whitespace-nowrap px-3 py-1.5 font-normal">
                    {b.longLabel}
                  </th>
                  {series.map((s) => (
                    <td key={s.key} className="px-3 py-1.5 text-right tabular-nums">
                      {formatCount(b.values[s.key] ?? 0)}
                    </td>
                  ))}
                  <td className="px-3 py-1.5 text-right font-semibold tabular-nums">{formatCount(b.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
