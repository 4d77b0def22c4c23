import type { Category, CategoryNode } from '@shop/contracts';

/** Arranges flat categories into a tree ordered by position then name. */
export function buildCategoryTree(categories: readonly Category[]): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>(categories.map((c) => [c.id, { ...c, children: [] }]));
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const order = (list: CategoryNode[]) => {
    list.sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
    list.forEach((n) => order(n.children));
  };
  order(roots);
  return roots;
}

/** A category and all its descendants: filtering by "Apparel" includes "T-Shirts". */
export function withDescendants(categories: readonly Category[], rootId: string): string[] {
  const byParent = new Map<string, string[]>();
  for (const c of categories) {
    if (c.parentId) byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c.id]);
  }
  const out: string[] = [];
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.includes(id)) continue; // a cycle in bad data must not loop forever
    out.push(id);
    stack.push(...(byParent.get(id) ?? []));
  }
  return out;
}

/** Refuses a parent that would make the tree cyclic. */
export function wouldCreateCycle(categories: readonly Category[], id: string, newParentId: string | null): boolean {
  if (newParentId === null) return false;
  return withDescendants(categories, id).includes(newParentId);
}
