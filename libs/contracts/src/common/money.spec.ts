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
    expect(parseMinorUnits('EUR 12.50', 'EUR')).toEqual({ ok: true, amount: 1250 });
  });

  it('reads a decimal comma as a decimal point, and thousands grouped by the other mark or spaces', () => {
    expect(parseMinorUnits('12,50', 'EUR')).toEqual({ ok: true, amount: 1250 });
    expect(parseMinorUnits('12.50', 'EUR')).toEqual({ ok: true, amount: 1250 });
    expect(parseMinorUnits('12,5', 'EUR')).toEqual({ ok: true, amount: 1250 });
    expect(parseMinorUnits('0,29', 'EUR')).toEqual({ ok: true, amount: 29 });
    expect(parseMinorUnits('12,', 'EUR')).toEqual({ ok: true, amount: 1200 });
    expect(parseMinorUnits('1.234,50', 'EUR')).toEqual({ ok: true, amount: 123450 });
    expect(parseMinorUnits('1,234.50', 'EUR')).toEqual({ ok: true, amount: 123450 });
    expect(parseMinorUnits('1.234.567,89', 'EUR')).toEqual({ ok: true, amount: 123456789 });
    expect(parseMinorUnits('1,234,567', 'EUR')).toEqual({ ok: true, amount: 123456700 });
    expect(parseMinorUnits('1 234,50', 'EUR')).toEqual({ ok: true, amount: 123450 });
    expect(parseMinorUnits('€ 9,99', 'EUR')).toEqual({ ok: true, amount: 999 });
    // A currency without decimals: a lone mark can only group thousands.
    expect(parseMinorUnits('1,500', 'JPY')).toEqual({ ok: true, amount: 1500 });
    expect(parseMinorUnits('1.500', 'JPY')).toEqual({ ok: true, amount: 1500 });
    // Three decimals are an amount of a three-decimal currency, with either mark.
    expect(parseMinorUnits('1,234', 'BHD')).toEqual({ ok: true, amount: 1234 });
  });

  it('refuses a lone mark before three digits in a two-decimal currency: 1234 to one reader, 1.234 to another', () => {
    // The reason offers the amount written both unambiguous ways, with the mark as it was typed.
    expect(parseMinorUnits('1.234', 'EUR')).toEqual({ ok: false, problem: 'ambiguous', reason: 'is ambiguous — write 1234.00 or 1.234,00' });
    expect(parseMinorUnits('1,234', 'EUR')).toEqual({ ok: false, problem: 'ambiguous', reason: 'is ambiguous — write 1234.00 or 1,234.00' });
    expect(parseMinorUnits('$ 12,500', 'USD')).toEqual({ ok: false, problem: 'ambiguous', reason: 'is ambiguous — write 12500.00 or 12,500.00' });
    // Either offered writing reads back as the thousands.
    expect(parseMinorUnits('1234.00', 'EUR')).toEqual({ ok: true, amount: 123400 });
    expect(parseMinorUnits('1.234,00', 'EUR')).toEqual({ ok: true, amount: 123400 });
    // A leading 0 groups nothing: plainly too many decimals.
    expect(parseMinorUnits('0,125', 'EUR')).toEqual({ ok: false, problem: 'too_many_decimals', reason: 'must have at most 2 decimals' });
  });

  it('refuses what is not an amount of that currency, with a reason for the field', () => {
    expect(parseMinorUnits('', 'EUR')).toEqual({ ok: false, problem: 'required', reason: 'is required' });
    expect(parseMinorUnits('-5', 'EUR')).toEqual({ ok: false, problem: 'negative', reason: 'must not be negative' });
    expect(parseMinorUnits('12.3456', 'EUR')).toEqual({ ok: false, problem: 'too_many_decimals', reason: 'must have at most 2 decimals' });
    expect(parseMinorUnits('12.5', 'JPY')).toEqual({ ok: false, problem: 'too_many_decimals', reason: 'must be a whole amount in JPY' });
    expect(parseMinorUnits('12,345', 'EUR')).toMatchObject({ ok: false, problem: 'ambiguous', reason: expect.stringMatching(/^is ambiguous/) });
    expect(parseMinorUnits('12,3456', 'EUR')).toEqual({ ok: false, problem: 'too_many_decimals', reason: 'must have at most 2 decimals' });
    const unreadable = { ok: false, problem: 'unreadable', reason: 'must be an amount such as 12.50 or 12,50' };
    for (const text of ['1e3', 'abc', '.5', '1,2,3', '1.234.5', '12.34.56', '1,23,456.00', '1.234,56,7', '0,123,456', '12a']) {
      expect(parseMinorUnits(text, 'EUR'), text).toEqual(unreadable);
    }
    expect(parseMinorUnits('99999999999999999999', 'EUR')).toEqual({ ok: false, problem: 'too_large', reason: 'is too large' });
  });

  it('says every refusal as a predicate naming no field, so any caller can put its own subject first', () => {
    for (const text of ['', '-5', 'abc', '1.234', '12.3456', '99999999999999999999']) {
      const parsed = parseMinorUnits(text, 'EUR');
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.reason, text).toMatch(/^(is|must) [^A-Z]/);
    }
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
