import { SearchQuery } from '@shop/contracts';
import type { Logger } from '@shop/observability';
import type { CategoryCatalog } from '../application/category-catalog.js';
import type { Reindexer } from '../application/reindexer.js';
import type { SearchEngine } from '../application/search-engine.js';

const ANY_ONE = SearchQuery.parse({ limit: '1' });

/**
 * On start (SEARCH_REINDEX_ON_START): a reindex when the index is empty (a new install, or an
 * engine switched), retried while the catalog or the database cannot be reached.
 */
export class InitialReindex {
  private stopped = false;
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: { engine: SearchEngine; categories: CategoryCatalog; reindexer: Reindexer; logger: Logger; retryMs?: number }) {}

  start(): void {
    this.running ??= this.runUntilDone();
  }

  /** Resolves once the index was found filled or a reindex ended (tests). */
  done(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async runUntilDone(): Promise<void> {
    while (!this.stopped) {
      try {
        const categories = await this.deps.categories.current();
        if ((await this.deps.engine.search(ANY_ONE, categories)).total > 0) return;
        this.deps.logger.info('search index is empty: reindexing from the catalog');
        const status = await this.deps.reindexer.run();
        if (status.state === 'done') return;
      } catch (err) {
        // A reindex started by an admin meanwhile (409) finishes the job as well.
        if ((err as { code?: string }).code === 'CONFLICT') return;
        this.deps.logger.warn({ err: (err as Error).message }, 'initial reindex cannot run yet; retrying');
      }
      await new Promise<void>((resolve) => {
        this.timer = setTimeout(resolve, this.deps.retryMs ?? 5_000);
        this.timer.unref();
      });
    }
  }
}
