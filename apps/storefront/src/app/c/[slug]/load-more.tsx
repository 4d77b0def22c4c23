'use client';

import type { Product, ProductPage, ProductSort, SkuPrice } from '@shop/contracts';
import { LoadMoreButton } from '../../../components/load-more-button';
import { ProductGrid } from '../../../components/product-card';
import { useCursorPages } from '../../../lib/use-cursor-pages';
import styles from './category.module.css';

interface Props {
  category: string;
  sort: ProductSort;
  initialCursor: string | null;
  pageSize: number;
}

/** A page of the category as the storefront's route answers it: with its prices (null when pricing is down). */
type PricedPage = ProductPage & { prices: SkuPrice[] | null };

/**
 * Appends the next pages of a listing, following the API's cursor. Without JavaScript the
 * button is a link to the next page.
 */
export function LoadMore({ category, sort, initialCursor, pageSize }: Props) {
  const { cursor, pages, items, loading, error, loadMore } = useCursorPages<Product, PricedPage>(
    initialCursor,
    (next) => `/api/products?${new URLSearchParams({ category, sort, cursor: next, limit: String(pageSize) }).toString()}`,
    'More products could not be loaded. Please try again.',
  );
  const prices = pages.flatMap((page) => page.prices ?? []);

  const nextHref = cursor ? `?${new URLSearchParams({ ...(sort === 'newest' ? {} : { sort }), cursor }).toString()}` : null;
  return (
    <>
      {items.length > 0 && (
        <div className={styles.more}>
          <ProductGrid products={items} prices={prices} label="More products" />
        </div>
      )}
      <LoadMoreButton nextHref={nextHref} loading={loading} error={error} onLoad={() => void loadMore()} doneText="You’ve seen everything here." />
    </>
  );
}
