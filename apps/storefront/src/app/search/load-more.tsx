'use client';

import type { SearchHit, SearchResult } from '@shop/contracts';
import { useState } from 'react';
import { LoadMoreButton } from '../../components/load-more-button';
import { SearchHitGrid } from '../../components/search/search-hit-card';
import { searchHref, type SearchState } from '../../lib/search-url';
import styles from '../../components/search/search.module.css';

interface Props {
  /** The search on screen (its first page). */
  state: SearchState;
  initialCursor: string | null;
  pageSize: number;
}

/**
 * Appends the next pages of the search through the service's cursor. Without JavaScript the
 * button is a link to the next page (the cursor in the URL).
 */
export function SearchLoadMore({ state, initialCursor, pageSize }: Props) {
  const [cursor, setCursor] = useState(initialCursor);
  const [more, setMore] = useState<SearchHit[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    try {
      const query = new URLSearchParams(searchHref({ ...state, cursor }).split('?')[1]);
      query.set('limit', String(pageSize));
      const response = await fetch(`/api/search?${query.toString()}`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const page = (await response.json()) as SearchResult;
      setMore((hits) => [...hits, ...page.items.filter((p) => !hits.some((h) => h.id === p.id))]);
      setCursor(page.nextCursor);
    } catch {
      setError('More results could not be loaded. Please try again.');
    } finally {
      setLoading(false);
    }
  }

  return (
    <>
      {more.length > 0 && (
        <div className={styles.more}>
          <SearchHitGrid hits={more} label="More results" priorityCount={0} />
        </div>
      )}
      <LoadMoreButton
        nextHref={cursor ? searchHref({ ...state, cursor }) : null}
        loading={loading}
        error={error}
        onLoad={() => void loadMore()}
        doneText="That’s every result."
      />
    </>
  );
}
