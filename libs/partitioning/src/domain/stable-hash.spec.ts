import { describe, expect, it } from 'vitest';
import { MAX_PARTITIONS, fmix32, fnv1a32, partitionOf, stableHash32 } from './stable-hash.js';

/** The textbook FNV-1a over Node's own UTF-8 encoder, to check the inline encoder against. */
function referenceFnv1a32(key: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) h = Math.imul(h ^ byte, 0x01000193);
  return h >>> 0;
}

describe('fnv1a32', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('hashes the UTF-8 bytes (multi-byte, astral and lone surrogates like TextEncoder)', () => {
    const samples = ['café', '☕', '😀', 'sku-ü-😀-end', '\ud800', 'a\udc00b', '\ud83d'];
    for (let i = 0; i < 2_000; i++) {
      samples.push(String.fromCharCode(...Array.from({ length: 1 + (i % 9) }, (_, k) => (i * 7919 + k * 104_729) % 0x10000)));
    }
    for (const s of samples) expect(fnv1a32(s), JSON.stringify(s)).toBe(referenceFnv1a32(s));
  });
});

describe('stableHash32 and partitionOf', () => {
  // Frozen: these values are the routing protocol between processes and versions.
  it.each([
    ['', 2872998923, 11],
    ['a', 444641715, 51],
    ['foobar', 202221276, 28],
    ['SKU-0001', 2440025998, 14],
    ['SKU-0002', 3026811502, 46],
    ['tee-black-m', 2986043793, 17],
    ['café-☕', 4045693534, 30],
    ['😀', 855877642, 10],
  ])('hash(%j) = %i, partition of 64 = %i', (key, hash, partition) => {
    expect(stableHash32(key)).toBe(hash);
    expect(partitionOf(key, 64)).toBe(partition);
    expect(partitionOf(key, 1)).toBe(0);
    expect(partitionOf(key, 1000)).toBe(hash % 1000);
  });

  it('fmix32 is the murmur3 finalizer', () => {
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(0x514e28b7);
  });

  it('spreads 10,000 sequential SKUs evenly over 64 partitions', () => {
    const counts = new Array<number>(64).fill(0);
    for (let i = 0; i < 10_000; i++) counts[partitionOf(`SKU-${String(i).padStart(5, '0')}`, 64)]! += 1;
    const max = Math.max(...counts);
    const min = Math.min(...counts);
    // Mean 156; a uniform hash stays well within ±20 %.
    expect(min).toBeGreaterThan(0);
    expect(max / min).toBeLessThan(1.5);
  });

  it('spreads random-looking SKUs over 1,024 partitions', () => {
    const counts = new Array<number>(1024).fill(0);
    for (let i = 0; i < 100_000; i++) counts[partitionOf(`p${i * 31}-v${i % 7}-${(i * 2654435761) >>> 0}`, 1024)]! += 1;
    expect(Math.min(...counts)).toBeGreaterThan(97 * 0.6);
    expect(Math.max(...counts)).toBeLessThan(97 * 1.4);
  });

  it('refuses partition counts that are not integers from 1 to MAX_PARTITIONS', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, MAX_PARTITIONS + 1]) expect(() => partitionOf('x', bad)).toThrow(RangeError);
    expect(partitionOf('x', MAX_PARTITIONS)).toBeLessThan(MAX_PARTITIONS);
  });
});
