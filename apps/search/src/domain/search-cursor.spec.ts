import { SearchQuery } from '@shop/contracts';
import { describe, expect, it } from 'vitest';
import { cursorTag, decodeSearchCursor, effectiveSort, encodeSearchCursor } from './search-cursor.js';

const ID = 'a0000000-0000-4000-8000-000000000001';

describe('search cursors', () => {
  it('round-trips a position under the same tag', () => {
    const tag = cursorTag(SearchQuery.parse({ q: 'tee', size: 'M' }), 'price_asc');
    expect(decodeSearchCursor(encodeSearchCursor(tag, { value: 1999, productId: ID }), tag)).toEqual({ value: 1999, productId: ID });
    expect(decodeSearchCursor(encodeSearchCursor(tag, { value: 0.123, productId: ID }), tag)).toEqual({ value: 0.123, productId: ID });
    expect(decodeSearchCursor(encodeSearchCursor(tag, { value: '2026-01-01T00:00:00.000Z', productId: ID }), tag)?.value).toBe('2026-01-01T00:00:00.000Z');
  });

  it('tags by sort and by every part of the query but the page', () => {
    const base = SearchQuery.parse({ q: 'tee', size: 'M' });
    const tag = cursorTag(base, 'price_asc');
    expect(cursorTag(SearchQuery.parse({ q: 'tee', size: 'M', limit: '5', cursor: 'x' }), 'price_asc')).toBe(tag);
    for (const other of [{ q: 'tees', size: 'M' }, { q: 'tee', size: 'L' }, { q: 'tee', size: 'M', inStock: 'true' }, { q: 'tee', size: 'M', minPrice: '1' }]) {
      expect(cursorTag(SearchQuery.parse(other), 'price_asc')).not.toBe(tag);
    }
    expect(cursorTag(base, 'price_desc')).not.toBe(tag);
  });

  it('refuses a cursor of another tag, a malformed one and a bad product id', () => {
    const cursor = encodeSearchCursor('price_asc.1', { value: 1, productId: ID });
    expect(decodeSearchCursor(cursor, 'price_desc.1')).toBeUndefined();
    expect(decodeSearchCursor('not-json', 'price_asc.1')).toBeUndefined();
    expect(decodeSearchCursor(encodeSearchCursor('t', { value: 1, productId: 'x' }), 't')).toBeUndefined();
    expect(decodeSearchCursor(Buffer.from(JSON.stringify(['t', { a: 1 }, ID])).toString('base64url'), 't')).toBeUndefined();
  });

  it('sorts by relevance with text and newest without, unless told', () => {
    expect(effectiveSort({ q: 'tee' }, true)).toBe('relevance');
    expect(effectiveSort({ q: '' }, false)).toBe('newest');
    expect(effectiveSort({ q: '', sort: 'relevance' }, false)).toBe('newest');
    expect(effectiveSort({ q: '', sort: 'price_asc' }, false)).toBe('price_asc');
  });
});
