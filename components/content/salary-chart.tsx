import type { FigureGroup } from "@/content/guides/types";
import { axisPercent, describeRow, salaryChart, shortDollars, type SalaryChartRow } from "@/lib/content/salary-chart";

const ROW_HEIGHT = 52;
const LABEL_Y = 16;
const BAR_Y = 36;
const AXIS_HEIGHT = 28;

/**
 * The salary figures as a dot and range chart, drawn on the server as SVG (no JavaScript).
 * Positions along the axis are percentages of the chart's width while text keeps its size,
 * so the chart fills any column from a 320 px phone up and its labels stay readable. The
 * title names the chart, the description lists every figure in words, and the caption points
 * to the table that holds the same figures with their sources, dates and notes.
 */
export function SalaryChart({ groups, tableId }: { groups: FigureGroup[]; tableId: string }) {
  const chart = salaryChart(groups);
  if (chart.rows.length === 0) return null;
  const plotHeight = chart.rows.length * ROW_HEIGHT;
  const height = plotHeight + AXIS_HEIGHT;
  const pct = (amount: number) => `${axisPercent(chart, amount)}%`;
  const description = `Dot and range chart of ${chart.rows.length} published US salary figures, lowest first, on an axis from ${shortDollars(chart.min)} to ${shortDollars(chart.max)} a year. ${chart.rows.map(describeRow).join("; ")}.`;

  return (
    <figure className="my-8 border-y border-ink/10 py-5">
      <svg
        role="img"
        aria-labelledby="salary-chart-title"
        aria-describedby="salary-chart-desc salary-chart-caption"
        width="100%"
        height={height}
        className="block overflow-visible"
        fontSize={13}
      >
        <title id="salary-chart-title">US salary figures for machine learning engineers, by source</title>
        <desc id="salary-chart-desc">{description}</desc>
        {chart.ticks.map((t) => (
          <g key={t}>
            <line x1={pct(t)} x2={pct(t)} y1={0} y2={plotHeight} className="stroke-ink/20" strokeDasharray="2 3" />
            <text x={pct(t)} y={height - 6} textAnchor="middle" className="fill-ink/75">
              {shortDollars(t)}
            </text>
          </g>
        ))}
        <line x1="0" x2="100%" y1={plotHeight} y2={plotHeight} className="stroke-ink/40" />
        {chart.rows.map((row, i) => (
          <ChartRow key={i} row={row} y={i * ROW_HEIGHT} pct={pct} />
        ))}
      </svg>
      <figcaption id="salary-chart-caption" className="mt-3 text-sm text-ink/80">
        Each dot is one published figure and each bar a published range; a dashed line means &ldquo;or more&rdquo;. Most of these figures are undated. The{" "}
        <a href={`#${tableId}`}>salary table below</a> lists the same figures with their sources, dates and notes.
      </figcaption>
    </figure>
  );
}

function ChartRow({ row, y, pct }: { row: SalaryChartRow; y: number; pct: (amount: number) => string }) {
  const barY = y + BAR_Y;
  const right = row.markSide === "right";
  return (
    <g>
      <text x="0" y={y + LABEL_Y} className="fill-ink font-semibold">
        {row.label}
        {row.asOf && <tspan className="fill-ink/75 font-normal">, {row.asOf}</tspan>}
      </text>
      <line x1="0" x2="100%" y1={barY} y2={barY} className="stroke-ink/10" />
      {row.shape === "band" && (
        <line x1={pct(row.low)} x2={pct(row.high!)} y1={barY} y2={barY} className="stroke-brand" strokeWidth={10} strokeLinecap="round" />
      )}
      {row.shape === "or-more" && <line x1={pct(row.low)} x2="100%" y1={barY} y2={barY} className="stroke-brand" strokeWidth={4} strokeDasharray="6 4" />}
      {row.shape !== "band" && <circle cx={pct(row.low)} cy={barY} r={6} className="fill-brand" />}
      <text
        x={right ? pct(row.high ?? row.low) : pct(row.low)}
        dx={right ? 12 : -12}
        y={barY + 4}
        textAnchor={right ? "start" : "end"}
        className="fill-ink stroke-white [paint-order:stroke]"
        strokeWidth={4}
        strokeLinejoin="round"
      >
        {row.mark}
      </text>
    </g>
  );
}
