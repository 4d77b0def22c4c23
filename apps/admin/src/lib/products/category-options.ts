import type { CategoryNode } from '@shop/contracts';

export interface CategoryOption {
  id: string;
  slug: string;
  /** `Apparel › T-shirts`. */
  label: string;
}

/** The category tree as a flat list in tree order, each named with its ancestors, for pickers and filters. */
export function categoryOptionsOf(tree: readonly CategoryNode[], ancestors: readonly string[] = []): CategoryOption[] {
  return tree.flatMap((node) => {
    const path = [...ancestors, node.name];
    return [{ id: node.id, slug: node.slug, label: path.join(' › ') }, ...categoryOptionsOf(node.children, path)];
  });
}
