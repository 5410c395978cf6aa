import type { FigureGroup } from "@/content/guides/types";

const kindTitle = { salary: "Salary", outlook: "Job outlook" } as const;

function SourceCell({ source, sourceUrl }: { source: string; sourceUrl: string }) {
  if (!sourceUrl) return <span className="italic text-ink/80">{source}</span>;
  return (
    <a href={sourceUrl} rel="noopener noreferrer">
      {source}
    </a>
  );
}

/**
 * Every salary and job-outlook figure with its source and date. Figures that measure the
 * same thing share a row group, and where sources disagree the note says so next to them.
 */
export function SourcedFigures({ groups }: { groups: FigureGroup[] }) {
  return (
    <>
      {(["salary", "outlook"] as const).map((kind) => {
        const rows = groups.filter((g) => g.kind === kind);
        if (rows.length === 0) return null;
        return (
          <div key={kind} className="table-wrap" role="region" aria-labelledby={`figures-${kind}`} tabIndex={0}>
            <table className="figures-table">
              <caption id={`figures-${kind}`} className="pb-3 text-left text-lg font-semibold text-ink">
                {kindTitle[kind]}: figures, sources and dates
              </caption>
              <thead>
                <tr>
                  <th scope="col">What is measured</th>
                  <th scope="col">Figure</th>
                  <th scope="col">Source</th>
                  <th scope="col">As of</th>
                </tr>
              </thead>
              {rows.map((group) => (
                <tbody key={group.id} id={`figure-${group.id}`}>
                  {group.figures.map((f, i) => (
                    <tr key={i}>
                      {i === 0 && (
                        <th scope="rowgroup" rowSpan={group.figures.length + (group.disagreement ? 1 : 0)} className="align-top">
                          {group.metric}
                        </th>
                      )}
                      <td>
                        <span className="font-semibold text-ink">{f.value}</span>
                        {f.note && <span className="mt-1 block text-sm text-ink/80">{f.note}</span>}
                      </td>
                      <td>
                        <SourceCell source={f.source} sourceUrl={f.sourceUrl} />
                      </td>
                      <td className="text-sm">{f.asOf}</td>
                    </tr>
                  ))}
                  {group.disagreement && (
                    <tr>
                      <td colSpan={3} className="bg-accent-soft/70 text-sm">
                        <strong>Sources disagree:</strong> {group.disagreement}
                      </td>
                    </tr>
                  )}
                </tbody>
              ))}
            </table>
          </div>
        );
      })}
    </>
  );
}
