import type { SearchResult } from '@shop/contracts';
import { isApiError } from '@shop/api-client';
import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { Breadcrumbs } from '../../components/breadcrumbs';
import { SearchHitGrid } from '../../components/search/search-hit-card';
import styles from '../../components/search/search.module.css';
import { findCategory } from '../../lib/category-tree';
import { catalogApi, shopperApi } from '../../lib/gateway';
import { pricesFor } from '../../lib/pricing';
import { changed, hasFilters, searchHref, searchParamsOf, searchStateFrom, type SearchState } from '../../lib/search-url';
import { SearchLoadMore } from './load-more';
import { SearchFilters, type CategoryContext } from './search-filters';
import { SortSelect } from './sort-select';

const PAGE_SIZE = 24;

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { q } = searchStateFrom(await searchParams);
  return { title: q ? `Search: ${q}` : 'All products', robots: { index: false } };
}

/** The filtered category's name and parent, for the category filter's "back up" link (null when unknown). */
async function categoryContext(slug: string | undefined): Promise<CategoryContext | null> {
  if (!slug) return null;
  const tree = await catalogApi()
    .listCategories()
    .catch(() => null);
  const found = tree ? findCategory(tree, slug) : null;
  if (!found) return { name: slug, parent: null };
  return { name: found.node.name, parent: found.parent ? { slug: found.parent.slug, name: found.parent.name } : null };
}

/**
 * Search results (server-rendered from the URL: `/search?q=…&category=…&size=…&sort=…`): the
 * count, facet filters, a sort, product cards with the matched words marked, "load more", and
 * an empty state that helps ("did you mean", tips, all products). Search down → a retry notice.
 */
export default async function SearchPage({ searchParams }: Props) {
  await connection();
  const state = searchStateFrom(await searchParams);
  let result: SearchResult;
  try {
    result = await (await shopperApi()).search(searchParamsOf(state, PAGE_SIZE));
  } catch (err) {
    return <SearchFailed error={err} state={state} />;
  }
  // Pricing's answer for every SKU on the page, in one call: the promotions' badges.
  const [category, prices] = await Promise.all([categoryContext(state.category), pricesFor(result.items.flatMap((hit) => hit.skus))]);
  const firstPage: SearchState = { ...state, cursor: undefined };
  const currency = result.items[0]?.price.currency ?? 'EUR';

  return (
    <div className="container page">
      <Breadcrumbs trail={[{ href: '/', label: 'Home' }, Boolean(state.category) && category && { href: `/c/${state.category}`, label: category.name }]} current="Search" />
      <header className={styles.head}>
        {/* Without words, a category's filtered products are that category's (reached from its page's filters). */}
        <h1>{state.q ? <>Results for “{state.q}”</> : (category?.name ?? 'All products')}</h1>
        <p className={styles.resultCount} role="status" data-testid="result-count">
          {result.total === 1 ? '1 product' : `${result.total.toLocaleString('en-IE')} products`}
          {category && state.q && ` in ${category.name}`}
        </p>
        {result.didYouMean && result.total > 0 && <DidYouMean suggestion={result.didYouMean} state={state} />}
      </header>

      <div className={styles.layout}>
        <SearchFilters state={state} facets={result.facets} currency={currency} category={category} />
        <section aria-label="Results" className={styles.results}>
          <div className={styles.toolbar}>
            <SortSelect state={state} />
          </div>
          {state.cursor && (
            <p className="muted">
              Showing a later page. <Link href={searchHref(firstPage)}>Back to the first page</Link>
            </p>
          )}
          {result.items.length === 0 ? (
            <NoResults state={state} didYouMean={result.didYouMean} />
          ) : (
            <>
              <SearchHitGrid hits={result.items} prices={prices} label="Search results" />
              <SearchLoadMore key={searchHref(state)} state={firstPage} initialCursor={result.nextCursor} pageSize={PAGE_SIZE} />
            </>
          )}
        </section>
      </div>
    </div>
  );
}

function DidYouMean({ suggestion, state }: { suggestion: string; state: SearchState }) {
  return (
    <p className={styles.didYouMean} data-testid="did-you-mean">
      Did you mean <Link href={searchHref(changed(state, { q: suggestion }))}>{suggestion}</Link>?
    </p>
  );
}

function NoResults({ state, didYouMean }: { state: SearchState; didYouMean?: string }) {
  const filtered = hasFilters(state);
  return (
    <div className={styles.empty} data-testid="no-results">
      <h2>{state.q ? <>Nothing matches “{state.q}”{filtered ? ' with these filters' : ''}</> : 'Nothing matches these filters'}</h2>
      {didYouMean && <DidYouMean suggestion={didYouMean} state={state} />}
      <ul className={styles.tips}>
        <li>Check the spelling, or try fewer words.</li>
        <li>Try a more general word: “tee” rather than “heavyweight raglan tee”.</li>
        {filtered && (
          <li>
            <Link href={searchHref({ q: state.q, size: [], colour: [] })}>Search again without the filters</Link>
          </li>
        )}
      </ul>
      <p>
        <Link href="/search" className="btn btn-secondary">
          Browse all products
        </Link>
      </p>
    </div>
  );
}

/** What the shopper sees when the search could not be answered: the field at fault, or a retry. */
function SearchFailed({ error, state }: { error: unknown; state: SearchState }) {
  if (isApiError(error) && error.status === 400) {
    const fields = error.fieldErrors();
    const restart = searchHref({ ...state, cursor: undefined });
    const message =
      'cursor' in fields ? 'That page of results is no longer valid.' : `This search could not be run: ${Object.entries(fields).map(([field, reason]) => `${field} ${reason}`).join('; ') || error.message}.`;
    return (
      <div className="container page">
        <h1>Search</h1>
        <p className="notice notice-warn" role="alert">
          {message}
        </p>
        <p>
          <Link href={'cursor' in fields ? restart : '/search'}>{'cursor' in fields ? 'Back to the first page' : 'Start a new search'}</Link>
        </p>
      </div>
    );
  }
  if (isApiError(error) && (error.isUnavailable || error.isShedding)) {
    return (
      <div className="container page">
        <h1>Search</h1>
        <p className="notice notice-error" role="alert" data-testid="search-unavailable">
          Search is not available right now. It is probably temporary: please try again in a moment.
        </p>
        <p>
          {/* A full reload of the same URL: the server asks again. */}
          <a href={searchHref(state)} className="btn btn-primary">
            Try again
          </a>{' '}
          <Link href="/" className="btn btn-secondary">
            Back to the shop
          </Link>
        </p>
      </div>
    );
  }
  throw error;
}
