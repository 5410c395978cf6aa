import type { ReactNode } from "react";
import { MultiLine } from "./layout";
import { s } from "./styles";
import { rows } from "./values";

/**
 * Label/value rows as a two-column table; nothing at all when there are no rows. The
 * `data-table` attribute makes the plain-text part lay it out as columns (see render.ts).
 */
export function SummaryTable({ rows: input }: { rows: unknown }) {
  const list = rows(input);
  if (list.length === 0) return null;
  return (
    <table data-table="summary" cellPadding={0} cellSpacing={0} width="100%" style={s.table}>
      <tbody>
        {list.map((row, i) => (
          <LabelledRow key={i} label={row.label}>
            <MultiLine text={row.value} />
          </LabelledRow>
        ))}
      </tbody>
    </table>
  );
}

/** One row of a label/value table: the label as the row's header. */
export function LabelledRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row" style={s.th}>
        {label}
      </th>
      <td style={s.td}>{children}</td>
    </tr>
  );
}
