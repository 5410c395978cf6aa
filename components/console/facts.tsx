import type { ReactNode } from "react";

/**
 * A label–value list (dl) in two columns: what the console shows about one record. A value
 * that is missing (null, undefined, false or "") reads as `empty`, a dash by default.
 */

export type Fact = readonly [label: string, value: ReactNode];

/**
 * How long values wrap: "words" (the default) breaks long words only when it must, "pre"
 * also keeps the line breaks people typed, "all" breaks anywhere (ids, addresses, keys).
 */
const WRAP = { words: "break-words", pre: "whitespace-pre-wrap break-words", all: "break-all" } as const;

export function Facts({
  rows,
  wrap = "words",
  empty = "—",
  className,
}: {
  rows: readonly Fact[];
  wrap?: keyof typeof WRAP;
  empty?: string;
  className?: string;
}) {
  return (
    <dl className={`grid grid-cols-[max-content_minmax(0,1fr)] gap-x-6 gap-y-1 text-sm ${className ?? ""}`.trim()}>
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-semibold">{label}</dt>
          <dd className={WRAP[wrap]}>{value === null || value === undefined || value === false || value === "" ? empty : value}</dd>
        </div>
      ))}
    </dl>
  );
}
