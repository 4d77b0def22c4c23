import { describe, expect, it } from 'vitest';
import { formatOrderNumber, parseOrderNumber } from './order-number.js';

describe('order numbers', () => {
  it('pads to six digits and grows beyond', () => {
    expect(formatOrderNumber(123)).toBe('SO-000123');
    expect(formatOrderNumber(1_234_567)).toBe('SO-1234567');
    expect(parseOrderNumber('SO-000123')).toBe(123);
    expect(parseOrderNumber(formatOrderNumber(1_234_567))).toBe(1_234_567);
  });

  it('parses nothing else', () => {
    for (const bad of ['SO-123', 'so-000123', 'SO-000000', '000123', 'SO-000123 ']) expect(parseOrderNumber(bad), bad).toBeUndefined();
  });
});
