import type { SearchHit, SkuPrice } from '@shop/contracts';
import Link from 'next/link';
import { cardPromotion, priceIndex, priceTag, type PriceIndex } from '../../lib/sale-prices';
import { PriceTag } from '../price-tag';
import { PromotionBadge } from '../product-card';
import { ProductImage } from '../product-image';
import cardStyles from '../product-card.module.css';
import { Highlighted } from './highlighted';
import styles from './search.module.css';

type HighlightField = SearchHit['highlights'][number]['field'];

/**
 * The other places a match may be quoted from, with their spoken labels. Not the SKU: it is the
 * merchant's stock code, which the shop never shows (a search for "tee" matches every TEE-… SKU).
 */
const SHOWN_FIELDS: Partial<Record<HighlightField, string>> = {
  description: 'Description',
  variant: 'Variant',
  category: 'Category',
};

/**
 * A search result: the product card's look (image, title, price, availability), the matched words
 * marked in the title and in one other place shoppers see them (description, a variant, the
 * category), the index's price now (below the list price, with the list price struck through),
 * the promotion the cart takes off (pricing's, as a product card shows it) and "Sold out" when no
 * variant has stock. The price is the index's: results are sorted and filtered by it, and a page
 * sorted by price must read in that order. It is the price a product card shows a shopper not
 * signed in (the index follows pricing's prices for everyone).
 */
export function SearchHitCard({ hit, prices = new Map(), priority = false }: { hit: SearchHit; prices?: PriceIndex; priority?: boolean }) {
  const title = hit.highlights.find((h) => h.field === 'title');
  const elsewhere = hit.highlights.find((h) => SHOWN_FIELDS[h.field] !== undefined);
  const price = priceTag(hit.priceNow, hit.price);
  const promotion = cardPromotion(hit.skus.map((sku) => ({ sku })), prices);
  return (
    <article className={cardStyles.card} data-testid="search-hit">
      <Link href={`/p/${hit.slug}`} className={cardStyles.link}>
        <div className={cardStyles.media}>
          <ProductImage src={hit.image ?? undefined} alt={hit.title} priority={priority} />
        </div>
        <div className={cardStyles.body}>
          <h3 className={cardStyles.title}>{title ? <Highlighted snippet={title.snippet} /> : hit.title}</h3>
          {elsewhere && (
            <p className={styles.snippet} data-testid="search-snippet">
              <span className="visually-hidden">{SHOWN_FIELDS[elsewhere.field]}: </span>
              <Highlighted snippet={elsewhere.snippet} />
            </p>
          )}
          <p className={cardStyles.meta}>
            <PriceTag now={price.now} was={price.was} className={cardStyles.price} testId="search-price" />
            {!hit.inStock && (
              <span className="badge badge-bad" data-testid="sold-out">
                Sold out
              </span>
            )}
          </p>
          {promotion && <PromotionBadge view={promotion} />}
        </div>
      </Link>
    </article>
  );
}

/** `prices`: pricing's prices of the hits' SKUs (one call per page), for the promotions' badges. */
export function SearchHitGrid({ hits, prices, label, priorityCount = 4 }: { hits: readonly SearchHit[]; prices?: readonly SkuPrice[] | null; label: string; priorityCount?: number }) {
  const index = priceIndex(prices);
  return (
    <ul className={cardStyles.grid} aria-label={label}>
      {hits.map((hit, i) => (
        <li key={hit.id}>
          <SearchHitCard hit={hit} prices={index} priority={i < priorityCount} />
        </li>
      ))}
    </ul>
  );
}
