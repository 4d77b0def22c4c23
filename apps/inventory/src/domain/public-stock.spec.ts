import { describe, expect, it } from 'vitest';
import { availableRangeOf, publicStockOf } from './public-stock.js';

describe('publicStockOf', () => {
  it('says sold out at zero, gives the count when low, and hides it above the threshold', () => {
    expect(publicStockOf('A', 0, 5)).toEqual({ sku: 'A', level: 'sold_out', available: 0 });
    expect(publicStockOf('A', 1, 5)).toEqual({ sku: 'A', level: 'low', available: 1 });
    expect(publicStockOf('A', 5, 5)).toEqual({ sku: 'A', level: 'low', available: 5 });
    expect(publicStockOf('A', 6, 5)).toEqual({ sku: 'A', level: 'in_stock', available: null });
  });
});

describe('availableRangeOf', () => {
  const inRange = (available: number, range: { min: number | null; max: number | null }) =>
    (range.min === null || available >= range.min) && (range.max === null || available <= range.max);

  it('covers exactly the counts publicStockOf gives that level', () => {
    for (const threshold of [0, 1, 5]) {
      for (let available = -1; available <= threshold + 3; available++) {
        const level = publicStockOf('A', available, threshold).level;
        for (const candidate of ['in_stock', 'low', 'sold_out'] as const) {
          expect(inRange(available, availableRangeOf(candidate, threshold)), `${available} of ${threshold} as ${candidate}`).toBe(candidate === level);
        }
      }
    }
  });
});
