import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './product-cursor.js';

describe('product cursor', () => {
  it('round-trips for the same sort', () => {
    const c = { sort: 'price_asc' as const, key: 1299, id: 'abc' };
    expect(decodeCursor(encodeCursor(c), 'price_asc')).toEqual(c);
  });
  it('is refused for another sort or garbage', () => {
    const raw = encodeCursor({ sort: 'title', key: 'Boot', id: 'x' });
    expect(decodeCursor(raw, 'newest')).toBeUndefined();
    expect(decodeCursor('not-a-cursor', 'title')).toBeUndefined();
    expect(decodeCursor(Buffer.from('{"a":1}').toString('base64url'), 'title')).toBeUndefined();
  });
});
