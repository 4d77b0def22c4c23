import { describe, expect, it } from 'vitest';
import { bucketsBetween, bucketStart, lastBuckets, MINUTE_MS, SECOND_MS } from './time-buckets.js';

const at = (iso: string) => Date.parse(iso);

describe('time buckets', () => {
  it('puts an instant in the bucket that starts at or before it', () => {
    expect(bucketStart(at('2026-12-05T12:34:56.789Z'), MINUTE_MS)).toBe(at('2026-12-05T12:34:00Z'));
    expect(bucketStart(at('2026-12-05T12:34:00.000Z'), MINUTE_MS)).toBe(at('2026-12-05T12:34:00Z'));
    expect(bucketStart(at('2026-12-05T12:34:56.789Z'), SECOND_MS)).toBe(at('2026-12-05T12:34:56Z'));
  });

  it('lists the last n buckets up to the current one, oldest first', () => {
    expect(lastBuckets(at('2026-12-05T12:34:56Z'), MINUTE_MS, 3)).toEqual([at('2026-12-05T12:32:00Z'), at('2026-12-05T12:33:00Z'), at('2026-12-05T12:34:00Z')]);
  });

  it('lists the buckets between two instants, both ends included', () => {
    expect(bucketsBetween(at('2026-12-05T12:00:30Z'), at('2026-12-05T12:02:10Z'), MINUTE_MS)).toEqual([
      at('2026-12-05T12:00:00Z'),
      at('2026-12-05T12:01:00Z'),
      at('2026-12-05T12:02:00Z'),
    ]);
    expect(bucketsBetween(at('2026-12-05T12:02:00Z'), at('2026-12-05T12:01:00Z'), MINUTE_MS)).toEqual([]);
  });
});
