import { describe, expect, it } from 'vitest';
import { alertedProductName, isForSale, productPagePath, type AlertedVariant } from './alerted-product.js';

const variant = (over: Partial<AlertedVariant> = {}): AlertedVariant => ({
  sku: 'TRAIL-42',
  productSlug: 'trail-runner',
  productTitle: 'Trail Runner',
  title: 'EU 42',
  attributes: { size: 'EU 42' },
  status: 'active',
  ...over,
});

describe('alertedProductName', () => {
  it('names the product and the variant’s options', () => {
    expect(alertedProductName(variant())).toBe('Trail Runner — EU 42');
    expect(alertedProductName(variant({ title: 'Navy / M', attributes: { colour: 'Navy', size: 'M' } }))).toBe('Trail Runner — Navy / M');
  });

  it('falls back to the options when the variant’s title is only its SKU or the product’s title', () => {
    expect(alertedProductName(variant({ title: 'TRAIL-42' }))).toBe('Trail Runner — EU 42');
    expect(alertedProductName(variant({ title: 'Trail Runner', attributes: { colour: 'Red' } }))).toBe('Trail Runner — Red');
  });

  it('is the product’s title alone when the variant adds nothing', () => {
    expect(alertedProductName(variant({ title: 'TRAIL-42', attributes: {} }))).toBe('Trail Runner');
    expect(alertedProductName(variant({ title: '', attributes: {} }))).toBe('Trail Runner');
  });
});

describe('productPagePath', () => {
  it('opens the product page with the variant chosen', () => {
    expect(productPagePath(variant())).toBe('/p/trail-runner?sku=TRAIL-42');
  });
});

describe('isForSale', () => {
  it('is true for an active product only', () => {
    expect(isForSale(variant())).toBe(true);
    expect(isForSale(variant({ status: 'draft' }))).toBe(false);
    expect(isForSale(variant({ status: 'archived' }))).toBe(false);
  });
});
