import type { CategoryNode } from '@shop/contracts';

/** The category with this slug and its parent (null for a top-level one), anywhere in the tree. */
export function findCategory(tree: readonly CategoryNode[], slug: string, parent: CategoryNode | null = null): { node: CategoryNode; parent: CategoryNode | null } | null {
  for (const node of tree) {
    if (node.slug === slug) return { node, parent };
    const inside = findCategory(node.children, slug, node);
    if (inside) return inside;
  }
  return null;
}

/** The first category (depth first) among `ids`, with its parent, for a product's breadcrumb. */
export function findCategoryById(tree: readonly CategoryNode[], ids: readonly string[], parent: CategoryNode | null = null): { node: CategoryNode; parent: CategoryNode | null } | null {
  for (const node of tree) {
    if (ids.includes(node.id)) return { node, parent };
    const inside = findCategoryById(node.children, ids, node);
    if (inside) return inside;
  }
  return null;
}

/**
 * Category pages by name (lower-cased), for names that name one category only: the search box's
 * category suggestions carry a name, and a name two categories share is left to a search.
 */
export function categoryPagesByName(tree: readonly CategoryNode[]): Record<string, string> {
  const slugs = new Map<string, string | null>();
  const visit = (nodes: readonly CategoryNode[]): void => {
    for (const node of nodes) {
      const name = node.name.toLowerCase();
      slugs.set(name, slugs.has(name) ? null : node.slug);
      visit(node.children);
    }
  };
  visit(tree);
  const pages: Record<string, string> = {};
  for (const [name, slug] of slugs) if (slug !== null) pages[name] = slug;
  return pages;
}
