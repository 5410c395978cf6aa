import { formatCount } from "./format";

/**
 * The pipeline funnel as horizontal bars, drawn on the server as SVG. Every bar carries its
 * number and share as visible text, and the same figures are in a table for screen readers
 * (the SVG itself is one image with a one-line summary).
 */

export type FunnelStage = { key: string; label: string; count: number; color: string };

const WIDTH = 640;
const ROW = 34;
const LABEL_W = 120;
const VALUE_W = 150;

export const percent = (part: number, whole: number) =>
  whole ? `${(Math.round((part / whole) * 1000) / 10).toLocaleString("en-US", { maximumFractionDigits: 1 })}%` : "–";

export function FunnelChart({ id, title, stages }: { id: string; title: string; stages: FunnelStage[] }) {
  const base = stages[0]?.count ?? 0;
  const max = Math.max(1, ...stages.map((s) => s.count));
  const plotW = WIDTH - LABEL_W - VALUE_W;
  const height = stages.length * ROW + 4;
  const summary = stages.map((s) => `${s.label} ${formatCount(s.count)}`).join(", ");
  return (
    <figure className="mt-4">
      <figcaption className="sr-only">{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} className="h-auto w-full max-w-2xl" role="img" aria-labelledby={`${id}-title ${id}-desc`} focusable="false">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{`${summary}. The same numbers are in the table below.`}</desc>
        {stages.map((s, i) => {
          const w = (s.count / max) * plotW;
          const yTop = i * ROW + 4;
          return (
            <g key={s.key}>
              <text x={LABEL_W - 8} y={yTop + ROW / 2 - 2} dy="0.32em" textAnchor="end" fontSize="13" fill="currentColor">
                {s.label}
              </text>
              <rect x={LABEL_W} y={yTop + 4} width={plotW} height={ROW - 12} rx="4" fill="currentColor" fillOpacity="0.06" />
              {s.count > 0 && <rect x={LABEL_W} y={yTop + 4} width={Math.round(Math.max(2, w) * 100) / 100} height={ROW - 12} rx="4" fill={s.color} />}
              <text x={LABEL_W + plotW + 8} y={yTop + ROW / 2 - 2} dy="0.32em" fontSize="13" fill="currentColor">
                {`${formatCount(s.count)}${i > 0 ? ` (${percent(s.count, base)})` : ""}`}
              </text>
            </g>
          );
        })}
      </svg>
      {/* A table has no 1 px width, so sr-only goes on a wrapper that clips it (else it widens the page on a phone). */}
      <div className="sr-only">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Leads</th>
              <th scope="col">Share of all leads</th>
            </tr>
          </thead>
          <tbody>
            {stages.map((s) => (
              <tr key={s.key}>
                <th scope="row">{s.label}</th>
                <td>{formatCount(s.count)}</td>
                <td>{percent(s.count, base)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
