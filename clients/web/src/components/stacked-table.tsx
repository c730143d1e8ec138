import type { ReactNode } from 'react';

/*
 * A list table that stacks on a phone (styles.css, `table.stacked`): each row a block, each cell a
 * line under its column's name, so nothing scrolls sideways. The roles are written out because
 * Chromium drops a table's semantics once its display changes.
 */

/** The table, its column headings and its rows (`StackedRow`s). */
export function StackedTable({
  columns,
  caption,
  children,
}: {
  columns: string[];
  /** For screen readers, where the heading before the table does not say what it lists. */
  caption?: string;
  children: ReactNode;
}) {
  return (
    <table className="stacked" role="table">
      {caption && <caption className="visually-hidden">{caption}</caption>}
      <thead role="rowgroup">
        <tr role="row">
          {columns.map((column) => (
            <th key={column} role="columnheader" scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup">{children}</tbody>
    </table>
  );
}

export const StackedRow = ({ children }: { children: ReactNode }) => <tr role="row">{children}</tr>;

/**
 * One cell; on a phone it reads "<label>: <value>". The first cell of a row (it names the row, in
 * bold) and a cell of buttons (they name themselves) go without a label.
 */
export const StackedCell = ({ label, children }: { label?: string; children: ReactNode }) => (
  <td role="cell" data-label={label}>
    {children}
  </td>
);

/**
 * The table's scrolling region, named "<heading> table": the section around it often carries the
 * heading's name already, and two landmarks of one name cannot be told apart.
 */
export const TableRegion = ({ headingId, children }: { headingId: string; children: ReactNode }) => (
  <div className="table-scroll" role="region" aria-labelledby={`${headingId} ${headingId}-table`} tabIndex={0}>
    <span id={`${headingId}-table`} hidden>
      table
    </span>
    {children}
  </div>
);
