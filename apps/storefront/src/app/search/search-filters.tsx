'use client';

import type { SearchFacets } from '@shop/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useOptimistic, useState, useTransition } from 'react';
import { formatMinorUnits } from '@shop/ui';
import {
  bucketLabel,
  bucketRange,
  changed,
  hasFilters,
  isBucketSelected,
  SEARCH_PATH,
  searchHref,
  toggled,
  type SearchState,
} from '../../lib/search-url';
import styles from '../../components/search/search.module.css';
import { HiddenState } from './hidden-state';

export interface CategoryContext {
  /** The filtered category's name, when the search is in one. */
  name: string;
  /** One level up: its parent (null: all categories). */
  parent: { slug: string; name: string } | null;
}

interface Props {
  state: SearchState;
  facets: SearchFacets;
  /** The currency of the results' prices (the price buckets are in it). */
  currency: string;
  category: CategoryContext | null;
  /**
   * Shown on a category's own page (`/c/<slug>`): the category links browse category pages, and
   * the category itself is not a filter to clear. Any other filter opens the search page, in the
   * category.
   */
  onCategoryPage?: boolean;
}

/** Facet values with the selected ones first kept even when the facet no longer counts them. */
function valuesOf(facet: readonly { value: string; count: number }[], selected: readonly string[]): { value: string; count: number | null }[] {
  const listed = facet.map((f) => ({ value: f.value, count: f.count as number | null }));
  const missing = selected.filter((v) => !facet.some((f) => f.value === v)).map((value) => ({ value, count: null }));
  return [...missing, ...listed];
}

/**
 * The facet filters beside the results: category links (one level down, and back up), price
 * buckets, size and colour checkboxes, in stock only. Every change is a new URL (shareable; the
 * back button restores the previous filters) and starts from the first page. Without JavaScript
 * the checkboxes are a GET form with an Apply button.
 */
export function SearchFilters({ state, facets, currency, category, onCategoryPage = false }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // The boxes show the change at once; the URL (and the results) follow.
  const [shown, setShown] = useOptimistic(state);
  const apply = (next: SearchState) =>
    startTransition(() => {
      setShown(next);
      router.push(searchHref(next), { scroll: false });
    });
  const money = (amount: number) => formatMinorUnits(amount, currency);
  const sizes = valuesOf(facets.size, shown.size);
  const colours = valuesOf(facets.colour, shown.colour);
  const categoryHref = (slug: string | undefined) => (onCategoryPage ? (slug ? `/c/${slug}` : SEARCH_PATH) : searchHref(changed(state, { category: slug })));
  const clearable = onCategoryPage ? hasFilters({ ...state, category: undefined }) : hasFilters(state);
  // On a phone the filters sit above the results: folded away until asked for, unless some are on.
  // (The fold is CSS for narrow screens only; wider ones always show them.)
  const [folded, setFolded] = useState(!clearable);
  const facetsId = useId();

  return (
    <form action={SEARCH_PATH} method="get" className={styles.filters} aria-label="Filters" aria-busy={pending}>
      <HiddenState state={state} except={['size', 'colour', 'inStock']} />
      <div className={styles.filtersHead}>
        <h2 className={styles.filtersTitle}>Filters</h2>
        <button type="button" className={`btn btn-secondary ${styles.foldToggle}`} aria-expanded={!folded} aria-controls={facetsId} onClick={() => setFolded(!folded)}>
          {folded ? 'Show filters' : 'Hide filters'}
        </button>
        {pending && <span className="spinner" aria-label="Updating results" />}
        {clearable && (
          <Link href={searchHref({ q: state.q, sort: state.sort, size: [], colour: [] })} scroll={false} className={styles.clear}>
            Clear all
          </Link>
        )}
      </div>

      <div id={facetsId} className={folded ? styles.folded : styles.facets}>
        {(category || facets.category.length > 0) && (
          <fieldset className={styles.facet}>
            <legend>Category</legend>
            <ul className={styles.facetLinks}>
              {category && (
                <>
                  <li>
                    <Link href={categoryHref(category.parent?.slug)} scroll={onCategoryPage}>
                      ‹ {category.parent ? category.parent.name : 'All categories'}
                    </Link>
                  </li>
                  <li>
                    <strong aria-current="true">{category.name}</strong>
                  </li>
                </>
              )}
              {facets.category.map((c) => (
                <li key={c.value} className={category ? styles.nested : undefined}>
                  <Link href={categoryHref(c.value)} scroll={onCategoryPage}>
                    {c.label} <span className={styles.count}>({c.count})</span>
                  </Link>
                </li>
              ))}
            </ul>
          </fieldset>
        )}

        {(facets.price.length > 0 || state.minPrice !== undefined || state.maxPrice !== undefined) && (
          <fieldset className={styles.facet}>
            <legend>Price</legend>
            <ul className={styles.facetLinks}>
              {(state.minPrice !== undefined || state.maxPrice !== undefined) && (
                <li>
                  <Link href={searchHref(changed(state, { minPrice: undefined, maxPrice: undefined }))} scroll={false}>
                    ‹ Any price
                  </Link>
                </li>
              )}
              {facets.price.map((bucket) => {
                const selected = isBucketSelected(state, bucket);
                return (
                  <li key={bucket.from}>
                    <Link
                      href={searchHref(changed(state, selected ? { minPrice: undefined, maxPrice: undefined } : bucketRange(bucket)))}
                      scroll={false}
                      aria-current={selected ? 'true' : undefined}
                      className={selected ? styles.selected : undefined}
                    >
                      {bucketLabel(bucket, money)} <span className={styles.count}>({bucket.count})</span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        )}

        {[
          { name: 'size' as const, legend: 'Size', values: sizes },
          { name: 'colour' as const, legend: 'Colour', values: colours },
        ]
          .filter((facet) => facet.values.length > 0)
          .map((facet) => (
            <fieldset key={facet.name} className={styles.facet}>
              <legend>{facet.legend}</legend>
              <ul className={styles.checks}>
                {facet.values.map(({ value, count }) => (
                  <li key={value}>
                    <label>
                      <input
                        type="checkbox"
                        name={facet.name}
                        value={value}
                        checked={shown[facet.name].includes(value)}
                        onChange={() => apply(changed(shown, { [facet.name]: toggled(shown[facet.name], value) }))}
                      />{' '}
                      {value}
                      {count !== null && <span className={styles.count}> ({count})</span>}
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          ))}

        <fieldset className={styles.facet}>
          <legend>Availability</legend>
          <label>
            <input
              type="checkbox"
              name="inStock"
              value="true"
              checked={shown.inStock === true}
              onChange={(event) => apply(changed(shown, { inStock: event.target.checked ? true : undefined }))}
            />{' '}
            In stock only
          </label>
        </fieldset>
      </div>

      <noscript>
        <button type="submit" className="btn btn-secondary">
          Apply filters
        </button>
      </noscript>
    </form>
  );
}
