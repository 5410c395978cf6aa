import type { ReactNode } from "react";
import type { FigureGroup, SourcedFigure } from "@/content/guides/types";
import { figureDateNotes } from "@/lib/content/figure-date-notes";

const kindTitle = { salary: "Salary", outlook: "Job outlook" } as const;

/** The id of a kind's table region, for links such as the salary chart's caption. */
export const figuresTableId = (kind: FigureGroup["kind"]) => `figures-${kind}-table`;

// Below the md breakpoint the table is a stacked list: every row a card of label: value
// pairs, so nothing is cut off on a phone. Pure CSS; the labels are hidden on wide screens,
// where the column headers say the same.
const stack = {
  table: "max-md:block",
  caption: "max-md:block",
  head: "max-md:hidden",
  group: "max-md:mt-4 max-md:block max-md:overflow-hidden max-md:rounded-xl max-md:border max-md:border-ink/15 max-md:bg-white",
  row: "max-md:block max-md:border-t max-md:border-ink/10 max-md:px-4 max-md:py-3 max-md:first:border-t-0",
  groupHead: "max-md:-mx-4 max-md:-mt-3 max-md:mb-3 max-md:block max-md:border-b max-md:border-brand/30 max-md:px-4",
  cell: "max-md:grid max-md:grid-cols-[4.5rem_minmax(0,1fr)] max-md:gap-x-3 max-md:border-0 max-md:px-0 max-md:py-1",
  note: "max-md:-mx-4 max-md:-mb-3 max-md:block max-md:border-0 max-md:px-4 max-md:py-3",
};

function Cell({ label, children, className = "" }: { label: string; children: ReactNode; className?: string }) {
  return (
    <td className={`${stack.cell} ${className}`}>
      <span className="text-sm font-semibold text-ink/75 md:hidden">{label}</span>
      <div>{children}</div>
    </td>
  );
}

function SourceText({ source, sourceUrl }: { source: string; sourceUrl: string }) {
  if (!sourceUrl) return <span className="italic text-ink/80">{source}</span>;
  return (
    <a href={sourceUrl} rel="noopener noreferrer">
      {source}
    </a>
  );
}

function AsOf({ figure, noteNumber, kind }: { figure: SourcedFigure; noteNumber?: number; kind: string }) {
  return (
    <>
      {figure.asOf ?? (
        <>
          <span aria-hidden="true">—</span>
          <span className="sr-only">Not stated</span>
        </>
      )}
      {noteNumber !== undefined && (
        <sup className="ml-1">
          <a href={`#figures-${kind}-note-${noteNumber}`}>
            <span className="sr-only">date note </span>
            {noteNumber}
          </a>
        </sup>
      )}
    </>
  );
}

/**
 * Every salary and job-outlook figure with its source and date. Figures that measure the
 * same thing share a row group, and where sources disagree the note says so next to them.
 * A date the source does not give is a dash, explained once in the legend below the table,
 * and context for a date (such as other dates in the same article) is a numbered note there.
 */
export function SourcedFigures({ groups }: { groups: FigureGroup[] }) {
  return (
    <>
      {(["salary", "outlook"] as const).map((kind) => {
        const rows = groups.filter((g) => g.kind === kind);
        if (rows.length === 0) return null;
        const notes = figureDateNotes(rows);
        const undated = rows.some((g) => g.figures.some((f) => f.asOf === null));
        const legendId = `figures-${kind}-legend`;
        const hasLegend = undated || notes.size > 0;
        return (
          <div key={kind}>
            <div id={figuresTableId(kind)} className="table-wrap" role="region" aria-labelledby={`figures-${kind}`} tabIndex={0}>
              <table className={`figures-table ${stack.table}`} aria-describedby={hasLegend ? legendId : undefined}>
                <caption id={`figures-${kind}`} className={`pb-3 text-left text-lg font-semibold text-ink ${stack.caption}`}>
                  {kindTitle[kind]}: figures, sources and dates
                </caption>
                <thead className={stack.head}>
                  <tr>
                    <th scope="col">What is measured</th>
                    <th scope="col">Figure</th>
                    <th scope="col">Source</th>
                    <th scope="col">As of</th>
                  </tr>
                </thead>
                {rows.map((group) => (
                  <tbody key={group.id} id={`figure-${group.id}`} className={stack.group}>
                    {group.figures.map((f, i) => (
                      <tr key={i} className={stack.row}>
                        {i === 0 && (
                          <th scope="rowgroup" rowSpan={group.figures.length + (group.disagreement ? 1 : 0)} className={`align-top ${stack.groupHead}`}>
                            {group.metric}
                          </th>
                        )}
                        <Cell label="Figure">
                          <span className="font-semibold text-ink">{f.value}</span>
                          {f.note && <span className="mt-1 block text-sm text-ink/80">{f.note}</span>}
                        </Cell>
                        <Cell label="Source">
                          <SourceText source={f.source} sourceUrl={f.sourceUrl} />
                        </Cell>
                        <Cell label="As of" className="text-sm">
                          <AsOf figure={f} kind={kind} noteNumber={f.dateNote ? notes.get(f.dateNote) : undefined} />
                        </Cell>
                      </tr>
                    ))}
                    {group.disagreement && (
                      <tr className={stack.row}>
                        <td colSpan={3} className={`bg-accent-soft/70 text-sm ${stack.note}`}>
                          <strong>Sources disagree:</strong> {group.disagreement}
                        </td>
                      </tr>
                    )}
                  </tbody>
                ))}
              </table>
            </div>
            {hasLegend && (
              <div id={legendId} className="mt-3 text-sm text-ink/80">
                {undated && (
                  <p>
                    <span aria-hidden="true">—</span> Date not stated by the source.
                  </p>
                )}
                {notes.size > 0 && (
                  <ol className="mt-1" aria-label="Notes on dates">
                    {[...notes].map(([text, n]) => (
                      <li key={n} id={`figures-${kind}-note-${n}`}>
                        {text}
                      </li>
                    ))}
                  </ol>
                )}
              </div>
            )}
          </div>
        );
      })}
    </>
  );
}
