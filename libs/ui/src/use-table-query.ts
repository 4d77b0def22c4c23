'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, type ReactNode } from 'react';
import type { ServerPagination } from './data-table';
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
    /** The table's previous/next controls for a page the API answered with `nextCursor`. */
    pagination: (nextCursor: string | null, summary?: ReactNode): ServerPagination => ({
      hasPrevious: hasPreviousPage(params),
      hasNext: nextCursor !== null,
      onPrevious: () => go(previousPage(params)),
      onNext: () => nextCursor !== null && go(nextPage(params, nextCursor)),
      summary,
    }),
  };
}
