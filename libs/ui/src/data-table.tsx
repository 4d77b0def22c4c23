'use client';

import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { Button } from './button';

export type { ColumnDef, SortingState } from '@tanstack/react-table';

export interface ServerPagination {
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  /** e.g. "Showing 25 of 1,532 products". */
  summary?: ReactNode;
}

/** Column meta the table reads: right-aligned numbers. */
export interface DataTableColumnMeta {
  numeric?: boolean;
}

/**
 * A table of one server page of rows (TanStack Table, headless): sorting and paging are the
 * server's (manualSorting / manualPagination), so the table only shows what it is given and
 * reports what the user asked for; useTableQuery keeps that in the URL. Sortable headers are
 * buttons with `aria-sort` on their column header.
 */
export function DataTable<Row>({
  caption,
  columns,
  data,
  getRowId,
  sorting = [],
  onSortingChange,
  pagination,
  empty,
}: {
  /** What the table lists, for screen readers (visually hidden). */
  caption: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TanStack's own column type: each column's value type differs
  columns: ColumnDef<Row, any>[];
  data: Row[];
  getRowId?: (row: Row) => string;
  sorting?: SortingState;
  onSortingChange?: (sorting: SortingState) => void;
  pagination?: ServerPagination;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
}) {
  const table = useReactTable({
    data,
    columns,
    getRowId,
    state: { sorting },
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    enableSorting: onSortingChange !== undefined,
    onSortingChange: (updater) => onSortingChange?.(typeof updater === 'function' ? updater(sorting) : updater),
    getCoreRowModel: getCoreRowModel(),
  });

  if (data.length === 0 && empty) return <>{empty}</>;
  return (
    <div className="card">
      <div className="data-table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const numeric = (header.column.columnDef.meta as DataTableColumnMeta | undefined)?.numeric;
                  const label = header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext());
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={numeric ? 'numeric' : undefined}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    >
                      {header.column.getCanSort() ? (
                        <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                          {label}
                          <span aria-hidden="true">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</span>
                        </button>
                      ) : (
                        label
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={(cell.column.columnDef.meta as DataTableColumnMeta | undefined)?.numeric ? 'numeric' : undefined}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pagination ? (
        <nav className="pager" aria-label={`${caption}: pages`}>
          <span className="muted">{pagination.summary}</span>
          <span style={{ display: 'flex', gap: 8 }}>
            <Button variant="secondary" small disabled={!pagination.hasPrevious} onClick={pagination.onPrevious}>
              Previous
            </Button>
            <Button variant="secondary" small disabled={!pagination.hasNext} onClick={pagination.onNext}>
              Next
            </Button>
          </span>
        </nav>
      ) : null}
    </div>
  );
}
