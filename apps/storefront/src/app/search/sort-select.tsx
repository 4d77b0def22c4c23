'use client';

import type { SearchSort } from '@shop/contracts';
import { useRouter } from 'next/navigation';
import { useOptimistic, useTransition } from 'react';
import { changed, effectiveSort, SEARCH_PATH, SEARCH_SORTS, searchHref, type SearchState } from '../../lib/search-url';
import styles from '../../components/search/search.module.css';
import { HiddenState } from './hidden-state';

/** The sort, in the URL: choosing one goes to the first page of that order (the back button undoes it). */
export function SortSelect({ state }: { state: SearchState }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [shown, setShown] = useOptimistic(effectiveSort(state));
  // "Best match" needs words to rank by.
  const sorts = SEARCH_SORTS.filter((s) => s.value !== 'relevance' || state.q);
  return (
    <form action={SEARCH_PATH} method="get" className={styles.sortForm}>
      <HiddenState state={state} except={['sort']} />
      <label htmlFor="search-sort" className={styles.sortLabel}>
        Sort by
      </label>
      <select
        id="search-sort"
        name="sort"
        value={shown}
        onChange={(event) => {
          const sort = event.target.value as SearchSort;
          startTransition(() => {
            setShown(sort);
            router.push(searchHref(changed(state, { sort })), { scroll: false });
          });
        }}
      >
        {sorts.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </select>
      {pending && <span className="spinner" aria-hidden="true" />}
      <noscript>
        <button type="submit" className="btn btn-secondary">
          Sort
        </button>
      </noscript>
    </form>
  );
}
