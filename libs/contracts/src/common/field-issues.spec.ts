import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CreateFlashSaleBody } from '../pricing/flash-sales.js';
import { checkWithContract } from './field-issues.js';

describe('checkWithContract', () => {
  it('answers the parsed data when the value fits', () => {
    const schema = z.strictObject({ n: z.coerce.number().int() });
    expect(checkWithContract(schema, { n: '3' })).toEqual({ ok: true, data: { n: 3 } });
  });

  it('names each field with the reason the API gives, first reason per field', () => {
    const sale = {
      sku: 'tee',
      salePrice: { amount: 0, currency: 'EUR' },
      units: 2,
      perCustomerLimit: 5,
      startsAt: '2030-01-01T12:00:00Z',
      endsAt: '2030-01-01T11:00:00Z',
    };
    const check = checkWithContract(CreateFlashSaleBody, sale);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.fieldErrors).toMatchObject({
      sku: 'must be upper-case letters, digits and hyphens',
      'salePrice.amount': 'must be more than 0',
    });
  });

  it('reports unknown keys, missing fields and cross-field rules', () => {
    const schema = z.strictObject({ a: z.number(), b: z.string() }).refine((v) => v.a > 0, { message: 'must be positive', path: ['a'] });
    expect(checkWithContract(schema, { b: 'x', c: 1 })).toEqual({ ok: false, fieldErrors: { a: 'is required', c: 'is not allowed' } });
    expect(checkWithContract(schema, { a: -1, b: 'x' })).toEqual({ ok: false, fieldErrors: { a: 'must be positive' } });
  });

  it('says an empty text is empty, and counts characters in the singular for one', () => {
    const schema = z.strictObject({ reason: z.string().min(1), code: z.string().min(3).max(1), note: z.string().max(1) });
    expect(checkWithContract(schema, { reason: '', code: 'ab', note: 'ab' })).toEqual({
      ok: false,
      fieldErrors: { reason: 'must not be empty', code: 'must be at least 3 characters long', note: 'must be at most 1 character long' },
    });
  });
});
