'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { hasPreviousPage, nextPage, previousPage, queryString, sortingOf, withFilter, withSorting, type ColumnSort } from './table-query';

/**
 * A server-side table's sort, filters and page, kept in the URL (table-query.ts): changing one
 * navigates, and the page's server component fetches the matching page from the API.
 */
export function useTableQuery() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const params = useMemo(() => new URLSearchParams(searchParams.toString()), [searchParams]);
  const go = useCallback((next: URLSearchParams) => router.push(`${pathname}${queryString(next)}`), [router, pathname]);

  return {
    params,
    sorting: sortingOf(params),
    setSorting: (sorting: ColumnSort[]) => go(withSorting(params, sorting)),
    filter: (name: string) => params.get(name) ?? '',
    setFilter: (name: string, value: string | null) => go(withFilter(params, name, value)),
    hasPrevious: hasPreviousPage(params),
    goNext: (nextCursor: string) => go(nextPage(params, nextCursor)),
    goPrevious: () => go(previousPage(params)),
  };
}
