import { describe, expect, it } from 'vitest';
import { CreateProductBody, ListProductsQuery, UpdateProductBody } from './catalog.js';

const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('catalog contracts', () => {
  it('coerces query-string numbers and names a bad limit', () => {
    expect(ListProductsQuery.parse({ limit: '5' })).toMatchObject({ limit: 5, sort: 'newest' });
    expect(issues(ListProductsQuery.safeParse({ limit: 'abc' }))).toEqual(['limit: must be a number']);
    expect(issues(ListProductsQuery.safeParse({ limit: '500' }))).toEqual(['limit: must be at most 100']);
  });

  it('rejects unknown fields, float money and duplicate SKUs', () => {
    const base = { title: 'T', variants: [{ sku: 'A-1', price: { amount: 100, currency: 'EUR' } }] };
    expect(CreateProductBody.safeParse(base).success).toBe(true);
    expect(issues(CreateProductBody.safeParse({ ...base, colour: 'red' }))[0]).toMatch(/colour|Unrecognized/);
    expect(issues(CreateProductBody.safeParse({ ...base, variants: [{ sku: 'A-1', price: { amount: 1.5, currency: 'EUR' } }] }))).toEqual([
      'variants.0.price.amount: must be an integer amount of minor units',
    ]);
    expect(issues(CreateProductBody.safeParse({ ...base, variants: [base.variants[0], base.variants[0]] }))).toEqual(['variants: SKUs must be unique']);
  });

  it('refuses an empty update', () => {
    expect(UpdateProductBody.safeParse({}).success).toBe(false);
  });
});
