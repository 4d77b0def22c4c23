'use client';

import type { SearchHit, SearchResult, SkuPrice } from '@shop/contracts';
import { LoadMoreButton } from '../../components/load-more-button';
import { SearchHitGrid } from '../../components/search/search-hit-card';
import { searchHref, type SearchState } from '../../lib/search-url';
import { useCursorPages } from '../../lib/use-cursor-pages';
import styles from '../../components/search/search.module.css';

interface Props {
  /** The search on screen (its first page). */
  state: SearchState;
  initialCursor: string | null;
  pageSize: number;
}

/** A page of results as the storefront's route answers it: with pricing's answer for its SKUs (null when pricing is down). */
type PricedResult = SearchResult & { prices: SkuPrice[] | null };

/**
 * Appends the next pages of the search through the service's cursor. Without JavaScript the
 * button is a link to the next page (the cursor in the URL).
 */
export function SearchLoadMore({ state, initialCursor, pageSize }: Props) {
  const { cursor, pages, items, loading, error, loadMore } = useCursorPages<SearchHit, PricedResult>(
    initialCursor,
    (next) => {
      const query = new URLSearchParams(searchHref({ ...state, cursor: next }).split('?')[1]);
      query.set('limit', String(pageSize));
      return `/api/search?${query.toString()}`;
    },
    'More results could not be loaded. Please try again.',
  );
  const prices = pages.flatMap((page) => page.prices ?? []);

  return (
    <>
      {items.length > 0 && (
        <div className={styles.more}>
          <SearchHitGrid hits={items} prices={prices} label="More results" priorityCount={0} />
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
