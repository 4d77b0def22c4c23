'use client';

import type { Product, ProductPage } from '@shop/contracts';
import { DataTable, formatPriceRange, useTableQuery, type ColumnDef, type SortingState } from '@shop/ui';
import Link from 'next/link';
import { PRODUCTS_PAGE_SIZE, apiSortOf, tableSortOf } from '../../../lib/products/product-query';
import { formatDate } from '../../../lib/format-time';

const STATUS_BADGE: Record<Product['status'], string> = { active: 'badge badge-good', draft: 'badge badge-waiting', archived: 'badge' };

const columns: ColumnDef<Product, unknown>[] = [
  {
    id: 'title',
    header: 'Product',
    accessorKey: 'title',
    cell: ({ row }) => (
      <>
        <Link href={`/products/${row.original.id}`}>{row.original.title}</Link>
        <div className="muted" style={{ fontSize: '0.85rem' }}>
          {row.original.slug}
        </div>
      </>
    ),
  },
  { id: 'status', header: 'Status', enableSorting: false, cell: ({ row }) => <span className={STATUS_BADGE[row.original.status]}>{row.original.status}</span> },
  {
    id: 'skus',
    header: 'SKUs',
    enableSorting: false,
    cell: ({ row }) => {
      const skus = row.original.variants.map((v) => v.sku);
      return skus.length > 2 ? `${skus.slice(0, 2).join(', ')} +${skus.length - 2}` : skus.join(', ');
    },
  },
  { id: 'price', header: 'Price', meta: { numeric: true }, cell: ({ row }) => formatPriceRange(row.original.variants.map((v) => v.price)) },
  {
    id: 'createdAt',
    header: 'Created',
    sortDescFirst: true,
    cell: ({ row }) => <time dateTime={row.original.createdAt}>{formatDate(row.original.createdAt)}</time>,
  },
];

/** One server page of products; header sorts and Previous/Next change the URL (useTableQuery), and the server answers that page. */
export function ProductsTable({ page, sorting }: { page: ProductPage; sorting: SortingState }) {
  const table = useTableQuery();
  return (
    <DataTable
      caption="Products"
      columns={columns}
      data={page.items}
      getRowId={(p) => p.id}
      sorting={sorting}
      // Only the sorts the catalog has: what a click asks for is mapped to the nearest one.
      onSortingChange={(next) => table.setSorting(tableSortOf(apiSortOf(next)))}
      pagination={table.pagination(page.nextCursor, page.items.length === 0 ? null : `${page.items.length} product${page.items.length === 1 ? '' : 's'} on this page (${PRODUCTS_PAGE_SIZE} per page)`)}
      empty={
        <div className="card empty-state" role="status">
          <h2>No products match</h2>
          <p>Try other words, or clear the filters.</p>
        </div>
      }
    />
  );
}
