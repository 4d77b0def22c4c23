import { describe, expect, it } from 'vitest';
import { deadLetterKey, streamKey } from './stream-keys.js';

/** Redis Cluster's rule: only the first `{...}` with something inside it is hashed. */
function hashTag(key: string): string {
  const open = key.indexOf('{');
  const close = key.indexOf('}', open + 1);
  return open >= 0 && close > open + 1 ? key.slice(open + 1, close) : key;
}

describe('stream keys', () => {
  it('puts the prefix first and the stream name in a hash tag', () => {
    expect(streamKey('t:run1:', 'events.catalog')).toBe('t:run1:{events.catalog}');
    expect(deadLetterKey('t:run1:', 'events.catalog')).toBe('t:run1:{events.catalog}.dead');
  });

  it('keeps a stream and its dead letters in one cluster slot, and streams apart', () => {
    expect(hashTag(deadLetterKey('p:', 'events.orders'))).toBe(hashTag(streamKey('p:', 'events.orders')));
    expect(hashTag(streamKey('p:', 'events.orders'))).not.toBe(hashTag(streamKey('p:', 'events.catalog')));
  });

  it('rejects names that would break the hash tag or the naming scheme', () => {
    expect(() => streamKey('p:', 'events.{catalog}')).toThrow(/Invalid stream name/);
    expect(() => streamKey('p:', 'Events.Catalog')).toThrow(/Invalid stream name/);
    expect(() => streamKey('p:', '')).toThrow(/Invalid stream name/);
  });
});
