'use client';

import { useState } from 'react';

/** A page of a listing the API pages with a cursor. */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The pages after the first, fetched on demand by following the API's cursor: the pages loaded so
 * far, the items they hold (an item already shown is not shown twice, should the listing shift),
 * and the loading and failure states a "load more" button shows.
 */
export function useCursorPages<T extends { id: string }, P extends CursorPage<T>>(initialCursor: string | null, urlOf: (cursor: string) => string, failure: string) {
  const [cursor, setCursor] = useState(initialCursor);
  const [pages, setPages] = useState<P[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    try {
      const response = await fetch(urlOf(cursor));
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const page = (await response.json()) as P;
      setPages((loaded) => [...loaded, page]);
      setCursor(page.nextCursor);
    } catch {
      setError(failure);
    } finally {
      setLoading(false);
    }
  }

  const items: T[] = [];
  const seen = new Set<string>();
  for (const item of pages.flatMap((p) => p.items)) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    items.push(item);
  }
  return { cursor, pages, items, loading, error, loadMore };
}
