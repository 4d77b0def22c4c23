import { describe, expect, it } from 'vitest';
import { minorDigitsOf, minorUnitsToInput, parseMinorUnits } from './money.js';

describe('parseMinorUnits', () => {
  it('reads typed amounts as exact minor units of the currency', () => {
    expect(parseMinorUnits('12', 'EUR')).toEqual({ ok: true, amount: 1200 });
    expect(parseMinorUnits('12.5', 'EUR')).toEqual({ ok: true, amount: 1250 });
    expect(parseMinorUnits(' 0.10 ', 'EUR')).toEqual({ ok: true, amount: 10 });
    expect(parseMinorUnits('1,234.56', 'USD')).toEqual({ ok: true, amount: 123456 });
    expect(parseMinorUnits('€ 9.99', 'EUR')).toEqual({ ok: true, amount: 999 });
    expect(parseMinorUnits('12.', 'EUR')).toEqual({ ok: true, amount: 1200 });
    expect(parseMinorUnits('1500', 'JPY')).toEqual({ ok: true, amount: 1500 });
    expect(parseMinorUnits('1.234', 'BHD')).toEqual({ ok: true, amount: 1234 });
    // 0.29 * 100 is 28.999999999999996 in floating point; digits are never multiplied here.
    expect(parseMinorUnits('0.29', 'EUR')).toEqual({ ok: true, amount: 29 });
  });

  it('refuses what is not an amount of that currency, with a reason for the field', () => {
    expect(parseMinorUnits('', 'EUR')).toEqual({ ok: false, reason: 'is required' });
    expect(parseMinorUnits('-5', 'EUR')).toEqual({ ok: false, reason: 'must not be negative' });
    expect(parseMinorUnits('12.345', 'EUR')).toEqual({ ok: false, reason: 'must have at most 2 decimals' });
    expect(parseMinorUnits('12.5', 'JPY')).toEqual({ ok: false, reason: 'must be a whole amount in JPY' });
    expect(parseMinorUnits('12,34', 'EUR')).toEqual({ ok: false, reason: 'must be an amount such as 12.50' });
    expect(parseMinorUnits('1e3', 'EUR')).toEqual({ ok: false, reason: 'must be an amount such as 12.50' });
    expect(parseMinorUnits('abc', 'EUR')).toEqual({ ok: false, reason: 'must be an amount such as 12.50' });
    expect(parseMinorUnits('99999999999999999999', 'EUR')).toEqual({ ok: false, reason: 'is too large' });
  });

  it('round-trips with minorUnitsToInput', () => {
    for (const [amount, currency] of [[0, 'EUR'], [5, 'EUR'], [123456, 'USD'], [1500, 'JPY'], [1234, 'BHD']] as const) {
      const text = minorUnitsToInput(amount, currency);
      expect(parseMinorUnits(text, currency), text).toEqual({ ok: true, amount });
    }
    expect(minorUnitsToInput(5, 'EUR')).toBe('0.05');
    expect(minorDigitsOf('JPY')).toBe(0);
  });
});
