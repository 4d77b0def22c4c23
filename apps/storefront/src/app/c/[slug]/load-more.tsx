'use client';

import type { Product, ProductPage, ProductSort, SkuPrice } from '@shop/contracts';
import { useState } from 'react';
import { LoadMoreButton } from '../../../components/load-more-button';
import { ProductGrid } from '../../../components/product-card';
import styles from './category.module.css';

interface Props {
  category: string;
  sort: ProductSort;
  initialCursor: string | null;
  pageSize: number;
}

/**
 * Appends the next pages of a listing, following the API's cursor. Without JavaScript the
 * button is a link to the next page.
 */
export function LoadMore({ category, sort, initialCursor, pageSize }: Props) {
  const [cursor, setCursor] = useState(initialCursor);
  const [more, setMore] = useState<Product[]>([]);
  const [prices, setPrices] = useState<SkuPrice[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    try {
      const params = new URLSearchParams({ category, sort, cursor, limit: String(pageSize) });
      const response = await fetch(`/api/products?${params.toString()}`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      // The next page comes with its prices (one pricing call per page; null when pricing is down).
      const page = (await response.json()) as ProductPage & { prices: SkuPrice[] | null };
      setMore((items) => [...items, ...page.items.filter((p) => !items.some((x) => x.id === p.id))]);
      setPrices((known) => [...known, ...(page.prices ?? [])]);
      setCursor(page.nextCursor);
    } catch {
      setError('More products could not be loaded. Please try again.');
    } finally {
      setLoading(false);
    }
  }

  const nextHref = cursor ? `?${new URLSearchParams({ ...(sort === 'newest' ? {} : { sort }), cursor }).toString()}` : null;
  return (
    <>
      {more.length > 0 && (
        <div className={styles.more}>
          <ProductGrid products={more} prices={prices} label="More products" />
        </div>
      )}
      <LoadMoreButton nextHref={nextHref} loading={loading} error={error} onLoad={() => void loadMore()} doneText="You’ve seen everything here." />
    </>
  );
}
