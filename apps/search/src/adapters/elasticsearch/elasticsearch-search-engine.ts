import { Client, type ClientOptions, errors, type estypes } from '@elastic/elasticsearch';
import type { SearchQuery, SearchResult, SuggestQuery, SuggestResult } from '@shop/contracts';
import type { IndexRebuild, SearchEngine } from '../../application/search-engine.js';
import type { CategoryDirectory } from '../../domain/category-tree.js';
import type { SearchDocument } from '../../domain/search-document.js';
import { foldedWords } from '../../domain/search-text.js';
import {
  aliasSwapActions,
  batches,
  bulkDeleteOperations,
  bulkFailures,
  bulkUpsertOperations,
  timestampedIndexName,
} from './index-operations.js';
import { createIndexRequest, PRICE_NOW_FIELDS, type IndexSettingsOptions } from './mapping.js';
import { planSearch } from './search-request.js';
import { type HitSource, searchResultOf } from './search-response.js';
import { suggestRequest, suggestResultOf, type SuggestSource } from './suggest-request.js';

export interface ElasticsearchEngineOptions {
  /** e.g. http://127.0.0.1:9200 (ELASTICSEARCH_URL). */
  url: string | null;
  /** The alias searches read (ELASTICSEARCH_INDEX); the indexes behind it are `<alias>-…`. */
  alias: string;
  shards?: number;
  replicas?: number;
  /**
   * When a write is visible to searches: `wait_for` (default: the write returns once a refresh
   * shows it, so bySkus() reads what upsert() wrote), `true` (force a refresh: tests), `false`.
   */
  refresh?: 'wait_for' | boolean;
  requestTimeoutMs?: number;
  /** Retries of a request on a connection failure (default 2). */
  maxRetries?: number;
  /** The clock naming rebuilt indexes. */
  now?: () => Date;
}

/** The client settings of the engine (pure, so the wiring is testable without a server). */
export function elasticsearchClientOptions(options: Pick<ElasticsearchEngineOptions, 'url' | 'requestTimeoutMs' | 'maxRetries'>): ClientOptions {
  if (!options.url) {
    throw new Error('The Elasticsearch search engine needs ELASTICSEARCH_URL (e.g. http://127.0.0.1:9200); set it or use SEARCH_ENGINE=postgres');
  }
  return { node: options.url, requestTimeout: options.requestTimeoutMs ?? 5000, maxRetries: options.maxRetries ?? 2 };
}

/**
 * Errors meaning "Elasticsearch cannot be reached or is overloaded right now": the HTTP layer
 * answers them 503 DEPENDENCY_UNAVAILABLE (an errorMapper in the composition root).
 */
export function isElasticsearchUnavailable(error: unknown): boolean {
  if (error instanceof errors.ConnectionError || error instanceof errors.TimeoutError || error instanceof errors.NoLivingConnectionsError) {
    return true;
  }
  if (error instanceof errors.ResponseError) return [429, 502, 503, 504].includes(error.statusCode ?? 0);
  return false;
}

interface OpenRebuild {
  index: string;
  /** Products removed while the rebuild runs: a page of the catalog read before the removal must not bring them back. */
  removed: Set<string>;
}

const FIRST_INDEX_SUFFIX = 'initial';
/** Elasticsearch's default: a write shows in searches within a second. */
const LIVE_REFRESH_INTERVAL = '1s';

export function createElasticsearchSearchEngine(options: ElasticsearchEngineOptions): ElasticsearchSearchEngine {
  return new ElasticsearchSearchEngine(new Client(elasticsearchClientOptions(options)), options);
}

/**
 * The SearchEngine on Elasticsearch: searches read an alias; a rebuild fills a new index and
 * swaps the alias onto it in one atomic `_aliases` call, then deletes the old index.
 */
export class ElasticsearchSearchEngine implements SearchEngine {
  readonly name = 'elasticsearch' as const;
  private readonly settings: IndexSettingsOptions;
  private readonly refresh: 'wait_for' | boolean;
  private readonly now: () => Date;
  private rebuild: OpenRebuild | null = null;

  constructor(
    readonly client: Client,
    private readonly options: ElasticsearchEngineOptions,
  ) {
    this.settings = { shards: options.shards ?? 1, replicas: options.replicas ?? 1 };
    this.refresh = options.refresh ?? 'wait_for';
    this.now = options.now ?? (() => new Date());
  }

  get alias(): string {
    return this.options.alias;
  }

  async prepare(): Promise<void> {
    if (await this.client.indices.existsAlias({ name: this.alias })) {
      // An index created before the price now was indexed: adding fields to a mapping is allowed
      // and idempotent (its documents get them when next written or rebuilt).
      await this.client.indices.putMapping({ index: this.alias, properties: PRICE_NOW_FIELDS });
      return;
    }
    try {
      // A fixed first name: two instances starting together create it once, not two indexes behind one alias.
      await this.client.indices.create(createIndexRequest(`${this.alias}-${FIRST_INDEX_SUFFIX}`, this.settings, { withAlias: this.alias }));
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
  }

  async upsert(documents: readonly SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    const rebuild = this.rebuild;
    if (rebuild) for (const document of documents) rebuild.removed.delete(document.productId);
    for (const batch of batches(documents)) {
      await this.bulk(bulkUpsertOperations(this.alias, batch), this.refresh);
      // The new index refreshes once, at commit (a wait_for on it would wait for that).
      if (rebuild) await this.bulk(bulkUpsertOperations(rebuild.index, batch), false);
    }
  }

  async remove(productIds: readonly string[]): Promise<void> {
    if (productIds.length === 0) return;
    const rebuild = this.rebuild;
    if (rebuild) for (const id of productIds) rebuild.removed.add(id);
    for (const batch of batches(productIds)) {
      await this.bulk(bulkDeleteOperations(this.alias, batch), this.refresh);
      if (rebuild) await this.bulk(bulkDeleteOperations(rebuild.index, batch), false);
    }
  }

  async get(productId: string): Promise<SearchDocument | null> {
    const response = await this.client.get<SearchDocument>({ index: this.alias, id: productId }, { ignore: [404] });
    return response.found && response._source ? response._source : null;
  }

  async bySkus(skus: readonly string[]): Promise<SearchDocument[]> {
    if (skus.length === 0) return [];
    const unique = [...new Set(skus)];
    const response = await this.client.search<SearchDocument>({
      index: this.alias,
      // A SKU belongs to one product: at most one document per SKU.
      size: Math.min(unique.length, 10_000),
      query: { bool: { filter: [{ terms: { skus: unique } }] } },
      sort: [{ productId: { order: 'asc' } }],
    });
    return response.hits.hits.flatMap((hit) => (hit._source ? [hit._source] : []));
  }

  async search(query: SearchQuery, categories: CategoryDirectory): Promise<SearchResult> {
    const plan = planSearch(this.alias, query, categories);
    const response = await this.client.search<HitSource>(plan.request);
    return searchResultOf(response, plan);
  }

  async suggest(query: SuggestQuery): Promise<SuggestResult> {
    if (foldedWords(query.q).length === 0) return { suggestions: [] };
    const response = await this.client.search<SuggestSource>(suggestRequest(this.alias, query));
    return suggestResultOf(response, query);
  }

  async beginRebuild(): Promise<IndexRebuild> {
    if (this.rebuild) throw new Error(`A rebuild of ${this.alias} is already open (${this.rebuild.index})`);
    await this.prepare();
    const index = timestampedIndexName(this.alias, this.now());
    await this.client.indices.create(createIndexRequest(index, this.settings, { bulkLoad: true }));
    const rebuild: OpenRebuild = { index, removed: new Set() };
    this.rebuild = rebuild;
    const open = () => {
      if (this.rebuild !== rebuild) throw new Error(`The rebuild into ${index} is no longer open`);
    };
    return {
      write: async (documents) => {
        open();
        const kept = documents.filter((document) => !rebuild.removed.has(document.productId));
        for (const batch of batches(kept)) await this.bulk(bulkUpsertOperations(index, batch), false);
      },
      commit: async () => {
        open();
        await this.client.indices.putSettings({ index, settings: { refresh_interval: LIVE_REFRESH_INTERVAL, number_of_replicas: this.settings.replicas } });
        await this.client.indices.refresh({ index });
        const previous = await this.indexesBehindAlias();
        await this.client.indices.updateAliases({ actions: aliasSwapActions(this.alias, previous, index) });
        // Only now do writes stop going to both: until the swap the live index still answered searches.
        this.rebuild = null;
        const old = previous.filter((name) => name !== index);
        if (old.length > 0) await this.client.indices.delete({ index: old }, { ignore: [404] });
      },
      abort: async () => {
        if (this.rebuild === rebuild) this.rebuild = null;
        await this.client.indices.delete({ index }, { ignore: [404] });
      },
    };
  }

  async clear(): Promise<void> {
    // Deleting the indexes (not their documents) also forgets the versions of deleted documents.
    const indexes = await this.indexesBehindAlias();
    if (this.rebuild) indexes.push(this.rebuild.index);
    this.rebuild = null;
    if (indexes.length > 0) await this.client.indices.delete({ index: indexes }, { ignore: [404] });
    await this.prepare();
  }

  /** Removes the alias and every index behind it (tests, and tearing an engine down). */
  async drop(): Promise<void> {
    const indexes = await this.indexesBehindAlias();
    if (this.rebuild) indexes.push(this.rebuild.index);
    this.rebuild = null;
    if (indexes.length > 0) await this.client.indices.delete({ index: indexes }, { ignore: [404] });
  }

  /** Whether the cluster answers and the alias is there (a readiness check: `dependencyCheck('elasticsearch', () => engine.ping(), …)`). */
  async ping(): Promise<void> {
    if (!(await this.client.indices.existsAlias({ name: this.alias }))) throw new Error(`Elasticsearch has no alias ${this.alias}`);
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async indexesBehindAlias(): Promise<string[]> {
    const response = await this.client.indices.getAlias({ name: this.alias }, { ignore: [404] });
    // A 404 body is { error, status }, not index names.
    return Object.entries(response)
      .filter(([, value]) => typeof value === 'object' && value !== null && 'aliases' in value)
      .map(([name]) => name);
  }

  private async bulk(operations: estypes.BulkRequest['operations'], refresh: 'wait_for' | boolean): Promise<void> {
    if (!operations || operations.length === 0) return;
    const response = await this.client.bulk({ operations, refresh });
    const failures = bulkFailures(response);
    if (failures.length > 0) {
      throw new Error(`Elasticsearch refused ${failures.length} bulk operation(s): ${failures.slice(0, 3).join('; ')}`);
    }
  }
}

function isAlreadyExists(error: unknown): boolean {
  return error instanceof errors.ResponseError && (error.body as { error?: { type?: string } } | undefined)?.error?.type === 'resource_already_exists_exception';
}
