import type { Logger } from '@shop/observability';
import type pg from 'pg';
import { Gauge, type Registry } from 'prom-client';
import { PostingsIndex } from '../../domain/postings-index.js';
import { applyChanges, loadPostingsIndex, type FeedPosition } from './postings-loader.js';

/**
 * The postings index of `search.document` in this process's memory, kept current by the change
 * feed (search.index_feed): read every `pollMs`, so every instance sees every instance's writes,
 * and at once after this process's own writes (`catchUp`), so a search right after a write sees
 * it. Until an index is loaded (at start, and after the table was replaced by a rebuild or a
 * clear) `current()` is null and the engine answers from SQL alone.
 */
export class LivePostingsIndex {
  /** The published index and the feed position it holds every change up to; null while none is loaded. */
  private live: { index: PostingsIndex; position: FeedPosition } | null = null;
  /** Reads of the feed, one at a time, in the order they were asked for. */
  private chain: Promise<void> = Promise.resolve();
  private loading: Promise<void> | null = null;
  /** Catch-ups asked for while no index is published: a load reads the feed again before it publishes. */
  private catchUpsWhileLoading = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private waiting: (() => void)[] = [];

  constructor(private readonly deps: { pool: pg.Pool; pollMs: number; logger: Logger }) {}

  /** Loads the index in the background and follows the feed from then on. */
  start(): void {
    if (this.timer || this.stopped) return;
    this.load();
    this.timer = setInterval(() => {
      if (!this.live) this.load();
      else void this.follow().catch((err: unknown) => this.deps.logger.warn({ err }, 'search index: cannot read the change feed; retrying'));
    }, this.deps.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.loading;
    await this.chain;
    this.live = null;
  }

  /** `search_memory_index_documents`: what the index holds, 0 while none is loaded (searches use SQL meanwhile). */
  registerMetrics(registry: Registry): void {
    const documents = (): number => this.live?.index.size ?? 0;
    new Gauge({
      name: 'search_memory_index_documents',
      help: 'Documents in the in-memory search index searches are answered from (0 while it loads: searches use SQL meanwhile)',
      registers: [registry],
      collect() {
        this.set(documents());
      },
    });
  }

  /** The index searches may use now, or null (not loaded yet). */
  current(): PostingsIndex | null {
    return this.live?.index ?? null;
  }

  /** Resolves once an index is loaded and searches use it. */
  ready(): Promise<void> {
    return this.live ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Resolves once every change committed before the call is in the index (or no index is published). */
  catchUp(): Promise<void> {
    if (!this.live) {
      this.catchUpsWhileLoading++;
      return Promise.resolve();
    }
    return this.follow();
  }

  private follow(): Promise<void> {
    const read = this.chain.then(() => this.readFeed());
    this.chain = read.catch(() => undefined);
    return read;
  }

  private async readFeed(): Promise<void> {
    const live = this.live;
    if (!live) {
      this.catchUpsWhileLoading++;
      return;
    }
    const now = await applyChanges(this.deps.pool, live.index, live.position);
    if (this.live !== live) return;
    if (now.generation !== live.position.generation) {
      // The table was replaced: searches go to SQL until the new one is loaded (one index in memory at a time).
      this.live = null;
      this.load();
      return;
    }
    live.position = now;
  }

  private load(): void {
    if (this.loading || this.stopped) return;
    this.loading = this.loadOnce()
      .catch((err: unknown) => this.deps.logger.warn({ err }, 'search index: cannot load it from the database; searches use SQL until it loads'))
      .finally(() => (this.loading = null));
  }

  private async loadOnce(): Promise<void> {
    const startedAt = performance.now();
    const index = new PostingsIndex();
    let { position } = await loadPostingsIndex(this.deps.pool, 'search.document', index);
    // Writes that committed while the load read the table are read from the feed before the index
    // is published; a write whose catch-up came meanwhile makes it read once more, so a search
    // right after any write finds it.
    for (;;) {
      const asked = this.catchUpsWhileLoading;
      const now = await applyChanges(this.deps.pool, index, position);
      if (now.generation !== position.generation) return this.loadOnce();
      position = now;
      if (this.catchUpsWhileLoading === asked) break;
    }
    if (this.stopped) return;
    this.live = { index, position };
    for (const resolve of this.waiting.splice(0)) resolve();
    this.deps.logger.info({ documents: index.size, ms: Math.round(performance.now() - startedAt) }, 'search index loaded into memory');
  }
}
