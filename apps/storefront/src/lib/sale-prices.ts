import type { ItemPromotion, Money, SkuPrice } from '@shop/contracts';

/**
 * What a price tag shows: the price now and, when it is lower than the catalog's list price in
 * the same currency, the list price struck through.
 */
export interface PriceTagView {
  now: Money;
  was: Money | null;
}

export function priceTag(price: Money, listPrice: Money): PriceTagView {
  const discounted = price.currency === listPrice.currency && price.amount < listPrice.amount;
  return { now: price, was: discounted ? listPrice : null };
}

/** The pricing service's answer by SKU; empty when it could not be asked (then list prices show). */
export type PriceIndex = ReadonlyMap<string, SkuPrice>;

export function priceIndex(items: readonly SkuPrice[] | null | undefined): PriceIndex {
  return new Map((items ?? []).map((p) => [p.sku, p]));
}

/** A variant's tag: its price now from pricing, else the catalog's price with nothing struck. */
export function variantTag(variant: { sku: string; price: Money }, prices: PriceIndex): PriceTagView {
  const priced = prices.get(variant.sku);
  return priced ? priceTag(priced.price, priced.listPrice) : { now: variant.price, was: null };
}

/** A card's tag for a product of several variants: the cheapest now, a range up to the dearest. */
export interface CardPriceView extends PriceTagView {
  /** The dearest variant's price now, when the variants differ (a range "€20 – €30"). */
  upTo: Money | null;
}

export function cardPrice(variants: readonly { sku: string; price: Money }[], prices: PriceIndex): CardPriceView | null {
  const tags = variants.map((v) => variantTag(v, prices));
  if (tags.length === 0) return null;
  const currency = tags[0]!.now.currency;
  const same = tags.filter((t) => t.now.currency === currency);
  const cheapest = same.reduce((a, b) => (b.now.amount < a.now.amount ? b : a));
  const dearest = same.reduce((a, b) => (b.now.amount > a.now.amount ? b : a));
  const upTo = dearest.now.amount > cheapest.now.amount ? dearest.now : null;
  // "€79.00 – €120.00, was €109.99" says the whole range was dearer: strike through only what the range stays under.
  const was = cheapest.was && (!upTo || upTo.amount < cheapest.was.amount) ? cheapest.was : null;
  return { now: cheapest.now, was, upTo };
}

/** The first promotion the cart takes off any of these variants (pricing's stacking order), for a card's badge. */
export function cardPromotion(variants: readonly { sku: string }[], prices: PriceIndex): ItemPromotion | null {
  for (const v of variants) {
    const first = prices.get(v.sku)?.promotions?.[0];
    if (first) return first;
  }
  return null;
}

/** Every SKU of some products, once, for one prices call per page. */
export function skusOf(products: readonly { variants: readonly { sku: string }[] }[]): string[] {
  return [...new Set(products.flatMap((p) => p.variants.map((v) => v.sku)))];
}

/** Whole percent off, rounded down (never promise more than is given): 2999 of 3999 → 25. */
export function percentOff(now: Money, was: Money): number {
  if (was.amount <= 0 || now.amount >= was.amount) return 0;
  return Math.floor(((was.amount - now.amount) * 100) / was.amount);
}
