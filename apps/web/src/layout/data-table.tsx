import type { Key, ReactNode } from 'react';

/** One column of a DataTable: its header and what each row shows in it. */
export interface Column<Row> {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** The cell names its row (`<th scope="row">`), for a screen reader reading across. */
  rowHeader?: boolean;
  /** On the header and every cell (e.g. `amount`: figures line up on the end side). */
  className?: string;
  /** On the cells only. */
  cellClassName?: string;
  dir?: 'ltr' | 'rtl' | 'auto';
  lang?: string;
}

interface DataTableProps<Row> {
  rows: readonly Row[];
  rowKey: (row: Row) => Key;
  columns: readonly Column<Row>[];
  caption?: ReactNode;
  /** The id of the heading that names the table (when it has no caption). */
  labelledBy?: string;
  /** Classes besides `data-table`. */
  className?: string;
  rowClassName?: (row: Row) => string | undefined;
  /** In its own sideways-scrolling box (focusable, so the keyboard scrolls it too); default true. */
  scroll?: boolean;
}

/**
 * The app's list table: a caption or a heading names it, a header row, a row per item. A wide
 * table scrolls inside its own box, never the page.
 */
export function DataTable<Row>({ rows, rowKey, columns, caption, labelledBy, className, rowClassName, scroll = true }: DataTableProps<Row>) {
  const table = (
    <table className={className ? `data-table ${className}` : 'data-table'} aria-labelledby={labelledBy}>
      {caption !== undefined ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.key} scope="col" className={column.className}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} className={rowClassName?.(row)}>
            {columns.map((column) => {
              const className = [column.className, column.cellClassName].filter(Boolean).join(' ') || undefined;
              const props = { className, dir: column.dir, lang: column.lang };
              return column.rowHeader ? (
                <th key={column.key} scope="row" {...props}>
                  {column.cell(row)}
                </th>
              ) : (
                <td key={column.key} {...props}>
                  {column.cell(row)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return scroll ? (
    <div className="table-scroll" tabIndex={0}>
      {table}
    </div>
  ) : (
    table
  );
}
