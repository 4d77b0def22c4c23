import { FailureCode, SearchQuery, type Clock, type Product, type ReindexStatus } from '@shop/contracts';
import type { Logger } from '@shop/observability';
import { conflict } from '@shop/service-kit';
import { buildSearchDocument } from '../domain/document-builder.js';
import type { SearchDocument } from '../domain/search-document.js';
import type { CategoryCatalog } from './category-catalog.js';
import type { Indexer } from './indexer.js';
import type { SearchEngine } from './search-engine.js';
import type { SearchStateStore } from './search-state-store.js';
import type { PriceFeed } from './price-feed.js';
import type { StockBaseline } from './stock-baseline.js';

/** A page of the catalog's active products (keyset: memory holds one page). */
export interface CatalogProductPages {
  page(cursor: string | null): Promise<{ items: Product[]; nextCursor: string | null }>;
}

type ProductPage = Awaited<ReturnType<CatalogProductPages['page']>>;

export type ReindexProgress = (status: ReindexStatus) => void;

const EVERYTHING = SearchQuery.parse({ limit: '1' });

/**
 * A full reindex without downtime: reads the catalog's products a page at a time, builds their
 * documents with the stock and sale state the search schema keeps, writes them in batches into
 * the engine's rebuild and swaps it in at the end (aborted on any failure, the live index kept).
 * SKUs no event has told about get their first stock figure from inventory (StockBaseline) and
 * their first price from pricing (PriceFeed).
 * Memory holds two pages (the next one is read meanwhile) and one batch, whatever the catalog's size. One run at a time.
 *
 * `total` is an estimate when the run starts (the live index's count: the catalog's listing has
 * no count), null for an empty index, and the number indexed once done.
 */
export class Reindexer {
  private current: ReindexStatus;
  private running: Promise<ReindexStatus> | null = null;

  constructor(
    private readonly deps: {
      engine: SearchEngine;
      pages: CatalogProductPages;
      categories: CategoryCatalog;
      state: SearchStateStore;
      stock: StockBaseline;
      prices: PriceFeed;
      indexer: Indexer;
      clock: Clock;
      logger: Logger;
      /** Documents per write into the rebuild. */
      batchSize: number;
    },
  ) {
    this.current = { state: 'idle', engine: deps.engine.name, indexed: 0, total: null, startedAt: null, finishedAt: null, error: null };
  }

  status(): ReindexStatus {
    return { ...this.current };
  }

  /** Starts a run in the background (409 CONFLICT while one runs); answers its first status. */
  start(onProgress?: ReindexProgress): ReindexStatus {
    if (this.running) throw conflict(FailureCode.CONFLICT, 'a reindex is already running', { state: this.current.state });
    this.current = { state: 'running', engine: this.deps.engine.name, indexed: 0, total: null, startedAt: this.deps.clock.now().toISOString(), finishedAt: null, error: null };
    this.running = this.runToEnd(onProgress).finally(() => {
      this.running = null;
    });
    return this.status();
  }

  /** Runs a reindex to its end (the CLI); answers the final status, `failed` included. */
  async run(onProgress?: ReindexProgress): Promise<ReindexStatus> {
    this.start(onProgress);
    return this.done();
  }

  /** The running reindex's end (or the last status when none runs). */
  done(): Promise<ReindexStatus> {
    return this.running ?? Promise.resolve(this.status());
  }

  private async runToEnd(onProgress?: ReindexProgress): Promise<ReindexStatus> {
    const report = () => onProgress?.(this.status());
    try {
      const categories = await this.deps.categories.fresh();
      const estimate = (await this.deps.engine.search(EVERYTHING, categories)).total;
      this.current.total = estimate > 0 ? estimate : null;
      report();
      const rebuild = await this.deps.engine.beginRebuild();
      try {
        let batch: SearchDocument[] = [];
        const flush = async () => {
          const documents = batch;
          batch = [];
          await rebuild.write(documents);
          this.current.indexed += documents.length;
          if (this.current.total !== null && this.current.indexed > this.current.total) this.current.total = this.current.indexed;
          report();
        };
        // The next page is read while this one is built and written (two pages in memory at most).
        let next: Promise<ProductPage> | null = this.deps.pages.page(null);
        while (next) {
          const page: ProductPage = await next;
          next = page.nextCursor ? this.deps.pages.page(page.nextCursor) : null;
          // A failure below leaves the read in flight: its own failure must not go unhandled.
          next?.catch(() => undefined);
          // Read the SKUs' state and write under the indexer's turn, so no stock or sale event falls between.
          await this.deps.indexer.exclusive(async () => {
            const skus = page.items.flatMap((p) => p.variants.map((v) => v.sku));
            const [state, stale] = await Promise.all([
              this.deps.state
                .stateOf(skus)
                .then((known) => this.deps.stock.complete(skus, known))
                .then((known) => this.deps.prices.complete(skus, known)),
              // An event applied since the page was read (an edit, an archive) wins over the listing.
              this.deps.state.newerApplied(page.items),
            ]);
            for (const product of page.items) {
              if (stale.has(product.id)) continue;
              const document = buildSearchDocument(product, categories, state);
              if (document) batch.push(document);
            }
            if (batch.length >= this.deps.batchSize) await flush();
          });
        }
        if (batch.length > 0) await this.deps.indexer.exclusive(flush);
        await rebuild.commit();
      } catch (err) {
        await rebuild.abort().catch((abortErr: unknown) => this.deps.logger.warn({ err: String(abortErr) }, 'reindex: the rebuild could not be dropped'));
        throw err;
      }
      this.current = { ...this.current, state: 'done', total: this.current.indexed, finishedAt: this.deps.clock.now().toISOString() };
      this.deps.logger.info({ indexed: this.current.indexed }, 'reindex done');
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.current = { ...this.current, state: 'failed', finishedAt: this.deps.clock.now().toISOString(), error: message };
      this.deps.logger.error({ err: message, indexed: this.current.indexed }, 'reindex failed');
    }
    report();
    return this.status();
  }
}
