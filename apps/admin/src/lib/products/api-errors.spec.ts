import { describe, expect, it } from 'vitest';
import { productSaveErrorsOf } from './api-errors';

describe('a refused save, as the form shows it', () => {
  it("puts a 400's field problems next to their fields", () => {
    const shown = productSaveErrorsOf(400, {
      error: { code: 'VALIDATION_FAILED', message: 'Invalid body', details: [{ field: 'variants.0.sku', reason: 'must be upper-case letters, digits and hyphens' }] },
    });
    expect(shown.fields).toEqual({ 'variants.0.sku': 'must be upper-case letters, digits and hyphens' });
    expect(shown.form).toMatch(/next to them/);
  });

  it("says a variant's refused price as a sentence naming the price, as the form's own check does", () => {
    const shown = productSaveErrorsOf(400, {
      error: { code: 'VALIDATION_FAILED', message: 'Invalid body', details: [{ field: 'variants.1.price.amount', reason: 'must be an integer amount of minor units' }] },
    });
    expect(shown.fields).toEqual({ 'variants.1.price.amount': 'Price must be an integer amount of minor units.' });
  });

  it('puts a taken slug next to the slug, a taken SKU above the form', () => {
    expect(productSaveErrorsOf(409, { error: { code: 'SLUG_TAKEN', message: 'slug taken' } })).toEqual({ fields: { slug: 'is already used by another product' }, form: null });
    expect(productSaveErrorsOf(409, { error: { code: 'SKU_TAKEN', message: 'SKU TEE-M is already used' } })).toEqual({ fields: {}, form: 'SKU TEE-M is already used' });
  });

  it('says what happened when the catalog is down or the product archived', () => {
    expect(productSaveErrorsOf(503, null).form).toMatch(/nothing was saved/);
    expect(productSaveErrorsOf(409, { error: { code: 'PRODUCT_ARCHIVED' } }).form).toMatch(/archived/);
  });
});
