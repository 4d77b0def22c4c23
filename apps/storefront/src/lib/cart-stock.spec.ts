import { describe, expect, it } from 'vitest';
import { checkoutHold, checkoutHoldText, knownAvailable, quantityCap, stockProblemText, stockProblems, type ShopperStock, type StockCheckedLine } from './cart-stock';

const inStock: ShopperStock = { level: 'in_stock', available: null };
const low = (n: number): ShopperStock => ({ level: 'low', available: n });
const soldOut: ShopperStock = { level: 'sold_out', available: 0 };
const line = (sku: string, quantity: number, status: StockCheckedLine['status'] = 'available'): StockCheckedLine => ({ sku, quantity, status });

describe('knownAvailable', () => {
  it('knows the count only when the public level names it', () => {
    expect(knownAvailable(low(5))).toBe(5);
    expect(knownAvailable(soldOut)).toBe(0);
    expect(knownAvailable({ level: 'sold_out', available: null })).toBe(0);
    // Above the low threshold the public never learns how many: no number to cap at.
    expect(knownAvailable(inStock)).toBeUndefined();
    expect(knownAvailable({ level: 'low', available: null })).toBeUndefined();
    expect(knownAvailable(undefined)).toBeUndefined();
  });
});

describe('quantityCap', () => {
  it('offers the smallest known cap, else the default', () => {
    expect(quantityCap([])).toBe(10);
    expect(quantityCap([undefined, undefined])).toBe(10);
    expect(quantityCap([5])).toBe(5);
    // A sale's per-customer limit and the units left: whichever is smaller.
    expect(quantityCap([2, 5])).toBe(2);
    expect(quantityCap([4, 3])).toBe(3);
    expect(quantityCap([undefined, 3])).toBe(3);
    // A sale limit above the default is offered in full (the cart's existing behaviour).
    expect(quantityCap([12, undefined])).toBe(12);
    expect(quantityCap([0])).toBe(0);
    expect(quantityCap([], 1)).toBe(1);
  });
});

describe('stockProblems', () => {
  it('flags sold-out lines and lines above the units left, and nothing it cannot know', () => {
    const stock = new Map<string, ShopperStock>([
      ['GONE', soldOut],
      ['FEW', low(5)],
      ['EXACT', low(3)],
      ['MANY', inStock],
      ['VAGUE', { level: 'low', available: null }],
    ]);
    const lines = [line('GONE', 1), line('FEW', 8), line('EXACT', 3), line('MANY', 40), line('VAGUE', 9), line('UNREAD', 7)];
    expect(stockProblems(lines, stock)).toEqual(
      new Map([
        ['GONE', { kind: 'sold_out' }],
        ['FEW', { kind: 'over_stock', available: 5 }],
      ]),
    );
  });

  it('leaves out lines no longer sold (flagged as such) and SKUs the shopper holds', () => {
    const stock = new Map([
      ['OLD', soldOut],
      ['HELD', soldOut],
    ]);
    expect(stockProblems([line('OLD', 1, 'unavailable'), line('HELD', 1)], stock, new Set(['HELD'])).size).toBe(0);
  });

  it('says nothing when the stock could not be read', () => {
    expect(stockProblems([line('A', 99)], new Map()).size).toBe(0);
  });
});

describe('checkoutHold', () => {
  const stock = new Map([['GONE', soldOut]]);

  it('holds checkout while a line is sold out or above the units left', () => {
    const lines = [line('OK', 1), line('GONE', 1)];
    expect(checkoutHold(lines, stockProblems(lines, stock))).toBe('stock');
    const fixed = [line('OK', 1)];
    expect(checkoutHold(fixed, stockProblems(fixed, stock))).toBeNull();
  });

  it('holds checkout for a line no longer sold first, then stock, then a sale limit', () => {
    const lines = [line('OLD', 1, 'unavailable'), line('GONE', 1), line('SALE', 3)];
    const limits = new Map([['SALE', 2]]);
    expect(checkoutHold(lines, stockProblems(lines, stock), limits)).toBe('unavailable');
    expect(checkoutHold(lines.slice(1), stockProblems(lines.slice(1), stock), limits)).toBe('stock');
    expect(checkoutHold(lines.slice(2), stockProblems(lines.slice(2), stock), limits)).toBe('sale_limit');
    expect(checkoutHold([line('SALE', 2)], new Map(), limits)).toBeNull();
  });
});

describe('the words', () => {
  it('says what is wrong with a line and what to do', () => {
    expect(stockProblemText({ kind: 'sold_out' })).toBe('Sold out — remove it to check out');
    expect(stockProblemText({ kind: 'over_stock', available: 5 })).toBe('Only 5 left — lower the quantity');
    expect(checkoutHoldText('stock')).toMatch(/sold out or have fewer left/);
    expect(checkoutHoldText('unavailable')).toBe('Remove the items that are no longer available to check out.');
    expect(checkoutHoldText('sale_limit')).toBe('Lower the quantity of a sale item to its limit to check out.');
  });
});
