import type { Product } from '@shop/contracts';
import { describe, expect, it } from 'vitest';
import { attributesOf, createBodyOf, draftOf, emptyDraft, FREE_PRICE_UNCONFIRMED, isFreePrice, productFieldProblem, updateBodyOf, type ProductDraft } from './product-form';

function draft(overrides: Partial<ProductDraft> = {}): ProductDraft {
  return {
    ...emptyDraft(),
    title: 'Launch Tee',
    variants: [{ key: 'a', sku: 'launch-tee-m', title: '', attributes: 'size=M, colour=Navy', price: '25.9', sellForFree: false }],
    ...overrides,
  };
}

describe('prices', () => {
  const priced = (price: string) => {
    const mapped = createBodyOf(draft({ variants: [{ key: 'a', sku: 'tee', title: '', attributes: '', price, sellForFree: true }] }));
    return mapped.ok ? mapped.body.variants[0]!.price.amount : mapped.errors['variants.0.price.amount'];
  };

  it('reads prices with the console\'s one money parser: a decimal point or comma, exactly', () => {
    expect(priced('25')).toBe(2500);
    expect(priced('25.9')).toBe(2590);
    expect(priced('25,90')).toBe(2590);
    expect(priced(' 0.07 ')).toBe(7);
    expect(priced('1.234,50')).toBe(123450);
  });

  it("refuses what is not an amount with the reason of that parser, as a sentence naming the price and quoting what was typed", () => {
    expect(priced('-1')).toBe('Price: “-1” must not be negative.');
    expect(priced('1.999')).toBe('Price: “1.999” is ambiguous — write 1999.00 or 1.999,00.');
    expect(priced('1.9999')).toBe('Price: “1.9999” must have at most 2 decimals.');
    expect(priced('')).toBe('Price is required.');
    for (const bad of ['abc', '1e3', '.5']) expect(priced(bad), bad).toBe(`Price: “${bad}” must be an amount such as 12.50 or 12,50.`);
  });

});

describe('attributes', () => {
  it('reads name=value pairs', () => {
    expect(attributesOf('size=M, colour = Navy')).toEqual({ size: 'M', colour: 'Navy' });
    expect(attributesOf('')).toEqual({});
    expect(attributesOf('size')).toBeNull();
    expect(attributesOf('=M')).toBeNull();
    expect(attributesOf('size=')).toBeNull();
  });
});

describe('the form as the catalog body', () => {
  it('maps a draft to a create body: SKUs upper-cased, prices in minor units with the currency, empty images left out', () => {
    const mapped = createBodyOf(draft({ images: [{ key: 'i', url: '', alt: '' }], categoryIds: ['c1'] }));
    expect(mapped).toEqual({
      ok: true,
      body: {
        title: 'Launch Tee',
        description: '',
        status: 'draft',
        categoryIds: ['c1'],
        images: [],
        variants: [{ sku: 'LAUNCH-TEE-M', attributes: { size: 'M', colour: 'Navy' }, price: { amount: 2590, currency: 'EUR' } }],
      },
    });
  });

  it('keys each problem by the API field path, so it shows next to its field, as a sentence naming that field', () => {
    const mapped = createBodyOf(
      draft({
        title: ' ',
        variants: [
          { key: 'a', sku: 'TEE-M', title: '', attributes: 'size', price: '1.9999', sellForFree: false },
          { key: 'b', sku: 'tee-m', title: '', attributes: '', price: '3', sellForFree: false },
        ],
        images: [{ key: 'i', url: '', alt: 'Front' }],
      }),
    );
    expect(mapped).toEqual({
      ok: false,
      errors: {
        title: 'Title must not be empty.',
        'variants.0.price.amount': 'Price: “1.9999” must have at most 2 decimals.',
        'variants.0.attributes': 'Attributes: “size” must be name=value pairs separated by commas, e.g. size=M, colour=Navy.',
        'variants.1.sku': 'SKU: “TEE-M” is used by another variant of this product.',
        'images.0.url': 'Image address must not be empty (or remove the image).',
      },
    });
  });

  it('refuses a price of 0 until the merchant confirms selling for free, then saves 0', () => {
    for (const zero of ['0', '0.00', '0,0']) expect(isFreePrice(zero, 'EUR'), zero).toBe(true);
    for (const priced of ['0.01', '25', '', 'abc']) expect(isFreePrice(priced, 'EUR'), priced).toBe(false);
    const variant = { key: 'a', sku: 'sample-m', title: '', attributes: '', price: '0', sellForFree: false };
    expect(createBodyOf(draft({ variants: [variant] }))).toEqual({ ok: false, errors: { 'variants.0.price.amount': FREE_PRICE_UNCONFIRMED } });
    expect(updateBodyOf(draft({ variants: [variant] }))).toEqual({ ok: false, errors: { 'variants.0.price.amount': FREE_PRICE_UNCONFIRMED } });
    const confirmed = createBodyOf(draft({ variants: [{ ...variant, sellForFree: true }] }));
    expect(confirmed).toMatchObject({ ok: true, body: { variants: [{ sku: 'SAMPLE-M', price: { amount: 0, currency: 'EUR' } }] } });
  });

  it('a variant already saved at 0 opens confirmed, so editing something else does not ask again', () => {
    const product: Product = {
      id: '6f1c2a9e-1d2b-4c3d-8e9f-0a1b2c3d4e5f',
      slug: 'sample',
      title: 'Sample',
      description: '',
      status: 'active',
      categoryIds: [],
      images: [],
      variants: [
        { id: '7f1c2a9e-1d2b-4c3d-8e9f-0a1b2c3d4e5f', sku: 'SAMPLE', title: '', attributes: {}, price: { amount: 0, currency: 'EUR' } },
        { id: '8f1c2a9e-1d2b-4c3d-8e9f-0a1b2c3d4e5f', sku: 'FULL', title: '', attributes: {}, price: { amount: 900, currency: 'EUR' } },
      ],
      version: 1,
      createdAt: new Date(0).toISOString(),
      updatedAt: new Date(0).toISOString(),
    };
    const opened = draftOf(product);
    expect(opened.variants.map((v) => v.sellForFree)).toEqual([true, false]);
    expect(updateBodyOf({ ...opened, title: 'Free Sample' })).toMatchObject({ ok: true });
    // The paid variant set to 0 by a slip is still refused.
    const slipped = { ...opened, variants: opened.variants.map((v) => (v.sku === 'FULL' ? { ...v, price: '0' } : v)) };
    expect(updateBodyOf(slipped)).toEqual({ ok: false, errors: { 'variants.1.price.amount': FREE_PRICE_UNCONFIRMED } });
  });

  it('a product needs a variant', () => {
    expect(createBodyOf(draft({ variants: [] }))).toMatchObject({ ok: false, errors: { variants: 'A product needs at least one variant.' } });
  });

  it('round-trips an existing product through the editor, leaving its images to the image routes', () => {
    const product: Product = {
      id: '6f1c2a9e-1d2b-4c3d-8e9f-0a1b2c3d4e5f',
      slug: 'launch-tee',
      title: 'Launch Tee',
      description: 'Soft.',
      status: 'active',
      categoryIds: ['c1'],
      images: [{ url: '/media/placeholder/tee.svg', alt: 'Tee' }],
      variants: [{ id: '7f1c2a9e-1d2b-4c3d-8e9f-0a1b2c3d4e5f', sku: 'LAUNCH-TEE-M', title: 'M', attributes: { size: 'M' }, price: { amount: 2500, currency: 'EUR' } }],
      version: 3,
      createdAt: new Date(0).toISOString(),
      updatedAt: new Date(0).toISOString(),
    };
    const mapped = updateBodyOf(draftOf(product));
    expect(mapped).toEqual({
      ok: true,
      body: {
        slug: 'launch-tee',
        title: 'Launch Tee',
        description: 'Soft.',
        status: 'active',
        categoryIds: ['c1'],
        variants: [{ sku: 'LAUNCH-TEE-M', title: 'M', attributes: { size: 'M' }, price: { amount: 2500, currency: 'EUR' } }],
      },
    });
  });
});

describe("a product field's problem, as the editor says it", () => {
  it('names each field by its label in the editor, with the reasons the catalog gives', () => {
    const said: [string, string, string][] = [
      ['title', 'must be at most 200 characters long', 'Title must be at most 200 characters long.'],
      ['slug', 'must be lowercase words joined by hyphens', 'Slug must be lowercase words joined by hyphens.'],
      ['description', 'must be at most 10000 characters long', 'Description must be at most 10000 characters long.'],
      ['status', 'must be one of "draft", "active"', 'Status must be one of "draft", "active".'],
      ['categoryIds', 'must have at most 20 items', 'Categories must have at most 20 items.'],
      ['categoryIds.3', 'must be a UUID', 'Category must be a UUID.'],
      ['variants', 'must have at most 100 items', 'Variants must have at most 100 items.'],
      ['variants.2.sku', 'must be upper-case letters, digits and hyphens', 'SKU must be upper-case letters, digits and hyphens.'],
      ['variants.0.title', 'must be at most 200 characters long', 'Variant title must be at most 200 characters long.'],
      ['variants.0.attributes.size', 'must be at most 80 characters long', 'Attribute “size” must be at most 80 characters long.'],
      ['variants.1.price.amount', 'must be an integer amount of minor units', 'Price must be an integer amount of minor units.'],
      ['variants.1.price.currency', 'must be a three-letter ISO-4217 code', 'Currency must be a three-letter ISO-4217 code.'],
      ['images', 'must have at most 20 items', 'Images must have at most 20 items.'],
      ['images.0.url', 'must be at most 2048 characters long', 'Image address must be at most 2048 characters long.'],
      ['images.4.alt', 'must be at most 300 characters long', 'Description for screen readers must be at most 300 characters long.'],
    ];
    for (const [field, reason, sentence] of said) expect(productFieldProblem(field, reason), field).toBe(sentence);
  });

  it('says what was typed after the label, a clause of its own or a sentence as it is', () => {
    expect(productFieldProblem('variants.0.price.amount', '“1.234” is ambiguous — write 1234.00 or 1.234,00')).toBe('Price: “1.234” is ambiguous — write 1234.00 or 1.234,00.');
    expect(productFieldProblem('variants', 'a product needs at least one variant')).toBe('A product needs at least one variant.');
    expect(productFieldProblem('variants', 'SKUs must be unique')).toBe('SKUs must be unique.');
    expect(productFieldProblem('categoryIds', 'some categories do not exist')).toBe('Some categories do not exist.');
    expect(productFieldProblem('variants.0.price.amount', FREE_PRICE_UNCONFIRMED)).toBe(FREE_PRICE_UNCONFIRMED);
  });

  it('the form\'s own checks name their field too: an empty SKU, an empty title', () => {
    const mapped = createBodyOf(draft({ title: '', variants: [{ key: 'a', sku: ' ', title: '', attributes: '', price: '', sellForFree: false }] }));
    expect(mapped).toEqual({ ok: false, errors: { title: 'Title must not be empty.', 'variants.0.sku': 'SKU must not be empty.', 'variants.0.price.amount': 'Price is required.' } });
  });
});
