import type { Product } from '@shop/contracts';
import { buildSearchDocument, withSkuState } from '../domain/document-builder.js';
import type { SearchDocument } from '../domain/search-document.js';
import type { CategoryCatalog } from './category-catalog.js';
import { OneAtATime } from './one-at-a-time.js';
import { PRICE_READ_BATCH, type PriceFeed } from './price-feed.js';
import type { SearchEngine } from './search-engine.js';
import type { SearchStateStore } from './search-state-store.js';
import type { StockBaseline } from './stock-baseline.js';

/** A flash sale as pricing's events describe it. */
export interface FlashSaleChange {
  flashSaleId: string;
  sku: string;
  salePrice: number;
}

/**
 * Applies the catalog's, pricing's and inventory's changes to the index through the engine port.
 * Every change is idempotent (versions and stored state decide, so a redelivered or late event
 * changes nothing) and the changes run one at a time in this process, so a stock change merged
 * into a stored document cannot overwrite a product edit applied meanwhile. A full reindex writes
 * its batches through `exclusive` for the same reason.
 */
export class Indexer {
  private readonly serial = new OneAtATime();

  constructor(private readonly deps: { engine: SearchEngine; state: SearchStateStore; categories: CategoryCatalog; stock: StockBaseline; prices: PriceFeed }) {}

  /** A product was created, updated or archived: its document is rebuilt (or removed) unless a newer version was applied. */
  productChanged(product: Product): Promise<void> {
    return this.serial.run(async () => {
      if (!(await this.deps.state.claimProductVersion(product.id, product.version))) return;
      const categories = await this.deps.categories.knowingIds(product.categoryIds);
      const skus = product.variants.map((v) => v.sku);
      const known = await this.deps.stock.complete(skus, await this.deps.state.stateOf(skus));
      const state = await this.deps.prices.complete(skus, known);
      const document = buildSearchDocument(product, categories, state);
      if (document) await this.deps.engine.upsert([document]);
      else await this.deps.engine.remove([product.id]);
    });
  }

  /** A SKU's stock as of its stock version (null: stock came back from a released reservation). */
  stockChanged(sku: string, inStock: boolean, version: number | null): Promise<void> {
    return this.serial.run(async () => {
      if (await this.deps.state.recordStock(sku, inStock, version)) await this.refresh([sku]);
    });
  }

  saleStarted(sale: FlashSaleChange): Promise<void> {
    return this.serial.run(async () => {
      await this.deps.state.saleStarted(sale);
      await this.refresh([sale.sku]);
    });
  }

  /** A flash sale ended, was cancelled or sold out: its price leaves the SKU's product. */
  saleOver(sale: FlashSaleChange): Promise<void> {
    return this.serial.run(async () => {
      await this.deps.state.saleOver(sale);
      await this.refresh([sale.sku]);
    });
  }

  /**
   * Pricing announced that these SKUs' prices changed (a price list, a scheduled or demand price):
   * they are read again now, and their documents follow; while pricing cannot answer, later.
   */
  async pricesChanged(skus: readonly string[]): Promise<void> {
    await this.deps.prices.changed(skus);
    while ((await this.readDuePrices()) === PRICE_READ_BATCH);
  }

  /**
   * Reads again the prices that are due (a window's edge passed, a change announced, a retry), at
   * most one batch, and recomputes their documents; answers how many SKUs were read.
   */
  readDuePrices(): Promise<number> {
    return this.serial.run(async () => {
      const skus = await this.deps.prices.readDue();
      if (skus.length > 0) await this.refresh(skus);
      return skus.length;
    });
  }

  /** Runs `task` with no index change in between (a reindex batch reads state and writes it). */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.serial.run(task);
  }

  /** Recomputes stock and prices of the documents holding these SKUs; writes only what changed. */
  private async refresh(skus: readonly string[]): Promise<void> {
    const documents = await this.deps.engine.bySkus(skus);
    if (documents.length === 0) return;
    const state = await this.deps.state.stateOf(documents.flatMap((d) => d.skus));
    const changed: SearchDocument[] = [];
    for (const document of documents) {
      const updated = withSkuState(document, state);
      if (updated.inStock !== document.inStock || updated.priceNow !== document.priceNow || updated.salePrice !== document.salePrice) changed.push(updated);
    }
    if (changed.length > 0) await this.deps.engine.upsert(changed);
  }
}
