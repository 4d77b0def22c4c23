import { describe, expect, it } from 'vitest';
import { decodeOrderCursor, encodeOrderCursor } from './order-cursor.js';

describe('order cursors', () => {
  it('round-trips and refuses foreign or broken cursors', () => {
    const cursor = { createdAt: new Date('2026-01-02T03:04:05.678Z'), id: '7c9e6679-7425-40de-944b-e07fc1f90ae7' };
    expect(decodeOrderCursor(encodeOrderCursor(cursor))).toEqual(cursor);
    const foreign = Buffer.from(JSON.stringify(['newest', '2026-01-01', cursor.id])).toString('base64url');
    for (const bad of ['garbage', foreign, Buffer.from('["o","not a date","x"]').toString('base64url')]) {
      expect(decodeOrderCursor(bad), bad).toBeUndefined();
    }
  });
});
