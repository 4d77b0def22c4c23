/** One category of the catalog's tree, as the engines need it for facet labels and subtree filters. */
export interface CategoryRef {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
}

/** The catalog's category tree, for the category filter (slug → subtree) and facet labels. */
export interface CategoryDirectory {
  bySlug(slug: string): CategoryRef | undefined;
  byId(id: string): CategoryRef | undefined;
  /** The categories whose parent is `parentId` (null: the roots). */
  childrenOf(parentId: string | null): CategoryRef[];
}

/** The catalog's category tree in memory: lookups by slug and id, children, and paths to the root. */
export class CategoryTree implements CategoryDirectory {
  private readonly ids = new Map<string, CategoryRef>();
  private readonly slugs = new Map<string, CategoryRef>();
  private readonly children = new Map<string | null, CategoryRef[]>();

  constructor(categories: readonly CategoryRef[]) {
    for (const category of categories) {
      this.ids.set(category.id, category);
      this.slugs.set(category.slug, category);
    }
    for (const category of categories) {
      // A parent the tree does not hold makes its child a root.
      const parent = category.parentId !== null && this.ids.has(category.parentId) ? category.parentId : null;
      const siblings = this.children.get(parent) ?? [];
      siblings.push(category);
      this.children.set(parent, siblings);
    }
    for (const siblings of this.children.values()) siblings.sort((a, b) => a.name.localeCompare(b.name));
  }

  get size(): number {
    return this.ids.size;
  }

  bySlug(slug: string): CategoryRef | undefined {
    return this.slugs.get(slug);
  }

  byId(id: string): CategoryRef | undefined {
    return this.ids.get(id);
  }

  childrenOf(parentId: string | null): CategoryRef[] {
    return this.children.get(parentId) ?? [];
  }

  /** The category and its ancestors, root first; [] for an unknown id. A cycle stops at the repeat. */
  pathTo(id: string): CategoryRef[] {
    const path: CategoryRef[] = [];
    const seen = new Set<string>();
    let current = this.ids.get(id);
    while (current && !seen.has(current.id)) {
      seen.add(current.id);
      path.unshift(current);
      current = current.parentId === null ? undefined : this.ids.get(current.parentId);
    }
    return path;
  }
}
