import { describe, expect, it } from 'vitest';
import { publicStockOf } from './public-stock.js';

describe('publicStockOf', () => {
  it('says sold out at zero, gives the count when low, and hides it above the threshold', () => {
    expect(publicStockOf('A', 0, 5)).toEqual({ sku: 'A', level: 'sold_out', available: 0 });
    expect(publicStockOf('A', 1, 5)).toEqual({ sku: 'A', level: 'low', available: 1 });
    expect(publicStockOf('A', 5, 5)).toEqual({ sku: 'A', level: 'low', available: 5 });
    expect(publicStockOf('A', 6, 5)).toEqual({ sku: 'A', level: 'in_stock', available: null });
  });
});
