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
    expect(document).toMatchObject({ currency: 'EUR', priceMin: 2500, priceMax: 2500 });
  });

  it('takes stock and the lowest live sale price from the SKUs’ state', () => {
    const state = {
      inStock: new Map([['TEE-NAVY-M', false], ['TEE-NAVY-L', false]]),
      salePrices: new Map([['TEE-NAVY-L', 1900], ['TEE-BLACK-L', 1500], ['OTHER', 100]]),
    };
    expect(buildSearchDocument(product(), tree, state)).toMatchObject({ inStock: true, salePrice: 1500 });
    const soldOut = { ...state, inStock: new Map([...state.inStock, ['TEE-BLACK-L', false]]) };
    expect(buildSearchDocument(product(), tree, soldOut)).toMatchObject({ inStock: false, salePrice: 1500 });
  });
});

describe('withSkuState', () => {
  it('recomputes stock and sale price and keeps everything else', () => {
    const document = buildSearchDocument(product(), tree, { inStock: new Map(), salePrices: new Map([['TEE-NAVY-M', 1000]]) })!;
    const after = withSkuState(document, { inStock: new Map([['TEE-NAVY-M', true]]), salePrices: new Map() });
    expect(after).toEqual({ ...document, salePrice: null, inStock: true });
  });
});

describe('attributeKey', () => {
  it('lower-cases names and folds color into colour', () => {
    expect(attributeKey('Color')).toBe('colour');
    expect(attributeKey(' SIZE ')).toBe('size');
    expect(attributeKey('Material')).toBe('material');
  });
});
