import type { ProductSort } from '@shop/contracts';

/**
 * Keyset pagination: the cursor is the sort key and id of the last item of a page, so a page
 * costs an index range scan whatever its depth, and inserts do not shift later pages.
 */
export interface ProductCursor {
  sort: ProductSort;
  key: string | number;
  id: string;
}

export function encodeCursor(cursor: ProductCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id])).toString('base64url');
}

/** Returns undefined for a cursor that was not made by encodeCursor for this sort. */
export function decodeCursor(raw: string, sort: ProductSort): ProductCursor | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3) return undefined;
    const [s, key, id] = parsed as unknown[];
    if (s !== sort || typeof id !== 'string') return undefined;
    if (typeof key !== 'string' && typeof key !== 'number') return undefined;
    return { sort, key, id };
  } catch {
    return undefined;
  }
}

/** The sort key of a product row for a given sort. */
export function sortKeyOf(sort: ProductSort, row: { createdAt: string; title: string; minPrice: number }): string | number {
  switch (sort) {
    case 'newest':
      return row.createdAt;
    case 'title':
      return row.title;
    case 'price_asc':
    case 'price_desc':
      return row.minPrice;
  }
}
