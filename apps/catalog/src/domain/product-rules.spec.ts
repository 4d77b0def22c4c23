import { describe, expect, it } from 'vitest';
import { CreateProductBody, type Product } from '@shop/contracts';
import { archiveProduct, canTransition, createProduct, isCatalogError, lowestPrice, slugify, updateProduct } from './product-rules.js';

const now = new Date('2026-06-01T12:00:00.000Z');
const ids = () => {
  let n = 0;
  return { next: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` };
};
const eur = (amount: number) => ({ amount, currency: 'EUR' });

function aProduct(): Product {
  const body = CreateProductBody.parse({
    title: 'Merino Crew Tee',
    status: 'active',
    variants: [
      { sku: 'TEE-NAVY-M', attributes: { colour: 'Navy', size: 'M' }, price: eur(3900) },
      { sku: 'TEE-NAVY-L', attributes: { colour: 'Navy', size: 'L' }, price: eur(4100) },
    ],
  });
  const product = createProduct(body, ids(), now);
  if (isCatalogError(product)) throw new Error(product.message);
  return product;
}

describe('slugify', () => {
  it('makes lowercase hyphenated words without accents or symbols', () => {
    expect(slugify('Crème Brûlée — Set of 4!')).toBe('creme-brulee-set-of-4');
    expect(slugify('  --  ')).toBe('product');
  });
});

describe('lowestPrice', () => {
  it('is the cheapest variant', () => {
    expect(lowestPrice([{ price: eur(500) }, { price: eur(300) }])).toEqual(eur(300));
  });
  it('refuses variants in different currencies', () => {
    const result = lowestPrice([{ price: eur(500) }, { price: { amount: 300, currency: 'USD' } }]);
    expect(isCatalogError(result) && result.code).toBe('MIXED_CURRENCIES');
  });
});

describe('createProduct', () => {
  it('derives slug and variant titles, starts at version 1', () => {
    const p = aProduct();
    expect(p.slug).toBe('merino-crew-tee');
    expect(p.variants.map((v) => v.title)).toEqual(['Navy / M', 'Navy / L']);
    expect(p.version).toBe(1);
    expect(p.createdAt).toBe(now.toISOString());
  });
});

describe('updateProduct', () => {
  it('keeps the id of an unchanged SKU and bumps the version', () => {
    const p = aProduct();
    const next = updateProduct(
      p,
      { variants: [{ sku: 'TEE-NAVY-M', attributes: { size: 'M' }, price: eur(3500) }, { sku: 'TEE-NAVY-S', attributes: {}, price: eur(3500) }] },
      ids(),
      now,
    );
    if (isCatalogError(next)) throw new Error(next.message);
    expect(next.variants[0].id).toBe(p.variants[0].id);
    expect(next.variants[1].id).not.toBe(p.variants[1].id);
    expect(next.version).toBe(2);
  });

  it('refuses to edit an archived product except restoring it to draft', () => {
    const archived = archiveProduct(aProduct(), now) as Product;
    const edit = updateProduct(archived, { title: 'New' }, ids(), now);
    expect(isCatalogError(edit) && edit.code).toBe('PRODUCT_ARCHIVED');
    const restored = updateProduct(archived, { status: 'draft' }, ids(), now);
    expect(isCatalogError(restored) ? restored.code : restored.status).toBe('draft');
  });
});

describe('status transitions', () => {
  it('allows publishing and archiving, not reviving an archived product straight to active', () => {
    expect(canTransition('draft', 'active')).toBe(true);
    expect(canTransition('active', 'archived')).toBe(true);
    expect(canTransition('archived', 'active')).toBe(false);
    expect(canTransition('archived', 'draft')).toBe(true);
  });
});
