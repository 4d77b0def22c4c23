import type { CategoryNode, ProductPage, ProductSort, SearchResult } from '@shop/contracts';
import { isApiError } from '@shop/api-client';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { cache } from 'react';
import { ProductGrid } from '../../../components/product-card';
import { SearchHitGrid } from '../../../components/search/search-hit-card';
import { catalogApi, shopperApi } from '../../../lib/gateway';
import { pricesFor } from '../../../lib/pricing';
import { skusOf } from '../../../lib/sale-prices';
import { findCategory } from '../../../lib/category-tree';
import { LoadMore } from './load-more';
import styles from './category.module.css';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { PageNotice } from '../../../components/page-notice';
import searchStyles from '../../../components/search/search.module.css';
import { SearchFilters } from '../../search/search-filters';
import { SearchLoadMore } from '../../search/load-more';
import { searchParamsOf, type SearchState } from '../../../lib/search-url';

export const revalidate = 60;

const PAGE_SIZE = 12;
const SORTS: { value: ProductSort; label: string }[] = [
  { value: 'newest', label: 'Newest' },
  { value: 'price_asc', label: 'Price: low to high' },
  { value: 'price_desc', label: 'Price: high to low' },
  { value: 'title', label: 'Name' },
];

function sortFrom(value: string | string[] | undefined): ProductSort {
  return SORTS.find((s) => s.value === value)?.value ?? 'newest';
}

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const categoryTree = cache(async () => catalogApi().listCategories());

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const found = await categoryTree()
    .then((tree) => findCategory(tree, slug))
    .catch(() => null);
  return { title: found?.node.name ?? 'Category' };
}

export default async function CategoryPage({ params, searchParams }: Props) {
  await connection();
  const { slug } = await params;
  const query = await searchParams;
  const sort = sortFrom(query.sort);
  const cursor = typeof query.cursor === 'string' ? query.cursor : undefined;

  let tree: CategoryNode[];
  try {
    tree = await categoryTree();
  } catch {
    return <CatalogDown />;
  }
  const found = findCategory(tree, slug);
  if (!found) notFound();
  const { node, parent } = found;

  // By price, the products come from search: it sorts by the price each card shows (a sale,
  // scheduled or price-list price), which the catalog does not know. Search away: the catalog's
  // listing by list price, rather than nothing.
  const byPrice: SearchState | null = sort === 'price_asc' || sort === 'price_desc' ? { q: '', category: slug, size: [], colour: [], sort } : null;
  let sorted: SearchResult | null = null;
  let page: ProductPage | null = null;
  let badCursor = false;
  if (byPrice) {
    try {
      sorted = await (await shopperApi()).search(searchParamsOf({ ...byPrice, cursor }, PAGE_SIZE));
    } catch (err) {
      if (isApiError(err) && err.status === 400 && cursor) badCursor = true;
    }
  }
  if (!sorted && !badCursor) {
    try {
      // A search cursor means nothing to the catalog: its listing starts from the first page.
      page = await catalogApi().listProducts({ category: slug, sort, limit: PAGE_SIZE, cursor: byPrice ? undefined : cursor });
    } catch (err) {
      if (!(isApiError(err) && err.status === 400 && cursor)) return <CatalogDown />;
      badCursor = true;
    }
  }

  // One prices call for every SKU on the page, not one per card; the filters' counts from search.
  const [prices, facets] = await Promise.all([
    sorted ? pricesFor(sorted.items.flatMap((hit) => hit.skus)) : page ? pricesFor(skusOf(page.items)) : null,
    sorted ?? categoryFacets(slug),
  ]);

  return (
    <div className="container page">
      <Breadcrumbs trail={[{ href: '/', label: 'Home' }, parent && { href: `/c/${parent.slug}`, label: parent.name }]} current={node.name} />
      <header className={styles.head}>
        <h1>{node.name}</h1>
        {node.children.length > 0 && (
          <ul className={styles.children} aria-label={`Inside ${node.name}`}>
            {node.children.map((c) => (
              <li key={c.id}>
                <Link href={`/c/${c.slug}`}>{c.name}</Link>
              </li>
            ))}
          </ul>
        )}
      </header>

      <div className={facets ? searchStyles.layout : undefined}>
        {facets && (
          <SearchFilters
            state={{ q: '', category: slug, size: [], colour: [] }}
            facets={facets.facets}
            currency={facets.items[0]?.price.currency ?? 'EUR'}
            category={{ name: node.name, parent: parent ? { slug: parent.slug, name: parent.name } : null }}
            onCategoryPage
          />
        )}
        <div className={searchStyles.results}>
          <div className={styles.toolbar}>
            <span className={styles.sortLabel} id="sort-label">
              Sort by
            </span>
            <ul className={styles.sorts} aria-labelledby="sort-label">
              {SORTS.map((s) => (
                <li key={s.value}>
                  <Link
                    href={s.value === 'newest' ? `/c/${slug}` : `/c/${slug}?sort=${s.value}`}
                    className={s.value === sort ? styles.sortActive : styles.sort}
                    aria-current={s.value === sort ? 'true' : undefined}
                    scroll={false}
                  >
                    {s.label}
                  </Link>
                </li>
              ))}
            </ul>
          </div>

          {cursor && (
            <p className="muted">
              Showing a later page. <Link href={sort === 'newest' ? `/c/${slug}` : `/c/${slug}?sort=${sort}`}>Back to the first page</Link>
            </p>
          )}

          {sorted && byPrice ? (
            sorted.items.length === 0 ? (
              <p className="notice">Nothing here yet — have a look at our other categories.</p>
            ) : (
              <>
                <h2 className="visually-hidden">Products</h2>
                <SearchHitGrid hits={sorted.items} prices={prices} label={`${node.name} products`} />
                <SearchLoadMore key={`${slug}:${sort}:${cursor ?? ''}`} state={byPrice} initialCursor={sorted.nextCursor} pageSize={PAGE_SIZE} />
              </>
            )
          ) : badCursor || !page ? (
            <p className="notice notice-warn">That page of results is no longer valid.</p>
          ) : page.items.length === 0 ? (
            <p className="notice">Nothing here yet — have a look at our other categories.</p>
          ) : (
            <>
              {/* The cards' titles are h3s: without this the outline jumps from the h1 to them. */}
              <h2 className="visually-hidden">Products</h2>
              <ProductGrid products={page.items} prices={prices} label={`${node.name} products`} />
              <LoadMore key={`${slug}:${sort}:${cursor ?? ''}`} category={slug} sort={sort} initialCursor={page.nextCursor} pageSize={PAGE_SIZE} />
            </>
          )}
        </div>
      </div>
    </div>
  );
}

/**
 * The search index's facets for the category (sizes, colours, price bands, sub-categories, with
 * counts), for its filters; null when search cannot answer, and the page shows no filters.
 */
async function categoryFacets(slug: string): Promise<SearchResult | null> {
  try {
    return await (await shopperApi()).search({ category: slug, limit: 1 });
  } catch {
    return null;
  }
}

function CatalogDown() {
  return <PageNotice>The catalog cannot be reached right now. Please try again in a moment.</PageNotice>;
}
