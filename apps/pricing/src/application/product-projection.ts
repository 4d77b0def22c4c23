import type { Product } from '@shop/contracts';
import type { Logger } from '@shop/observability';
import { unknownCategories, withAncestors } from '../domain/category-ancestors.js';
import type { ProductPriceRecord } from './price-inputs.js';
import type { PricingChangeSignal } from './pricing-rules.js';

/** The catalog's category tree as child → parent (read from the catalog's public API). */
export interface CategoryTreeSource {
  parents(): Promise<Map<string, string | null>>;
}

/** Where pricing keeps the SKUs it knows (product_price). */
export interface ProductPriceStore {
  /**
   * Writes the product's SKUs unless a newer version of it is stored, and marks SKUs the product
   * no longer has inactive. Answers whether anything was written.
   */
  applyProduct(product: { id: string; version: number }, records: readonly ProductPriceRecord[]): Promise<boolean>;
}

/** A page of the catalog's products, for the start-up backfill. */
export interface CatalogProductPages {
  page(cursor: string | null): Promise<{ items: Product[]; nextCursor: string | null }>;
}

/**
 * Keeps product_price in step with the catalog: each product event (and each product of the
 * start-up backfill) becomes one record per SKU, with the categories' ancestors. Idempotent: the
 * product's version guards every write, so a redelivered or older event changes nothing.
 */
export class ProductProjection {
  private parents: Map<string, string | null> = new Map();

  constructor(
    private readonly deps: {
      store: ProductPriceStore;
      categories: CategoryTreeSource;
      signal: PricingChangeSignal;
      /** Drops this instance's hot prices at once (others follow the change signal). */
      onChanged: () => void;
      logger: Logger;
    },
  ) {}

  async productsChanged(products: readonly Product[]): Promise<number> {
    let written = 0;
    for (const product of products) if (await this.write(product)) written++;
    if (written > 0) await this.announce();
    return written;
  }

  private async write(product: Product): Promise<boolean> {
    if (unknownCategories(product.categoryIds, this.parents).length > 0) {
      // A category created since the tree was read: read it again (categories are never re-parented).
      this.parents = await this.deps.categories.parents();
    }
    const categoryIds = withAncestors(product.categoryIds, this.parents);
    const image = product.images[0]?.url ?? null;
    const records: ProductPriceRecord[] = product.variants.map((variant) => ({
      sku: variant.sku,
      productId: product.id,
      productSlug: product.slug,
      title: variant.title && variant.title !== product.title ? `${product.title} – ${variant.title}` : product.title,
      image,
      categoryIds,
      listPrice: variant.price,
      active: product.status === 'active',
    }));
    return this.deps.store.applyProduct({ id: product.id, version: product.version }, records);
  }

  private async announce(): Promise<void> {
    this.deps.onChanged();
    try {
      await this.deps.signal.bump();
    } catch (err) {
      // The rows are committed; other instances see them once Redis answers and their cache is rebuilt.
      this.deps.logger.warn({ err: (err as Error).message }, 'could not announce a price change');
    }
  }
}

/**
 * Reads every product the catalog lists (a page at a time: memory stays bounded by one page) into
 * the projection: products seeded straight into the catalog's tables never had events. Retries
 * while the catalog is unreachable, until it succeeds or is stopped.
 */
export class ProductBackfill {
  private stopped = false;
  private running: Promise<void> | null = null;

  constructor(
    private readonly deps: { pages: CatalogProductPages; projection: ProductProjection; logger: Logger; retryMs?: number },
  ) {}

  start(): void {
    this.running ??= this.runUntilDone();
  }

  /** Resolves when the backfill finished (or was stopped). */
  done(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running?.catch(() => undefined);
  }

  private async runUntilDone(): Promise<void> {
    while (!this.stopped) {
      try {
        const { products, written } = await this.runOnce();
        this.deps.logger.info({ products, written }, 'product prices backfilled from the catalog');
        return;
      } catch (err) {
        this.deps.logger.warn({ err: (err as Error).message }, 'product backfill failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, this.deps.retryMs ?? 5_000).unref());
      }
    }
  }

  async runOnce(): Promise<{ products: number; written: number }> {
    let cursor: string | null = null;
    let products = 0;
    let written = 0;
    do {
      if (this.stopped) break;
      const page = await this.deps.pages.page(cursor);
      products += page.items.length;
      written += await this.deps.projection.productsChanged(page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return { products, written };
  }
}
