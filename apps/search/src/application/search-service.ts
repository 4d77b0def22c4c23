import type { SearchQuery, SearchResult, SuggestQuery, SuggestResult } from '@shop/contracts';
import type { ReadRouting } from '@shop/persistence';
import { CategoryTree } from '../domain/category-tree.js';
import type { CategoryCatalog } from './category-catalog.js';
import type { SearchEngine } from './search-engine.js';

const NO_CATEGORIES = new CategoryTree([]);

function emptyResult(): SearchResult {
  return { items: [], total: 0, facets: { category: [], price: [], size: [], colour: [] }, nextCursor: null };
}

/**
 * The shoppers' searches: the engine with the category tree; an unknown category slug finds
 * nothing. The engine comes through a ReadRouting: a read replica's when there is one.
 */
export class SearchService {
  constructor(private readonly deps: { engine: ReadRouting<SearchEngine>; categories: CategoryCatalog }) {}

  async search(query: SearchQuery): Promise<SearchResult> {
    if (query.category !== undefined) {
      const categories = await this.deps.categories.knowingSlug(query.category);
      if (!categories.bySlug(query.category)) return emptyResult();
      return this.deps.engine.read((engine) => engine.search(query, categories));
    }
    // Without a category filter the tree only labels the category facet: a catalog that was never
    // reachable since start costs the labels, not the search.
    const categories = await this.deps.categories.current().catch(() => NO_CATEGORIES);
    return this.deps.engine.read((engine) => engine.search(query, categories));
  }

  suggest(query: SuggestQuery): Promise<SuggestResult> {
    return this.deps.engine.read((engine) => engine.suggest(query));
  }
}
