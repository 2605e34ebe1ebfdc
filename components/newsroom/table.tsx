import type { ReactNode } from "react";

/** A column heading; `{ hidden }` names a column of row buttons for screen readers only. */
export type Column = string | { hidden: string };

/**
 * The console's one list table, so that every page writes only its columns
 * and cells. With `region` it is a wide list that scrolls inside a focusable,
 * named region (TableWrap); without, a captioned list that scrolls by itself
 * (the two looks are in app/newsroom/newsroom.css).
 */
export function Table<T>({
  columns,
  rows,
  rowKey,
  cells,
  caption,
  region,
  className = "newsroom-table",
}: {
  columns: Column[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** One cell a column, in the order of `columns`. */
  cells: (row: T) => ReactNode[];
  caption?: ReactNode;
  region?: string;
  className?: string;
}) {
  const table = (
    <table className={region ? undefined : className}>
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col">
              {typeof c === "string" ? c : <span className="visually-hidden">{c.hidden}</span>}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {cells(row).map((cell, i) => (
              <td key={i}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return region ? <TableWrap label={region}>{table}</TableWrap> : table;
}

/** A wide table that scrolls sideways on a phone; focusable so keyboard users can scroll it too. */
function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="newsroom-table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
