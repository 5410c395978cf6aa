import type { ReactNode } from "react";
import { Section } from "./page-parts";

/**
 * The console's data table: a scrollable, keyboard-focusable region (named for screen
 * readers) around a table whose columns are declared once, heading and cell together, so
 * a heading can never drift from its cells and the empty row always spans them all.
 */

export type Column<T> = {
  /** The column heading (visually hidden with srOnlyHeader, e.g. for an actions column). */
  header: ReactNode;
  srOnlyHeader?: boolean;
  cell: (row: T) => ReactNode;
  /** Numbers: heading and cells right-aligned. */
  align?: "right";
  /** The row's heading cell (th scope="row"), usually the name a row is about. */
  rowHeader?: boolean;
  /** A sortable column: its heading cell's aria-sort (the heading itself holds the link). */
  sort?: "ascending" | "descending" | "none";
  /** More classes for the body cells, fixed or per row. */
  className?: string | ((row: T) => string | undefined);
};

type RegionName = { label: string; labelledBy?: never } | { labelledBy: string; label?: never };

/** Rows with a string id are keyed by it; other rows need a rowKey. */
type RowKey<T> = T extends { id: string } ? { rowKey?: (row: T) => string } : { rowKey: (row: T) => string };

export type ConsoleTableProps<T> = RegionName & RowKey<T> & TableContent<T>;

type TableContent<T> = {
  rows: readonly T[];
  columns: Column<T>[];
  /** Shown in a full-width row when there are no rows; without it an empty table has no body rows. */
  empty?: ReactNode;
  /** A visually hidden caption, for tables whose region name is a heading elsewhere. */
  caption?: ReactNode;
  /** Spacing above the table ("mt-2" by default). */
  className?: string;
};

const classes = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(" ");

const byId = (row: unknown) => (row as { id: string }).id;

export function ConsoleTable<T>({ rows, rowKey = byId, columns, empty, caption, className = "mt-2", label, labelledBy }: ConsoleTableProps<T>) {
  return (
    <div
      className={`${className} relative overflow-x-auto rounded-xl border border-ink/10 bg-white`}
      role="region"
      aria-label={label}
      aria-labelledby={labelledBy}
      tabIndex={0}
    >
      <table className="w-full text-left text-sm">
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className="bg-ink/5">
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" aria-sort={c.sort} className={classes("px-3 py-2", c.align === "right" && "text-right")}>
                {c.srOnlyHeader ? <span className="sr-only">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className="border-t border-ink/10 align-top">
              {columns.map((c, i) => {
                const className = classes(
                  "px-3 py-2",
                  c.align === "right" && "text-right",
                  c.rowHeader && "text-left",
                  typeof c.className === "function" ? c.className(row) : c.className,
                );
                return c.rowHeader ? (
                  <th key={i} scope="row" className={className}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={i} className={className}>
                    {c.cell(row)}
                  </td>
                );
              })}
            </tr>
          ))}
          {rows.length === 0 && empty && (
            <tr>
              <td colSpan={columns.length} className="px-3 py-6 text-center text-ink/80">
                {empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** The row's heading: a link to the record's own page, and what follows it (a detail line, a "(you)"). */
export function linkColumn<T>(header: string, link: (row: T) => { href: string; label: ReactNode }, after?: (row: T) => ReactNode): Column<T> {
  return {
    header,
    rowHeader: true,
    className: "font-normal",
    cell: (row) => {
      const { href, label } = link(row);
      return (
        <>
          <a href={href} className="font-medium text-brand underline">
            {label}
          </a>
          {after?.(row)}
        </>
      );
    },
  };
}

type TableSectionProps<T extends { id: string }> = Omit<TableContent<T>, "className" | "caption"> & {
  headingId: string;
  title: string;
  /** The table's name, when the title carries more (a count); the title by default. */
  label?: string;
  /** Said instead of the table when there are no rows. */
  noRows?: ReactNode;
  /** Text between the heading and the table. */
  children?: ReactNode;
};

/** A titled part of a record's page that holds one table: the person's leads, a referrer's ledger. */
export function TableSection<T extends { id: string }>({ headingId, title, label = title, noRows, children, rows, columns, empty }: TableSectionProps<T>) {
  return (
    <Section headingId={headingId} title={title} className="mt-10">
      {children}
      {rows.length === 0 && noRows ? (
        <p className="mt-2 text-ink/70">{noRows}</p>
      ) : (
        <ConsoleTable<T> className="mt-3" label={label} rows={rows} columns={columns} empty={empty} />
      )}
    </Section>
  );
}
