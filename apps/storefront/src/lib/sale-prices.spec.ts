import type { SkuPrice } from '@shop/contracts';
import { describe, expect, it } from 'vitest';
import { cardPrice, cardPromotion, percentOff, priceIndex, priceTag, promotionBadgeText, skusOf, variantTag } from './sale-prices';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const priced = (sku: string, price: number, list: number, priceSource: SkuPrice['priceSource'] = 'scheduled'): SkuPrice => ({
  sku,
  price: eur(price),
  listPrice: eur(list),
  priceSource,
  until: null,
});

describe('priceTag', () => {
  it('strikes the list price only when the price now is lower, in the same currency', () => {
    expect(priceTag(eur(2999), eur(3999))).toEqual({ now: eur(2999), was: eur(3999) });
    expect(priceTag(eur(3999), eur(3999))).toEqual({ now: eur(3999), was: null });
    expect(priceTag(eur(4999), eur(3999))).toEqual({ now: eur(4999), was: null });
    expect(priceTag({ amount: 10, currency: 'USD' }, eur(3999)).was).toBeNull();
  });
});

describe('variantTag and cardPrice', () => {
  const prices = priceIndex([priced('TEE-S', 1500, 2000), priced('TEE-M', 2000, 2000, 'list')]);

  it('uses the price now from pricing, and the catalog price when pricing had no answer', () => {
    expect(variantTag({ sku: 'TEE-S', price: eur(2000) }, prices)).toEqual({ now: eur(1500), was: eur(2000) });
    expect(variantTag({ sku: 'TEE-L', price: eur(2200) }, prices)).toEqual({ now: eur(2200), was: null });
    expect(variantTag({ sku: 'TEE-S', price: eur(2000) }, priceIndex(null))).toEqual({ now: eur(2000), was: null });
  });

  it('shows the cheapest variant now, its list price struck, and the range up to the dearest', () => {
    const variants = [
      { sku: 'TEE-S', price: eur(2000) },
      { sku: 'TEE-M', price: eur(2000) },
      { sku: 'TEE-L', price: eur(2200) },
    ];
    expect(cardPrice(variants.slice(0, 2), priceIndex([priced('TEE-S', 1500, 2000), priced('TEE-M', 1800, 2000)]))).toEqual({ now: eur(1500), was: eur(2000), upTo: eur(1800) });
    expect(cardPrice([{ sku: 'TEE-M', price: eur(2000) }], prices)).toEqual({ now: eur(2000), was: null, upTo: null });
    expect(cardPrice([], prices)).toBeNull();
  });

  it('strikes nothing when the range reaches the struck price (a dearer variant, or a demand price above list)', () => {
    const variants = [
      { sku: 'TEE-S', price: eur(2000) },
      { sku: 'TEE-M', price: eur(2000) },
      { sku: 'TEE-L', price: eur(2200) },
    ];
    // Before: "€15.00 – €22.00, was €20.00".
    expect(cardPrice(variants, prices)).toEqual({ now: eur(1500), was: null, upTo: eur(2200) });
    const demand = priceIndex([priced('BOOT-S', 7900, 10999), priced('BOOT-M', 12000, 10999, 'demand')]);
    expect(cardPrice([{ sku: 'BOOT-S', price: eur(10999) }, { sku: 'BOOT-M', price: eur(10999) }], demand)).toEqual({ now: eur(7900), was: null, upTo: eur(12000) });
  });
});

describe('cardPromotion', () => {
  const promo = (id: string, summary = '20% off') => ({ id, name: id, summary });
  const withPromos = (sku: string, ...promotions: ReturnType<typeof promo>[]): SkuPrice => ({ ...priced(sku, 100, 100, 'list'), promotions });

  it('is the first promotion in stacking order, for the whole product when every variant gets it', () => {
    const prices = priceIndex([withPromos('A', promo('p1')), withPromos('B', promo('p1'), promo('p2'))]);
    expect(cardPromotion([{ sku: 'A' }, { sku: 'B' }], prices)).toEqual({ promotion: promo('p1'), only: null });
    expect(cardPromotion([{ sku: 'B' }], prices)).toEqual({ promotion: promo('p1'), only: null });
    expect(cardPromotion([{ sku: 'B' }], priceIndex(null))).toBeNull();
    expect(cardPromotion([{ sku: 'Z' }], prices)).toBeNull();
  });

  it('prefers a promotion on every variant to an earlier one on some of them', () => {
    const prices = priceIndex([withPromos('A', promo('one-sku', '50% off'), promo('all')), withPromos('B', promo('all'))]);
    expect(cardPromotion([{ sku: 'A' }, { sku: 'B' }], prices)).toEqual({ promotion: promo('all'), only: null });
  });

  it('marks a promotion on some variants as such, named by the attribute that sets them apart', () => {
    const tee = [
      { sku: 'TEE-S', attributes: { size: 'S', colour: 'Black' } },
      { sku: 'TEE-M', attributes: { size: 'M', colour: 'Black' } },
      { sku: 'TEE-L', attributes: { size: 'L', colour: 'Black' } },
    ];
    // Before: the one-SKU promotion on TEE-M was badged "20% off" on the whole product.
    expect(cardPromotion(tee, priceIndex([withPromos('TEE-M', promo('p1'))]))).toEqual({ promotion: promo('p1'), only: 'sizes' });
    const colours = [
      { sku: 'MUG-R', attributes: { colour: 'Red' } },
      { sku: 'MUG-B', attributes: { colour: 'Blue' } },
    ];
    expect(cardPromotion(colours, priceIndex([withPromos('MUG-R', promo('p1'))]))?.only).toBe('colours');
    // Sizes and colours mixed (S/Black and M/Red of S/M × Black/Red): neither attribute alone says which.
    const grid = [
      { sku: 'S-B', attributes: { size: 'S', colour: 'Black' } },
      { sku: 'S-R', attributes: { size: 'S', colour: 'Red' } },
      { sku: 'M-B', attributes: { size: 'M', colour: 'Black' } },
      { sku: 'M-R', attributes: { size: 'M', colour: 'Red' } },
    ];
    expect(cardPromotion(grid, priceIndex([withPromos('S-B', promo('p1')), withPromos('M-R', promo('p1'))]))?.only).toBe('options');
    // A search hit knows SKUs only.
    expect(cardPromotion([{ sku: 'TEE-S' }, { sku: 'TEE-M' }], priceIndex([withPromos('TEE-M', promo('p1'))]))?.only).toBe('options');
  });

  it('words the badge for the whole product or for the selected variants', () => {
    expect(promotionBadgeText({ promotion: promo('p1'), only: null })).toBe('20% off');
    expect(promotionBadgeText({ promotion: promo('p1'), only: 'sizes' })).toBe('20% off selected sizes');
    expect(promotionBadgeText({ promotion: promo('p1', '€5.00 off'), only: 'colours' })).toBe('€5.00 off selected colours');
    expect(promotionBadgeText({ promotion: promo('p1', 'buy 2, get 1 free'), only: 'options' })).toBe('Buy 2, get 1 free on selected options');
  });
});

describe('skusOf and percentOff', () => {
  it('lists each SKU of a page once', () => {
    expect(skusOf([{ variants: [{ sku: 'A-1' }, { sku: 'A-2' }] }, { variants: [{ sku: 'A-1' }, { sku: 'B-1' }] }])).toEqual(['A-1', 'A-2', 'B-1']);
  });

  it('rounds the percentage down', () => {
    expect(percentOff(eur(2999), eur(3999))).toBe(25);
    expect(percentOff(eur(1), eur(3))).toBe(66);
    expect(percentOff(eur(3999), eur(3999))).toBe(0);
  });
});
