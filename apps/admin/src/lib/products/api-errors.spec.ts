import { describe, expect, it } from 'vitest';
import { productSaveErrorsOf } from './api-errors';

describe('a refused save, as the form shows it', () => {
  it("puts a 400's field problems next to their fields", () => {
    const shown = productSaveErrorsOf(400, {
      error: { code: 'VALIDATION_FAILED', message: 'Invalid body', details: [{ field: 'variants.0.sku', reason: 'must be upper-case letters, digits and hyphens' }] },
    });
    expect(shown.fields).toEqual({ 'variants.0.sku': 'SKU must be upper-case letters, digits and hyphens.' });
    expect(shown.form).toMatch(/next to them/);
  });

  it("says a variant's refused price as a sentence naming the price, as the form's own check does", () => {
    const shown = productSaveErrorsOf(400, {
      error: { code: 'VALIDATION_FAILED', message: 'Invalid body', details: [{ field: 'variants.1.price.amount', reason: 'must be an integer amount of minor units' }] },
    });
    expect(shown.fields).toEqual({ 'variants.1.price.amount': 'Price must be an integer amount of minor units.' });
  });

  it("says every field's refusal as a sentence naming it, next to the field the editor shows it at", () => {
    const shown = productSaveErrorsOf(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'Invalid body',
        details: [
          { field: 'title', reason: 'must not be empty' },
          { field: 'slug', reason: 'must be lowercase words joined by hyphens' },
          { field: 'description', reason: 'must be at most 10000 characters long' },
          { field: 'categoryIds.0', reason: 'must be a UUID' },
          { field: 'variants', reason: 'SKUs must be unique' },
          { field: 'variants.0.title', reason: 'must not be empty' },
          { field: 'variants.0.attributes.colour', reason: 'must be at most 80 characters long' },
          { field: 'variants.0.price.currency', reason: 'must be a three-letter ISO-4217 code' },
          { field: 'images.1.url', reason: 'must not be empty' },
        ],
      },
    });
    expect(shown.fields).toEqual({
      title: 'Title must not be empty.',
      slug: 'Slug must be lowercase words joined by hyphens.',
      description: 'Description must be at most 10000 characters long.',
      categoryIds: 'Category must be a UUID.',
      variants: 'SKUs must be unique.',
      'variants.0.title': 'Variant title must not be empty.',
      'variants.0.attributes': 'Attribute “colour” must be at most 80 characters long.',
      'variants.0.price': 'Currency must be a three-letter ISO-4217 code.',
      'images.1.url': 'Image address must not be empty.',
    });
  });

  it('puts a taken slug next to the slug, a taken SKU above the form, a missing category under the categories', () => {
    expect(productSaveErrorsOf(409, { error: { code: 'UNKNOWN_CATEGORY', message: 'some categories do not exist' } })).toEqual({ fields: { categoryIds: 'Some categories do not exist.' }, form: null });
    expect(productSaveErrorsOf(409, { error: { code: 'SLUG_TAKEN', message: 'slug taken' } })).toEqual({ fields: { slug: 'Slug is already used by another product.' }, form: null });
    expect(productSaveErrorsOf(409, { error: { code: 'SKU_TAKEN', message: 'SKU TEE-M is already used' } })).toEqual({ fields: {}, form: 'SKU TEE-M is already used' });
  });

  it('says what happened when the catalog is down or the product archived', () => {
    expect(productSaveErrorsOf(503, null).form).toMatch(/nothing was saved/);
    expect(productSaveErrorsOf(409, { error: { code: 'PRODUCT_ARCHIVED' } }).form).toMatch(/archived/);
  });
});
