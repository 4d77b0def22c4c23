/**
 * A product's categories with every ancestor, from the catalog's category tree given as
 * child → parent links: a promotion on "Clothing" covers a product filed under "Clothing > Tees".
 * Unknown ids are kept as they are (their ancestors are unknown); a cycle cannot loop forever.
 */
export function withAncestors(categoryIds: readonly string[], parentOf: ReadonlyMap<string, string | null>): string[] {
  const out = new Set<string>();
  for (const id of categoryIds) {
    let current: string | null | undefined = id;
    while (current && !out.has(current)) {
      out.add(current);
      current = parentOf.get(current);
    }
  }
  return [...out];
}

/** Category ids among `categoryIds` the tree does not know (the tree must be re-read). */
export function unknownCategories(categoryIds: readonly string[], parentOf: ReadonlyMap<string, string | null>): string[] {
  return categoryIds.filter((id) => !parentOf.has(id));
}
