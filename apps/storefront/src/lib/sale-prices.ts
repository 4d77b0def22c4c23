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

/** A variant as a card knows it: its SKU and, on a product card, its attributes (size, colour…). */
export interface CardVariant {
  sku: string;
  attributes?: Readonly<Record<string, string>>;
}

/**
 * A card's promotion badge: the promotion, and whether it covers the whole product. `only` is
 * null when every variant gets it; otherwise what the covered variants are ("sizes", "colours",
 * "options"), so the badge says "on selected sizes" instead of promising it on all of them.
 */
export interface CardPromotionView {
  promotion: ItemPromotion;
  only: 'sizes' | 'colours' | 'options' | null;
}

/**
 * The promotion a card announces, in pricing's stacking order: one the cart takes off every
 * variant first; else the first that covers some of them, marked as such. A one-SKU promotion on
 * a product of several sizes is not a promotion on the product.
 */
export function cardPromotion(variants: readonly CardVariant[], prices: PriceIndex): CardPromotionView | null {
  const covered = (id: string) => variants.filter((v) => prices.get(v.sku)?.promotions?.some((p) => p.id === id));
  const candidates: ItemPromotion[] = [];
  for (const v of variants) for (const p of prices.get(v.sku)?.promotions ?? []) if (!candidates.some((c) => c.id === p.id)) candidates.push(p);
  const whole = candidates.find((p) => covered(p.id).length === variants.length);
  if (whole) return { promotion: whole, only: null };
  const first = candidates[0];
  return first ? { promotion: first, only: selectionNoun(variants, covered(first.id)) } : null;
}

/** What tells the covered variants apart: the one attribute whose values they do not share with the rest. */
function selectionNoun(variants: readonly CardVariant[], covered: readonly CardVariant[]): 'sizes' | 'colours' | 'options' {
  const inside = new Set(covered.map((v) => v.sku));
  const names = new Set(variants.flatMap((v) => Object.keys(v.attributes ?? {})));
  for (const name of names) {
    const valuesOf = (list: readonly CardVariant[]) => new Set(list.map((v) => v.attributes?.[name]).filter((x): x is string => x !== undefined));
    const mine = valuesOf(covered);
    const theirs = valuesOf(variants.filter((v) => !inside.has(v.sku)));
    if (mine.size > 0 && theirs.size > 0 && [...mine].every((x) => !theirs.has(x))) {
      if (name === 'size') return 'sizes';
      if (name === 'colour' || name === 'color') return 'colours';
    }
  }
  return 'options';
}

/** A badge's words: "20% off", or "20% off selected sizes" / "Buy 2, get 1 free on selected colours" when it covers only some variants. */
export function promotionBadgeText({ promotion, only }: CardPromotionView): string {
  const summary = promotion.summary.charAt(0).toUpperCase() + promotion.summary.slice(1);
  if (only === null) return summary;
  return /\boff$/i.test(summary) ? `${summary} selected ${only}` : `${summary} on selected ${only}`;
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
