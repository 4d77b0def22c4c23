import { MAX_SKUS_PER_PRICES_QUERY, type Cart, type Quote, type SkuPrice } from '@shop/contracts';
import { shopperApi } from './gateway';

/** Prices must not hold a page up: past this, the page shows the catalog's prices. */
const PRICES_TIMEOUT_MS = 2_000;
/** A page's SKUs in as few calls as the prices API allows (one for almost every page). */
export function priceCalls(skus: readonly string[], size = MAX_SKUS_PER_PRICES_QUERY): string[][] {
  const unique = [...new Set(skus)];
  const calls: string[][] = [];
  for (let i = 0; i < unique.length; i += size) calls.push(unique.slice(i, i + size));
  return calls;
}

/**
 * The price now of every SKU on a page, in one call (`GET /api/pricing/prices`), as the shopper
 * (a signed-in customer's group may have its own price list). Null when pricing cannot answer:
 * the page then shows the catalog's list prices, never an error.
 */
export async function pricesFor(skus: readonly string[]): Promise<SkuPrice[] | null> {
  if (skus.length === 0) return [];
  try {
    const api = await shopperApi();
    const answers = await Promise.all(priceCalls(skus).map((chunk) => api.getPrices(chunk, { signal: AbortSignal.timeout(PRICES_TIMEOUT_MS) })));
    return answers.flatMap((a) => a.items);
  } catch {
    return null;
  }
}

/** The coupon on a cart and whether it applies now (the cart service's view once it prices through pricing). */
export interface CartCouponView {
  code: string;
  status: 'applied' | 'not_applied' | 'unverified';
  reason: string | null;
  message: string | null;
}

/**
 * The coupon to show with a cart and the quote its page shows: the cart service's view, else what
 * the quote says (a quote the storefront asked for itself applies the code or says why it does not).
 */
export function couponOf(cart: PricedCart, quote: Quote | null): CartCouponView | null {
  if (cart.coupon) return cart.coupon;
  if (quote?.couponCode) return { code: quote.couponCode, status: 'applied', reason: null, message: null };
  const rejection = quote?.couponRejection;
  return rejection ? { code: rejection.code, status: 'not_applied', reason: rejection.reason, message: rejection.message } : null;
}

/**
 * The cart as the cart service answers it once it prices through pricing: its signed quote,
 * whether it is quoted, and its coupon. Optional here so the storefront works with either.
 */
export type PricedCart = Cart & { quote?: Quote | null; quoted?: boolean; coupon?: CartCouponView | null };

/**
 * The quote of a cart: the one the cart service attached (with its coupon), else one asked of
 * pricing for the lines that can be bought. Null when there is nothing to quote or pricing cannot
 * answer; the page then shows the cart's own totals.
 */
export async function quoteForCart(cart: PricedCart): Promise<Quote | null> {
  if (cart.quote) return cart.quote;
  // The cart service asked pricing and could not get an answer: asking again here would only wait.
  if (cart.quoted === false) return null;
  const lines = cart.lines.filter((l) => l.status !== 'unavailable').map((l) => ({ sku: l.sku, quantity: l.quantity }));
  if (lines.length === 0) return null;
  try {
    const couponCode = cart.coupon?.code;
    return await (await shopperApi()).quote({ lines, currency: cart.currency, ...(couponCode ? { couponCode } : {}) }, { signal: AbortSignal.timeout(PRICES_TIMEOUT_MS) });
  } catch {
    return null;
  }
}

/**
 * The per-customer limit of the sale pricing each of a quote's lines, by SKU: more of a sale item
 * than that in the cart gets the order cancelled at checkout, so the cart offers no more. Empty
 * when no line is a sale's, or when the sales cannot be read (the engine still enforces the limit).
 */
export async function saleLimitsFor(quote: Quote | null): Promise<Map<string, number>> {
  const saleLines = (quote?.lines ?? []).filter((l) => l.flashSaleId !== undefined);
  if (saleLines.length === 0) return new Map();
  try {
    const api = await shopperApi();
    const sales = await Promise.all(saleLines.map((l) => api.getFlashSale(l.flashSaleId!, { signal: AbortSignal.timeout(PRICES_TIMEOUT_MS) })));
    return new Map(saleLines.map((l, i) => [l.sku, sales[i]!.perCustomerLimit]));
  } catch {
    return new Map();
  }
}
