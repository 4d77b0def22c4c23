/** A cached public representation: the exact bytes to send and their validator. */
export interface CachedProduct {
  etag: string;
  json: string;
}

export type CacheOutcome = 'hit' | 'miss' | 'error';

/** Cache-aside for public product reads, by id or slug; a cache failure is never fatal. */
export interface ProductCache {
  get(idOrSlug: string): Promise<{ value?: CachedProduct; outcome: CacheOutcome }>;
  put(keys: readonly string[], value: CachedProduct): Promise<void>;
  invalidate(keys: readonly string[]): Promise<void>;
}
