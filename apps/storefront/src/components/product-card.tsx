import type { Product, SkuPrice } from '@shop/contracts';
import Link from 'next/link';
import { cardPrice, cardPromotion, priceIndex, promotionBadgeText, type CardPromotionView, type PriceIndex } from '../lib/sale-prices';
import { attributeAxes } from '../lib/variant-selection';
import { PriceTag } from './price-tag';
import { ProductImage } from './product-image';
import styles from './product-card.module.css';

/** What a card shows; a Product has it (the listing's items are Products). */
export type CardProduct = Pick<Product, 'id' | 'slug' | 'title' | 'images' | 'variants'>;

function optionsSummary(product: CardProduct): string | null {
  const axes = attributeAxes(product.variants);
  const colours = axes.find((a) => a.name === 'colour' || a.name === 'color');
  if (colours && colours.values.length > 1) return `${colours.values.length} colours`;
  const biggest = axes.sort((a, b) => b.values.length - a.values.length)[0];
  return biggest && biggest.values.length > 1 ? `${biggest.values.length} ${biggest.name === 'size' ? 'sizes' : 'options'}` : null;
}

/**
 * The promotion the cart takes off the product, under a card's price; "on selected sizes" when it
 * covers only some variants (a one-SKU promotion is not a promotion on the whole product).
 */
export function PromotionBadge({ view }: { view: CardPromotionView }) {
  return (
    <p className={styles.promotion}>
      <span className="badge badge-good" title={view.promotion.name} data-testid="card-promotion">
        {promotionBadgeText(view)}
        <span className="visually-hidden"> in your cart ({view.promotion.name})</span>
      </span>
    </p>
  );
}

export function ProductCard({ product, prices, priority = false }: { product: CardProduct; prices: PriceIndex; priority?: boolean }) {
  const image = product.images[0];
  const summary = optionsSummary(product);
  const price = cardPrice(product.variants, prices);
  const promotion = cardPromotion(product.variants, prices);
  return (
    <article className={styles.card} data-testid="product-card">
      <Link href={`/p/${product.slug}`} className={styles.link}>
        <div className={styles.media}>
          <ProductImage src={image?.url} alt={image?.alt || product.title} priority={priority} />
        </div>
        <div className={styles.body}>
          <h3 className={styles.title}>{product.title}</h3>
          <p className={styles.meta}>
            {price && <PriceTag now={price.now} was={price.was} upTo={price.upTo} className={styles.price} testId="card-price" />}
            {summary && <span className={styles.options}>{summary}</span>}
          </p>
          {promotion && <PromotionBadge view={promotion} />}
        </div>
      </Link>
    </article>
  );
}

/**
 * `prices`: the pricing service's prices of the page's SKUs (one call per page); without them
 * (pricing down) the cards show the catalog's prices.
 */
export function ProductGrid({ products, prices, label }: { products: readonly CardProduct[]; prices?: readonly SkuPrice[] | null; label?: string }) {
  const index = priceIndex(prices);
  return (
    <ul className={styles.grid} aria-label={label}>
      {products.map((p, i) => (
        <li key={p.id}>
          <ProductCard product={p} prices={index} priority={i < 4} />
        </li>
      ))}
    </ul>
  );
}
