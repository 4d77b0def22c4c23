'use client';

import type { AdminStockItem, AdminStockPage, StockAvailability } from '@shop/contracts';
import { Button, DataTable, EmptyState, TableFilterSelect, useTableQuery, type ColumnDef } from '@shop/ui';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';

const LEVEL_LABELS: Record<StockAvailability, string> = { in_stock: 'In stock', low: 'Low', sold_out: 'Sold out' };
const LEVEL_BADGES: Record<StockAvailability, string> = { in_stock: 'badge badge-good', low: 'badge badge-waiting', sold_out: 'badge badge-bad' };

const count = (n: number) => n.toLocaleString('en-IE');

const columns: ColumnDef<AdminStockItem>[] = [
  { id: 'sku', header: 'SKU', cell: ({ row }) => <Link href={`/inventory/${encodeURIComponent(row.original.sku)}`}>{row.original.sku}</Link> },
  { id: 'level', header: 'Level', cell: ({ row }) => <span className={LEVEL_BADGES[row.original.level]}>{LEVEL_LABELS[row.original.level]}</span> },
  { id: 'onHand', header: 'On hand', meta: { numeric: true }, cell: ({ row }) => count(row.original.onHand) },
  { id: 'reserved', header: 'Reserved', meta: { numeric: true }, cell: ({ row }) => count(row.original.reserved) },
  { id: 'committed', header: 'Committed', meta: { numeric: true }, cell: ({ row }) => count(row.original.committed) },
  { id: 'available', header: 'Available', meta: { numeric: true }, cell: ({ row }) => <strong>{count(row.original.available)}</strong> },
];

/** The stock list: search by SKU, filter by level, page on the server; state in the URL. */
export function StockTable({ page }: { page: AdminStockPage }) {
  const query = useTableQuery();
  const [search, setSearch] = useState(query.filter('q'));

  function submitSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    query.setFilter('q', search.trim());
  }

  return (
    <>
      <div className="toolbar" style={{ display: 'flex', gap: 16, alignItems: 'flex-end', flexWrap: 'wrap', marginBottom: 16 }}>
        <form role="search" onSubmit={submitSearch} style={{ display: 'flex', gap: 8, alignItems: 'flex-end' }}>
          <div className="field">
            <label htmlFor="stock-search">SKU contains</label>
            <input id="stock-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="e.g. TEE-M" />
          </div>
          <Button type="submit" variant="secondary">
            Search
          </Button>
        </form>
        <TableFilterSelect
          name="availability"
          label="Level"
          anyLabel="All levels"
          options={[
            { value: 'low', label: 'Low stock' },
            { value: 'sold_out', label: 'Sold out' },
            { value: 'in_stock', label: 'In stock' },
          ]}
        />
      </div>
      <DataTable
        caption="Stock per SKU"
        columns={columns}
        data={page.items}
        getRowId={(row) => row.sku}
        empty={<EmptyState title="No SKU matches">Try another part of a SKU or another level.</EmptyState>}
        pagination={query.pagination(page.nextCursor, `${count(page.items.length)} shown of ${count(page.total)} SKUs`)}
      />
    </>
  );
}
