import { describe, expect, it } from 'vitest';
import { formatMinorUnits, formatMoney, formatPriceRange } from './money';

describe('formatMoney', () => {
  it('formats euro cents the shop way', () => {
    expect(formatMoney({ amount: 3999, currency: 'EUR' })).toBe('€39.99');
    expect(formatMoney({ amount: 5, currency: 'EUR' })).toBe('€0.05');
    expect(formatMoney({ amount: 0, currency: 'EUR' })).toBe('€0.00');
    expect(formatMoney({ amount: 123456789, currency: 'EUR' })).toBe('€1,234,567.89');
  });

  it('never goes through floats: amounts floats cannot add exactly stay exact', () => {
    // 0.1 + 0.2 territory: 1001 + 2002 cents, and a sum near the float precision edge.
    expect(formatMinorUnits(1001 + 2002, 'EUR')).toBe('€30.03');
    expect(formatMinorUnits(Number.MAX_SAFE_INTEGER, 'EUR')).toBe('€90,071,992,547,409.91');
  });

  it('uses the currency’s own number of decimals', () => {
    expect(formatMinorUnits(1500, 'JPY')).toBe('JP¥1,500');
    expect(formatMinorUnits(1500, 'USD')).toBe('US$15.00');
    expect(formatMinorUnits(1500, 'EUR', 'de-DE')).toBe('15,00\u00a0€');
  });

  it('formats negative amounts (refunds, discounts)', () => {
    expect(formatMinorUnits(-250, 'EUR')).toBe('-€2.50');
  });

  it('refuses fractional amounts instead of rounding money', () => {
    expect(() => formatMinorUnits(39.99, 'EUR')).toThrow(RangeError);
  });
});

describe('formatPriceRange', () => {
  it('shows one price when the variants agree and a range when they differ', () => {
    const eur = (amount: number) => ({ amount, currency: 'EUR' });
    expect(formatPriceRange([eur(3999), eur(3999)])).toBe('€39.99');
    expect(formatPriceRange([eur(4999), eur(2999), eur(3999)])).toBe('€29.99 – €49.99');
    expect(formatPriceRange([])).toBe('');
  });
});
