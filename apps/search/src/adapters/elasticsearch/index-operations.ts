import type { estypes } from '@elastic/elasticsearch';
import type { SearchDocument } from '../../domain/search-document.js';

/** Documents per `_bulk` request: a few MB at most, and a failure names a small batch. */
export const BULK_BATCH = 500;

/**
 * `_bulk` operations writing documents with external versioning: Elasticsearch keeps the higher
 * of the stored and the written version. `external_gte` (not `external`) because a price or stock
 * change rewrites a document at the same catalog version; an older version is refused (409).
 */
export function bulkUpsertOperations(index: string, documents: readonly SearchDocument[]): estypes.BulkRequest['operations'] {
  return documents.flatMap((document) => [
    { index: { _index: index, _id: document.productId, version: document.version, version_type: 'external_gte' as const } },
    document,
  ]);
}

export function bulkDeleteOperations(index: string, productIds: readonly string[]): estypes.BulkRequest['operations'] {
  return productIds.map((id) => ({ delete: { _index: index, _id: id } }));
}

export function batches<T>(items: readonly T[], size = BULK_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The failures of a bulk response that matter: a version conflict (an older document than the
 * stored one) and a delete of a missing document are the expected outcomes, not errors.
 */
export function bulkFailures(response: estypes.BulkResponse): string[] {
  if (!response.errors) return [];
  const failures: string[] = [];
  for (const item of response.items) {
    for (const [action, result] of Object.entries(item)) {
      if (!result?.error || result.status === 409 || (action === 'delete' && result.status === 404)) continue;
      failures.push(`${action} ${result._id ?? '?'}: ${result.error.type} ${result.error.reason ?? ''}`.trim());
    }
  }
  return failures;
}

/** One atomic `_aliases` call: the alias leaves every old index and points at the new one. */
export function aliasSwapActions(alias: string, oldIndexes: readonly string[], newIndex: string): estypes.IndicesUpdateAliasesAction[] {
  return [...oldIndexes.filter((old) => old !== newIndex).map((old) => ({ remove: { index: old, alias } })), { add: { index: newIndex, alias } }];
}

/** `<alias>-<UTC timestamp to the millisecond>`, lower-case as index names must be. */
export function timestampedIndexName(alias: string, at: Date): string {
  const digits = at.toISOString().replace(/[^0-9]/g, '');
  return `${alias}-${digits}`;
}
