import type { Clock } from '@shop/contracts';
import { CategoryTree, type CategoryRef } from '../domain/category-tree.js';

/** Where the category tree comes from (the catalog's public API). */
export interface CategorySource {
  categories(): Promise<CategoryRef[]>;
}

/**
 * The catalog's category tree held in memory for the indexer (names, ancestors) and the searches
 * (slug filter, facet labels). Re-read when older than `maxAgeMs` (renames show up) and when a
 * product or a query names a category it does not hold (one created since), at most once per
 * `missRefreshMs` so unknown slugs typed by shoppers cannot flood the catalog. When the catalog
 * cannot be reached the last tree stays in use; only a first read fails.
 */
export class CategoryCatalog {
  private tree: CategoryTree | null = null;
  private loadedAt = 0;
  private lastMissRefresh = Number.NEGATIVE_INFINITY;
  private loading: Promise<CategoryTree> | null = null;

  constructor(
    private readonly source: CategorySource,
    private readonly clock: Clock,
    private readonly options: { maxAgeMs: number; missRefreshMs: number } = { maxAgeMs: 60_000, missRefreshMs: 5_000 },
  ) {}

  /** The tree, read again when stale. */
  async current(): Promise<CategoryTree> {
    if (this.tree === null) return this.load();
    if (this.now() - this.loadedAt > this.options.maxAgeMs) return this.load().catch(() => this.tree!);
    return this.tree;
  }

  /** A tree read freshly (a full reindex starts from the catalog's tree as it is). */
  async fresh(): Promise<CategoryTree> {
    return this.load();
  }

  /** The tree, re-read first when it lacks one of these category ids. */
  async knowingIds(ids: readonly string[]): Promise<CategoryTree> {
    const tree = await this.current();
    return ids.every((id) => tree.byId(id)) ? tree : this.refreshOnMiss(tree);
  }

  /** The tree, re-read first when it lacks this slug. */
  async knowingSlug(slug: string): Promise<CategoryTree> {
    const tree = await this.current();
    return tree.bySlug(slug) ? tree : this.refreshOnMiss(tree);
  }

  private async refreshOnMiss(tree: CategoryTree): Promise<CategoryTree> {
    if (this.now() - this.lastMissRefresh < this.options.missRefreshMs) return tree;
    this.lastMissRefresh = this.now();
    return this.load().catch(() => tree);
  }

  private load(): Promise<CategoryTree> {
    this.loading ??= this.source
      .categories()
      .then((categories) => {
        this.tree = new CategoryTree(categories.map(({ id, slug, name, parentId }) => ({ id, slug, name, parentId })));
        this.loadedAt = this.now();
        return this.tree;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}
