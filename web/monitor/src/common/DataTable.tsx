import type { CSSProperties, ReactNode } from 'react';

/** A header cell: its text, or the text (or control) with the cell's class and style. */
export type Column =
  | string
  | { key: string; label: ReactNode; className?: string | undefined; style?: CSSProperties | undefined };

export interface DataTableProps {
  /** The page module's table class (each module sets its own cell padding). */
  className: string | undefined;
  /** The table's accessible name. */
  label: string;
  /** The header row; `false` leaves a column out (e.g. actions the user may not take). */
  columns: readonly (Column | false)[];
  /** The body rows. */
  children: ReactNode;
}

/**
 * A Monitor data table: named for screen readers, one header row of column headers (`scope="col"`), the rows
 * the caller draws. The header markup lived in every table before; the rows stay with their page.
 */
export function DataTable({ className, label, columns, children }: DataTableProps) {
  return (
    <table className={className} aria-label={label}>
      <thead>
        <tr>
          {columns.map((c) =>
            c === false ? null : typeof c === 'string' ? (
              <th key={c} scope="col">
                {c}
              </th>
            ) : (
              <th key={c.key} scope="col" className={c.className} style={c.style}>
                {c.label}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
