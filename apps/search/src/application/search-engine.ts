import type { SearchQuery, SearchResult, SuggestQuery, SuggestResult } from '@shop/contracts';
import type { CategoryDirectory } from '../domain/category-tree.js';
import type { SearchDocument } from '../domain/search-document.js';

export type { CategoryDirectory, CategoryRef } from '../domain/category-tree.js';

/**
 * The search engine port: PostgreSQL (default, adapters/postgres-search-engine.ts) or
 * Elasticsearch (adapters/elasticsearch-search-engine.ts). Both pass the same conformance suite
 * (test/conformance/search-engine.conformance.ts) and give the same answers to it.
 */
export interface SearchEngine {
  readonly name: 'postgres' | 'elasticsearch';
  /** Creates what the engine needs (tables/indexes, or the index and its alias); idempotent. */
  prepare(): Promise<void>;
  /** Writes documents (insert or replace by productId); a document older than the stored one (version) is ignored. */
  upsert(documents: readonly SearchDocument[]): Promise<void>;
  remove(productIds: readonly string[]): Promise<void>;
  /** The stored document of a product, or null (the indexer merges events into it). */
  get(productId: string): Promise<SearchDocument | null>;
  /** The stored documents holding any of these SKUs (stock and sale events name SKUs). */
  bySkus(skus: readonly string[]): Promise<SearchDocument[]>;
  search(query: SearchQuery, categories: CategoryDirectory): Promise<SearchResult>;
  suggest(query: SuggestQuery): Promise<SuggestResult>;
  /**
   * A full rebuild without downtime: documents written through the returned writer go to a new
   * index that replaces the live one only on `commit` (searches keep the old one until then);
   * `abort` drops it. While a rebuild is open, `upsert` and `remove` apply to both the live index
   * and the new one, so no event handled during the rebuild is lost at the swap.
   */
  beginRebuild(): Promise<IndexRebuild>;
  /** Removes everything (tests). */
  clear(): Promise<void>;
}

export interface IndexRebuild {
  write(documents: readonly SearchDocument[]): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}
