import type { AdminProductsParams } from '@shop/api-client';
import type { ProductSort, ProductStatus } from '@shop/contracts';

/** One page of the products list. */
export const PRODUCTS_PAGE_SIZE = 25;

const STATUSES: readonly ProductStatus[] = ['draft', 'active', 'archived'];

export interface TableSort {
  id: string;
  desc: boolean;
}

/**
 * The table's sort (what a header click asks for) as the catalog's sort: Title A→Z, price either
 * way, newest first. What the catalog cannot do (titles Z→A) falls back to what it can.
 */
export function apiSortOf(sorting: readonly TableSort[]): ProductSort {
  const first = sorting[0];
  if (!first) return 'newest';
  if (first.id === 'title') return 'title';
  if (first.id === 'price') return first.desc ? 'price_desc' : 'price_asc';
  return 'newest';
}

/** The catalog's sort as the table shows it (so a header shows what the list really is). */
export function tableSortOf(sort: ProductSort): TableSort[] {
  switch (sort) {
    case 'title':
      return [{ id: 'title', desc: false }];
    case 'price_asc':
      return [{ id: 'price', desc: false }];
    case 'price_desc':
      return [{ id: 'price', desc: true }];
    case 'newest':
      return [{ id: 'createdAt', desc: true }];
  }
}

/**
 * The products list's URL (search, status, category, sort, cursor; @shop/ui's table-query) as
 * the catalog's admin query. Values that are not the catalog's are left out rather than refused:
 * a hand-edited URL shows the unfiltered list.
 */
export function productsQueryOf(params: URLSearchParams): AdminProductsParams {
  const q = params.get('q')?.trim();
  const status = params.get('status');
  const category = params.get('category');
  const sort = params.get('sort');
  const cursor = params.get('cursor');
  const sorting = sort ? [{ id: sort.replace(/^-/, ''), desc: sort.startsWith('-') }] : [];
  return {
    limit: PRODUCTS_PAGE_SIZE,
    sort: apiSortOf(sorting),
    ...(q ? { q: q.slice(0, 100) } : {}),
    ...(status && (STATUSES as readonly string[]).includes(status) ? { status: status as ProductStatus } : {}),
    ...(category && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(category) ? { category } : {}),
    ...(cursor ? { cursor } : {}),
  };
}
