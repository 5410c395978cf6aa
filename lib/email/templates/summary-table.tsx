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
          <tr key={i}>
            <th scope="row" style={s.th}>
              {row.label}
            </th>
            <td style={s.td}>
              <MultiLine text={row.value} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
