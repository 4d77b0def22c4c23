import { describe, expect, it } from 'vitest';
import { MAX_SKUS_PER_PRICES_CALL, priceCalls } from './pricing';

describe('priceCalls', () => {
  it('asks once for a page of up to 100 SKUs, and splits only beyond the API limit', () => {
    expect(priceCalls(['A-1', 'A-2', 'A-1'])).toEqual([['A-1', 'A-2']]);
    const many = Array.from({ length: 230 }, (_, i) => `S-${i}`);
    const calls = priceCalls(many);
    expect(calls.map((c) => c.length)).toEqual([MAX_SKUS_PER_PRICES_CALL, MAX_SKUS_PER_PRICES_CALL, 30]);
    expect(calls.flat()).toEqual(many);
    expect(priceCalls([])).toEqual([]);
  });
});
