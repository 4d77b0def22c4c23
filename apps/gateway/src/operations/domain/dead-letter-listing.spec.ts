import { describe, expect, it } from 'vitest';
import { decodeListingCursor, encodeListingCursor, mergePage, newestFirst, readFrom, type ListingPosition } from './dead-letter-listing.js';

const at = (id: string, stream: string): ListingPosition => ({ id, stream });

/** Reads one stream as the repository would: newest first, from the position readFrom gives. */
function read(letters: readonly ListingPosition[], stream: string, cursor: ListingPosition | undefined, count: number): ListingPosition[] {
  const { from, exclusive } = readFrom(stream, cursor);
  return letters
    .filter((l) => l.stream === stream)
    .sort(newestFirst)
    .filter((l) => from === undefined || (exclusive ? newestFirst(at(from, stream), l) < 0 : newestFirst(at(from, stream), l) <= 0))
    .slice(0, count);
}

describe('the dead-letter listing across streams', () => {
  it('orders by entry time (numerically, not as text), then sequence, then stream name', () => {
    const sorted = [at('999-0', 'events.a'), at('1000-1', 'events.a'), at('1000-0', 'events.b'), at('1000-0', 'events.c')].sort(newestFirst);
    expect(sorted).toEqual([at('1000-1', 'events.a'), at('1000-0', 'events.c'), at('1000-0', 'events.b'), at('999-0', 'events.a')]);
  });

  it('round-trips cursors and refuses strings it did not make', () => {
    expect(decodeListingCursor(encodeListingCursor(at('17-3', 'events.orders')))).toEqual(at('17-3', 'events.orders'));
    expect(decodeListingCursor('17-3')).toBeUndefined();
    expect(decodeListingCursor('x~events.orders')).toBeUndefined();
    expect(decodeListingCursor('17-3~')).toBeUndefined();
  });

  it('pages through every letter exactly once, ties between streams included', () => {
    const streams = ['events.a', 'events.b', 'events.c'];
    const letters: ListingPosition[] = [];
    for (let ms = 1; ms <= 7; ms++) for (const s of streams) if ((ms + s.length) % 2 === 0 || s === 'events.b') letters.push(at(`${ms}-0`, s));
    letters.push(at('5-1', 'events.c'), at('5-0', 'events.a'));
    const seen: ListingPosition[] = [];
    let cursor: ListingPosition | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const page = mergePage(streams.map((s) => read(letters, s, cursor, 3 + 1)), 3);
      seen.push(...page.items);
      if (!page.nextCursor) break;
      cursor = decodeListingCursor(page.nextCursor);
    }
    const unique = new Map(letters.map((l) => [encodeListingCursor(l), l]));
    expect(seen).toEqual([...unique.values()].sort(newestFirst));
  });

  it('says there is no next page when the streams hold exactly one page', () => {
    expect(mergePage([[at('2-0', 'events.a')], [at('1-0', 'events.b')]], 2)).toEqual({ items: [at('2-0', 'events.a'), at('1-0', 'events.b')], nextCursor: null });
  });
});
