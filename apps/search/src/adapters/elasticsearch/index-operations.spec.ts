import type { estypes } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import type { SearchDocument } from '../../domain/search-document.js';
import { aliasSwapActions, batches, bulkDeleteOperations, bulkFailures, bulkUpsertOperations, timestampedIndexName } from './index-operations.js';

const doc = (productId: string, version: number): SearchDocument => ({
  productId,
  slug: productId,
  title: 'Tee',
  description: '',
  variantNames: [],
  skus: [],
  categoryIds: [],
  categoryNames: [],
  attributes: {},
  currency: 'EUR',
  priceMin: 100,
  priceMax: 100,
  listPrices: {},
  priceNow: 100,
  salePrice: null,
  inStock: true,
  image: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  version,
});

describe('bulk operations', () => {
  it('index each document under its productId with its version as an external (>=) version', () => {
    const a = doc('p-1', 3);
    const b = doc('p-2', 7);
    expect(bulkUpsertOperations('shop-products', [a, b])).toEqual([
      { index: { _index: 'shop-products', _id: 'p-1', version: 3, version_type: 'external_gte' } },
      a,
      { index: { _index: 'shop-products', _id: 'p-2', version: 7, version_type: 'external_gte' } },
      b,
    ]);
    expect(bulkDeleteOperations('shop-products-2', ['p-1'])).toEqual([{ delete: { _index: 'shop-products-2', _id: 'p-1' } }]);
  });

  it('split into batches', () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(batches([], 2)).toEqual([]);
  });

  it('fail only on real errors: an older version (409) and a delete of a missing document are expected', () => {
    const item = (action: string, status: number, error?: string) => ({
      [action]: { _index: 'i', _id: `id-${status}`, status, ...(error ? { error: { type: error, reason: 'why' } } : {}) },
    });
    const response = {
      took: 1,
      errors: true,
      items: [item('index', 201), item('index', 409, 'version_conflict_engine_exception'), item('delete', 404), item('index', 400, 'mapper_parsing_exception')],
    } as unknown as estypes.BulkResponse;
    expect(bulkFailures(response)).toEqual(['index id-400: mapper_parsing_exception why']);
    expect(bulkFailures({ ...response, errors: false })).toEqual([]);
  });
});

describe('the alias swap', () => {
  it('removes the alias from every old index and adds it to the new one in one action list', () => {
    expect(aliasSwapActions('shop-products', ['shop-products-initial', 'shop-products-x'], 'shop-products-20261205')).toEqual([
      { remove: { index: 'shop-products-initial', alias: 'shop-products' } },
      { remove: { index: 'shop-products-x', alias: 'shop-products' } },
      { add: { index: 'shop-products-20261205', alias: 'shop-products' } },
    ]);
  });

  it('names a rebuilt index <alias>-<UTC timestamp>', () => {
    expect(timestampedIndexName('shop-products', new Date('2026-12-05T08:15:30.123Z'))).toBe('shop-products-20261205081530123');
  });
});
