import { describe, expect, it } from 'vitest';
import { newestFirstCursor } from './pagination.js';

describe('newestFirstCursor', () => {
  const orders = newestFirstCursor('o');
  const checkouts = newestFirstCursor('k');
  const cursor = { createdAt: new Date('2026-01-02T03:04:05.678Z'), id: '7c9e6679-7425-40de-944b-e07fc1f90ae7' };

  it('round-trips a position', () => {
    expect(orders.decode(orders.encode(cursor))).toEqual(cursor);
  });

  it("refuses another listing's cursor, a broken one, a bad date or a non-uuid id", () => {
    expect(checkouts.decode(orders.encode(cursor))).toBeUndefined();
    const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const bad of ['garbage', raw(['o', 'not a date', cursor.id]), raw(['o', cursor.createdAt.toISOString(), 'x']), raw(['o', 1])]) {
      expect(orders.decode(bad), bad).toBeUndefined();
    }
  });
});
