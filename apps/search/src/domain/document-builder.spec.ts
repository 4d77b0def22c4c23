import { describe, expect, it } from 'vitest';
import type { Product } from '@shop/contracts';
import { CategoryTree } from './category-tree.js';
import { attributeKey, buildSearchDocument, NO_SKU_STATE, withSkuState } from './document-builder.js';

const CLOTHING = '00000000-0000-4000-8000-000000000c01';
const TEES = '00000000-0000-4000-8000-000000000c02';
const tree = new CategoryTree([
  { id: CLOTHING, slug: 'clothing', name: 'Clothing', parentId: null },
  { id: TEES, slug: 't-shirts', name: 'T-shirts', parentId: CLOTHING },
]);

function product(extra: Partial<Product> = {}): Product {
  return {
    id: '00000000-0000-4000-8000-0000000000a1',
    slug: 'organic-cotton-tee',
    title: 'Organic Cotton Tee',
    description: 'Soft & <light>',
    status: 'active',
    categoryIds: [TEES],
    images: [
      { url: 'https://img.example/tee.png', alt: '' },
      { url: 'https://img.example/back.png', alt: '' },
    ],
    variants: [
      { id: '00000000-0000-4000-8000-000000000b01', sku: 'TEE-NAVY-M', title: 'Navy / M', attributes: { Size: 'M', Color: 'Navy' }, price: { amount: 2500, currency: 'EUR' } },
      { id: '00000000-0000-4000-8000-000000000b02', sku: 'TEE-NAVY-L', title: 'Navy / L', attributes: { size: 'L', colour: 'Navy' }, price: { amount: 2900, currency: 'EUR' } },
      { id: '00000000-0000-4000-8000-000000000b03', sku: 'TEE-BLACK-L', title: 'Black / L', attributes: { SIZE: 'L', COLOUR: 'Black' }, price: { amount: 2200, currency: 'EUR' } },
    ],
    version: 7,
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-02T10:00:00.000Z',
    ...extra,
  };
}

describe('buildSearchDocument', () => {
  it('collects variants, SKUs, categories with their ancestors, attributes and the price range', () => {
    expect(buildSearchDocument(product(), tree, NO_SKU_STATE)).toEqual({
      productId: product().id,
      slug: 'organic-cotton-tee',
      title: 'Organic Cotton Tee',
      description: 'Soft & <light>',
      variantNames: ['Navy / M', 'Navy / L', 'Black / L'],
      skus: ['TEE-NAVY-M', 'TEE-NAVY-L', 'TEE-BLACK-L'],
      categoryIds: [CLOTHING, TEES],
      categoryNames: ['Clothing', 'T-shirts'],
      attributes: { size: ['M', 'L'], colour: ['Navy', 'Black'] },
      currency: 'EUR',
      priceMin: 2200,
      priceMax: 2900,
      listPrices: { 'TEE-NAVY-M': 2500, 'TEE-NAVY-L': 2900, 'TEE-BLACK-L': 2200 },
      priceNow: 2200,
      salePrice: null,
      inStock: true,
      image: 'https://img.example/tee.png',
      createdAt: '2026-12-01T10:00:00.000Z',
      version: 7,
    });
  });

  it('indexes only active products with a variant', () => {
    expect(buildSearchDocument(product({ status: 'draft' }), tree, NO_SKU_STATE)).toBeNull();
    expect(buildSearchDocument(product({ status: 'archived' }), tree, NO_SKU_STATE)).toBeNull();
    expect(buildSearchDocument(product({ variants: [] }), tree, NO_SKU_STATE)).toBeNull();
  });

  it('keeps a category the tree does not know by id, and a product without images has no image', () => {
    const unknown = '00000000-0000-4000-8000-000000000c99';
    const document = buildSearchDocument(product({ categoryIds: [unknown, CLOTHING], images: [] }), tree, NO_SKU_STATE)!;
    expect(document.categoryIds).toEqual([unknown, CLOTHING]);
    expect(document.categoryNames).toEqual(['Clothing']);
    expect(document.image).toBeNull();
  });

  it('prices in the first variant’s currency only', () => {
    const [a, b] = product().variants;
    const document = buildSearchDocument(product({ variants: [a!, { ...b!, price: { amount: 100, currency: 'USD' } }] }), tree, NO_SKU_STATE)!;
    expect(document).toMatchObject({ currency: 'EUR', priceMin: 2500, priceMax: 2500, listPrices: { [a!.sku]: 2500 }, priceNow: 2500 });
    // A sale of the other-currency variant cannot be compared either.
    expect(buildSearchDocument(product({ variants: [a!, { ...b!, price: { amount: 100, currency: 'USD' } }] }), tree, { ...NO_SKU_STATE, salePrices: new Map([[b!.sku, 50]]) })).toMatchObject({
      priceNow: 2500,
      salePrice: null,
    });
  });

  it('takes stock and the lowest live sale price from the SKUs’ state', () => {
    const state = {
      ...NO_SKU_STATE,
      inStock: new Map([['TEE-NAVY-M', false], ['TEE-NAVY-L', false]]),
      salePrices: new Map([['TEE-NAVY-L', 1900], ['TEE-BLACK-L', 1500], ['OTHER', 100]]),
    };
    expect(buildSearchDocument(product(), tree, state)).toMatchObject({ inStock: true, priceNow: 1500, salePrice: 1500 });
    const soldOut = { ...state, inStock: new Map([...state.inStock, ['TEE-BLACK-L', false]]) };
    expect(buildSearchDocument(product(), tree, soldOut)).toMatchObject({ inStock: false, priceNow: 1500, salePrice: 1500 });
  });

  it('prices each variant at its sale price, else its list price: a sale above another variant’s list price is not the product’s price', () => {
    // Navy L (2,900) on sale at 2,400: Black L at its list price 2,200 is still the lowest.
    const dearSale = { ...NO_SKU_STATE, salePrices: new Map([['TEE-NAVY-L', 2400]]) };
    expect(buildSearchDocument(product(), tree, dearSale)).toMatchObject({ priceMin: 2200, priceNow: 2200, salePrice: null });
    // A sale price above the variant's own list price is what that variant costs now.
    const single = product({ variants: [product().variants[0]!] });
    expect(buildSearchDocument(single, tree, { ...NO_SKU_STATE, salePrices: new Map([['TEE-NAVY-M', 2700]]) })).toMatchObject({
      priceMin: 2500,
      priceNow: 2700,
      salePrice: null,
    });
  });
});

describe('the price now', () => {
  const priced = (entries: [string, number | null][]) => ({
    ...NO_SKU_STATE,
    prices: new Map(entries.map(([sku, amount]) => [sku, amount === null ? null : { amount, currency: 'EUR' }])),
  });

  it('takes pricing’s price for any shopper per variant (a scheduled, demand or price-list price), above or below its list price', () => {
    // Navy M 25.00 → 18.00 on a price list: the product's price now, struck-through list price 22.00.
    expect(buildSearchDocument(product(), tree, priced([['TEE-NAVY-M', 1800]]))).toMatchObject({ priceMin: 2200, priceNow: 1800, salePrice: 1800 });
    // Black L 22.00 → 26.00 (a demand price): Navy M at 25.00 is now the lowest, and nothing is on sale.
    expect(buildSearchDocument(product(), tree, priced([['TEE-BLACK-L', 2600], ['TEE-NAVY-M', null]]))).toMatchObject({ priceNow: 2500, salePrice: null });
  });

  it('lets a live flash sale beat pricing’s other prices, and ignores a price in another currency', () => {
    const state = { ...priced([['TEE-BLACK-L', 1000]]), salePrices: new Map([['TEE-BLACK-L', 1200]]) };
    expect(buildSearchDocument(product(), tree, state)).toMatchObject({ priceNow: 1200, salePrice: 1200 });
    const dollars = { ...NO_SKU_STATE, prices: new Map([['TEE-BLACK-L', { amount: 100, currency: 'USD' }]]) };
    expect(buildSearchDocument(product(), tree, dollars)).toMatchObject({ priceNow: 2200, salePrice: null });
  });

  it('follows a stored document when pricing’s price changes or ends', () => {
    const document = buildSearchDocument(product(), tree, priced([['TEE-NAVY-L', 1500]]))!;
    expect(document).toMatchObject({ priceNow: 1500, salePrice: 1500 });
    expect(withSkuState(document, priced([['TEE-NAVY-L', null]]))).toMatchObject({ priceNow: 2200, salePrice: null });
    expect(withSkuState(document, priced([['TEE-NAVY-L', 2100]]))).toMatchObject({ priceNow: 2100, salePrice: 2100 });
  });
});

describe('withSkuState', () => {
  it('recomputes stock and sale price and keeps everything else', () => {
    const document = buildSearchDocument(product(), tree, { ...NO_SKU_STATE, salePrices: new Map([['TEE-NAVY-M', 1000]]) })!;
    const after = withSkuState(document, { ...NO_SKU_STATE, inStock: new Map([['TEE-NAVY-M', true]]) });
    expect(document).toMatchObject({ priceNow: 1000, salePrice: 1000 });
    expect(after).toEqual({ ...document, priceNow: 2200, salePrice: null, inStock: true });
  });

  it('counts the lowest list price for every variant of a document stored without list prices per variant', () => {
    const document = { ...buildSearchDocument(product(), tree, NO_SKU_STATE)!, listPrices: {} };
    expect(withSkuState(document, { ...NO_SKU_STATE, salePrices: new Map([['TEE-NAVY-L', 1800]]) })).toMatchObject({ priceNow: 1800, salePrice: 1800 });
    expect(withSkuState(document, { ...NO_SKU_STATE, salePrices: new Map([['TEE-NAVY-L', 2600]]) })).toMatchObject({ priceNow: 2200, salePrice: null });
  });
});

describe('attributeKey', () => {
  it('lower-cases names and folds color into colour', () => {
    expect(attributeKey('Color')).toBe('colour');
    expect(attributeKey(' SIZE ')).toBe('size');
    expect(attributeKey('Material')).toBe('material');
  });
});
