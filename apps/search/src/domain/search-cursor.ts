import type { SearchQuery, SearchSort } from '@shop/contracts';

/**
 * The opaque cursor of a search page: the last hit's sort value and productId (a keyset), tagged
 * with the sort and a fingerprint of the query's text and filters, so a cursor of another sort or
 * query is refused instead of silently skipping or repeating hits.
 */
export interface SearchPosition {
  /** Relevance score, price (minor units) or creation instant (ISO), as the sort orders by. */
  value: number | string;
  productId: string;
}

/** The sort a query runs with: relevance with text, newest without (relevance means nothing then). */
export function effectiveSort(query: Pick<SearchQuery, 'q' | 'sort'>, hasText: boolean): SearchSort {
  if (!hasText) return query.sort === undefined || query.sort === 'relevance' ? 'newest' : query.sort;
  return query.sort ?? 'relevance';
}

/** The tag a cursor carries: the sort plus a hash of everything that decides the result set. */
export function cursorTag(query: SearchQuery, sort: SearchSort): string {
  const shape = JSON.stringify([
    query.q,
    query.category ?? null,
    query.minPrice ?? null,
    query.maxPrice ?? null,
    query.inStock ?? null,
    query.size ?? null,
    query.colour ?? null,
  ]);
  return `${sort}.${fnv1a(shape)}`;
}

export function encodeSearchCursor(tag: string, position: SearchPosition): string {
  return Buffer.from(JSON.stringify([tag, position.value, position.productId])).toString('base64url');
}

/** The position a cursor holds, or undefined when it is malformed or was made for another tag. */
export function decodeSearchCursor(raw: string, tag: string): SearchPosition | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3) return undefined;
    const [seen, value, productId] = parsed as unknown[];
    if (seen !== tag || typeof productId !== 'string' || !UUID.test(productId)) return undefined;
    if (typeof value === 'number' && Number.isFinite(value)) return { value, productId };
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return { value, productId };
    return undefined;
  } catch {
    return undefined;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** FNV-1a, 32 bits, hex: a short fingerprint (not a security measure; a cursor grants nothing). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
