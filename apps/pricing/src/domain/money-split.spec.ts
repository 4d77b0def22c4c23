import { describe, expect, it } from 'vitest';
import { percentOf, spreadProportionally } from './money-split.js';

describe('percentOf', () => {
  it('rounds half up to a minor unit', () => {
    expect(percentOf(1000, 15)).toBe(150);
    expect(percentOf(999, 15)).toBe(150); // 149.85
    expect(percentOf(10, 15)).toBe(2); // 1.5 → 2
    expect(percentOf(9, 15)).toBe(1); // 1.35 → 1
    expect(percentOf(1, 50)).toBe(1); // 0.5 → 1
    expect(percentOf(1, 49)).toBe(0);
    expect(percentOf(12345, 100)).toBe(12345);
  });
});

describe('spreadProportionally', () => {
  it('gives each base its proportional share, rounded down, the remainder to the largest, adding up exactly', () => {
    const shares: number[] = [];
    expect(spreadProportionally(1000, [3000, 1000, 2000], shares)).toBe(1000);
    expect(shares).toEqual([501, 166, 333]); // 500 + 166.67 + 333.33: floors 500/166/333, the 1 left to the largest
    expect(shares.reduce((a, b) => a + b)).toBe(1000);
  });

  it('never gives a line more than its base and caps the total at the sum of the bases', () => {
    const shares: number[] = [];
    expect(spreadProportionally(5000, [300, 200], shares)).toBe(500);
    expect(shares).toEqual([300, 200]);
    expect(spreadProportionally(2, [1, 1, 1], shares)).toBe(2);
    expect(shares.every((s, i) => s <= [1, 1, 1][i]!)).toBe(true);
    expect(shares.reduce((a, b) => a + b)).toBe(2);
  });

  it('stays exact beyond 2^53 intermediate products', () => {
    const shares: number[] = [];
    const big = 900_000_000_000;
    expect(spreadProportionally(big - 1, [big, big], shares)).toBe(big - 1);
    expect(shares[0]! + shares[1]!).toBe(big - 1);
  });

  it('spreads nothing over nothing', () => {
    const shares: number[] = [];
    expect(spreadProportionally(100, [0, 0], shares)).toBe(0);
    expect(shares).toEqual([0, 0]);
  });
});
