import type { AppliedDiscount, Cart, CartCoupon, CartLine, Money, Quote, QuoteLine, VariantView } from '@shop/contracts';
import type { CartLineRecord, CartState } from './cart.js';

/** What the catalog and the price source say now about a cart's SKUs. */
export interface CatalogCheck {
  variants: ReadonlyMap<string, VariantView>;
  prices: ReadonlyMap<string, Money>;
}

/**
 * What pricing said about the cart's sellable lines: a quote (with the coupon, or without it and
 * saying why in `couponRejection`), or nothing (pricing unavailable, nothing to price).
 */
export type CartPricing = { quote: Quote | null };

export const NOT_QUOTED: CartPricing = { quote: null };

/**
 * The cart as answered: each line re-priced against `check` (null when the catalog could not be
 * asked: lines are then `unverified` at the price they were added at) and `pricing`'s quote when
 * there is one (else the catalog's list prices, no discounts), and the totals over the lines that
 * can be bought.
 */
export function viewCart(cart: CartState, check: CatalogCheck | null, pricing: CartPricing, ttlSeconds: number): Cart {
  const { meta } = cart;
  const quote = check ? pricing.quote : null;
  const quoted = new Map((quote?.lines ?? []).map((l) => [l.sku, l]));
  const lines = cart.lines.map((line) => viewLine(line, meta.currency, check, quoted.get(line.sku)));
  let subtotal = 0;
  let itemCount = 0;
  for (const line of lines) {
    if (line.status === 'unavailable') continue;
    subtotal += line.lineTotal.amount;
    itemCount += line.quantity;
  }
  const money = (amount: number): Money => ({ amount, currency: meta.currency });
  const discountTotal = quote ? quote.discountTotal.amount : 0;
  const shipping = quote ? quote.shipping.total : null;
  return {
    id: meta.id,
    customerId: meta.customerId,
    currency: meta.currency,
    lines,
    totals: {
      subtotal: money(subtotal),
      discountTotal: money(discountTotal),
      shipping,
      total: quote ? quote.total : money(subtotal),
      itemCount,
    },
    verified: check !== null,
    coupon: couponView(meta.couponCode, quote),
    cartDiscounts: quote?.cartDiscounts ?? [],
    quoted: quote !== null,
    quote,
    createdAt: meta.createdAt,
    updatedAt: meta.updatedAt,
    expiresAt: new Date(Date.parse(meta.updatedAt) + ttlSeconds * 1000).toISOString(),
  };
}

/** Whether the cart's coupon applies now, and why not when it does not; kept on the cart either way. */
function couponView(code: string | null, quote: Quote | null): CartCoupon | null {
  if (code === null) return null;
  if (!quote) return { code, status: 'unverified', reason: null, message: null };
  if (quote.couponCode === code) return { code, status: 'applied', reason: null, message: null };
  const rejection = quote.couponRejection;
  if (rejection) return { code, status: 'not_applied', reason: rejection.reason, message: rejection.message };
  // Neither applied nor rejected: the quote is without it all the same, so it is shown as not applying.
  return { code, status: 'not_applied', reason: 'not_applicable', message: `Nothing in your cart qualifies for coupon ${code}, so it isn’t taken off your total.` };
}

function viewLine(line: CartLineRecord, currency: string, check: CatalogCheck | null, quoted: QuoteLine | undefined): CartLine {
  const variant = check?.variants.get(line.sku);
  const price = check?.prices.get(line.sku);
  const shown = variant ? describedBy(variant) : describedBy(line);
  const base = { sku: line.sku, ...shown, quantity: line.quantity, unitPrice: line.unitPrice };
  const notPriced = { currentUnitPrice: null, listPrice: null, discounts: [] as AppliedDiscount[], priceChanged: false, lineTotal: times(line.unitPrice, line.quantity) };
  if (!check) return { ...base, ...notPriced, status: 'unverified' };
  if (!variant || variant.status !== 'active' || !price || price.currency !== currency) return { ...base, ...notPriced, status: 'unavailable' };
  // The quote's price when pricing answered (a sale price in its window), else the catalog's.
  const now = quoted?.unitPrice ?? price;
  return {
    ...base,
    currentUnitPrice: now,
    listPrice: quoted?.listPrice ?? variant.price,
    discounts: quoted?.discounts ?? [],
    priceChanged: now.amount !== line.unitPrice.amount || now.currency !== line.unitPrice.currency,
    lineTotal: times(now, line.quantity),
    status: 'available',
  };
}

function describedBy(source: VariantView | CartLineRecord): Pick<CartLine, 'productId' | 'productSlug' | 'productTitle' | 'title' | 'attributes' | 'image'> {
  return {
    productId: source.productId,
    productSlug: source.productSlug,
    productTitle: source.productTitle,
    title: source.title,
    attributes: source.attributes,
    image: source.image ?? null,
  };
}

function times(price: Money, quantity: number): Money {
  return { amount: price.amount * quantity, currency: price.currency };
}
