import type { Product } from '@shop/contracts';
import Link from 'next/link';
import { formatPriceRange } from '../lib/money';
import { attributeAxes } from '../lib/variant-selection';
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

export function ProductCard({ product, priority = false }: { product: CardProduct; priority?: boolean }) {
  const image = product.images[0];
  const summary = optionsSummary(product);
  return (
    <article className={styles.card} data-testid="product-card">
      <Link href={`/p/${product.slug}`} className={styles.link}>
        <div className={styles.media}>
          <ProductImage src={image?.url} alt={image?.alt || product.title} priority={priority} />
        </div>
        <div className={styles.body}>
          <h3 className={styles.title}>{product.title}</h3>
          <p className={styles.meta}>
            <span className={styles.price}>{formatPriceRange(product.variants.map((v) => v.price))}</span>
            {summary && <span className={styles.options}>{summary}</span>}
          </p>
        </div>
      </Link>
    </article>
  );
}

export function ProductGrid({ products, label }: { products: readonly CardProduct[]; label?: string }) {
  return (
    <ul className={styles.grid} aria-label={label}>
      {products.map((p, i) => (
        <li key={p.id}>
          <ProductCard product={p} priority={i < 4} />
        </li>
      ))}
    </ul>
  );
}
