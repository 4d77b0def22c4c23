import type { RedisClient } from '@shop/messaging';
import type { Logger } from '@shop/observability';
import type { CachedProduct, CacheOutcome, ProductCache } from '../application/product-cache.js';

/**
 * Cache-aside for public product reads. Values are the serialized response itself, so a hit
 * is one GET and no JSON work. Keys: `<prefix>catalog:product:{<id or slug>}`. A Redis failure is
 * never fatal: the read falls through to Postgres and the outcome is reported as 'error'.
 */
export class RedisProductCache implements ProductCache {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
    private readonly logger: Logger,
  ) {}

  private key(idOrSlug: string): string {
    return `${this.prefix}catalog:product:{${idOrSlug}}`;
  }

  async get(idOrSlug: string): Promise<{ value?: CachedProduct; outcome: CacheOutcome }> {
    try {
      const raw = await this.redis.get(this.key(idOrSlug));
      if (raw === null) return { outcome: 'miss' };
      const newline = raw.indexOf('\n');
      return { value: { etag: raw.slice(0, newline), json: raw.slice(newline + 1) }, outcome: 'hit' };
    } catch (err) {
      this.logger.warn({ err: String(err) }, 'product cache read failed; reading from the database');
      return { outcome: 'error' };
    }
  }

  /** Stores under the id and the slug, so both lookups hit. */
  async put(keys: readonly string[], value: CachedProduct): Promise<void> {
    try {
      // One SET per key, not a pipeline: on a cluster the id's and the slug's keys live in different slots.
      await Promise.all(keys.map((k) => this.redis.set(this.key(k), `${value.etag}\n${value.json}`, 'EX', this.ttlSeconds)));
    } catch (err) {
      this.logger.warn({ err: String(err) }, 'product cache write failed');
    }
  }

  async invalidate(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    try {
      // One DEL per key: with hash tags each key may live on a different cluster slot.
      await Promise.all(keys.map((k) => this.redis.del(this.key(k))));
    } catch (err) {
      this.logger.warn({ err: String(err) }, 'product cache invalidation failed; entries expire by TTL');
    }
  }
}
