import { FailureCode, type AppliedDiscount, type CheckoutQuote, type CouponRejection, type OrderDiscount, type Quote, type QuoteRequest, type VerifyQuoteAnswer } from '@shop/contracts';
import type { SagaFailure } from './checkout-saga.js';

/** What the quote needs of a cart line: what it is, how many, and its name for the order. */
export interface CartLineContents {
  sku: string;
  quantity: number;
  productTitle: string;
  title: string;
}

export interface CartContents {
  currency: string;
  lines: readonly CartLineContents[];
  /** The coupon the shopper applied to the cart (upper case), if any. */
  couponCode: string | null;
}

/** The longest line name an order accepts. */
const MAX_NAME = 200;

export type QuoteDecision = { quote: CheckoutQuote } | { failure: SagaFailure };

/**
 * The refusal the cart itself shows, before pricing is asked: nothing to buy. A line no longer
 * sold is pricing's refusal (SKU_UNAVAILABLE), from the quote the checkout asks for anyway.
 */
export function cartRefusal(cart: CartContents): SagaFailure | null {
  if (cart.lines.length === 0) return { code: FailureCode.CART_EMPTY, reason: 'the cart is empty' };
  return null;
}

/** What checkout asks pricing for: the cart's lines, its coupon and its currency. */
export function quoteRequestOf(cart: CartContents): QuoteRequest {
  return {
    lines: cart.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    ...(cart.couponCode ? { couponCode: cart.couponCode } : {}),
    currency: cart.currency,
  };
}

/**
 * Which quote the checkout charges, or why it refuses. `current` is pricing's quote of the cart
 * now; `offered` the signed quote the shopper sent (with pricing's verdict on it). A coupon the
 * cart carries that no longer applies comes back as the current quote's `couponRejection` (priced
 * without it).
 *
 * - no offered quote: the current one is charged, unless it rejected the cart's coupon: the
 *   shopper asked for that coupon and never saw the total without it, so COUPON_EXHAUSTED 409 (no
 *   uses left) or COUPON_INVALID 400 (any other reason) with `{ code, reason }`;
 * - a forged one (bad signature): 400 QUOTE_INVALID, whatever its figures say;
 * - one for other lines or another coupon than the cart's: 409 PRICE_CHANGED with the current quote;
 * - a valid one is charged when its total is still the current total, an expired one is replaced
 *   by the current quote when the totals agree; a different total is 409 PRICE_CHANGED with the
 *   current quote — never a silent different charge. So a shopper who was shown the total without
 *   a coupon that stopped applying is charged that total (no coupon held or used), and one shown
 *   it applied is asked to confirm the total without it.
 */
export function decideQuote(input: {
  cart: CartContents;
  current: Quote;
  offered?: { quote: Quote; verdict: VerifyQuoteAnswer };
  /** A SKU to put first (the replaced reservation's: inventory routes the swap by the first item). */
  firstSku?: string;
}): QuoteDecision {
  const { cart, current, offered } = input;
  if (current.currency !== cart.currency) {
    return { failure: { code: FailureCode.CURRENCY_MISMATCH, reason: `pricing quoted ${current.currency} for a ${cart.currency} cart` } };
  }
  if (!sameLines(current, cart)) {
    return { failure: { code: FailureCode.QUOTE_INVALID, reason: "pricing's quote does not cover the cart's lines", details: { field: 'quote', reason: 'lines' } } };
  }
  if (!offered) {
    const rejection = current.couponRejection;
    return rejection ? { failure: couponRefused(rejection) } : lockQuote(cart, current, input.firstSku);
  }
  let charged = current;
  const { quote, verdict } = offered;
  if (verdict.reason === 'bad_signature' || (!verdict.valid && verdict.reason !== 'expired')) {
    return { failure: { code: FailureCode.QUOTE_INVALID, reason: 'the quote is not one the pricing service signed', details: { field: 'quote', reason: 'bad_signature' } } };
  }
  if (!sameLines(quote, cart) || askedCoupon(quote) !== (cart.couponCode ?? null)) {
    return priceChanged(current, quote, 'the cart changed since this quote');
  }
  if (quote.currency !== current.currency || quote.total.amount !== current.total.amount) {
    return priceChanged(current, quote, verdict.valid ? 'the price changed since this quote' : 'the quote expired and the price changed');
  }
  // The shopper's own quote when it still holds and the coupon is as it was (applied, or not); else
  // the fresh one, at the same total: a coupon that stopped applying is never held on an old quote.
  if (verdict.valid && (quote.couponCode ?? null) === (current.couponCode ?? null)) charged = quote;
  return lockQuote(cart, charged, input.firstSku);
}

/** The coupon a quote was asked for: the one it applied, or the one it says does not apply. */
function askedCoupon(quote: Quote): string | null {
  return quote.couponCode ?? quote.couponRejection?.code ?? null;
}

/** The cart's coupon does not apply and the shopper was shown no total without it. */
function couponRefused(rejection: CouponRejection): SagaFailure {
  const details = { code: rejection.code, reason: rejection.reason };
  const why = `coupon ${rejection.code} does not apply (${rejection.reason})`;
  return rejection.reason === 'exhausted'
    ? { code: FailureCode.COUPON_EXHAUSTED, reason: why, details }
    : { code: FailureCode.COUPON_INVALID, reason: why, details };
}

function priceChanged(current: Quote, offered: Quote, why: string): QuoteDecision {
  return {
    failure: {
      code: FailureCode.PRICE_CHANGED,
      reason: `${why}: ${offered.total.amount} → ${current.total.amount} ${current.currency} (minor units)`,
      details: { quote: current, previousTotal: offered.total },
    },
  };
}

/** The same SKUs in the same quantities (in any order). */
export function sameLines(quote: Pick<Quote, 'lines'>, cart: CartContents): boolean {
  if (quote.lines.length !== cart.lines.length) return false;
  const wanted = new Map(cart.lines.map((l) => [l.sku, l.quantity]));
  return quote.lines.every((l) => wanted.get(l.sku) === l.quantity);
}

/**
 * The checkout's locked prices from a pricing quote: the cart's lines (named from the cart) at the
 * quote's unit prices, every discount with its source and reason (each line's share, the shipping
 * discounts), shipping, and the total charged.
 * Refused when the quote's figures do not add up (a pricing bug must not become a charge).
 */
export function lockQuote(cart: CartContents, quote: Quote, firstSku?: string): QuoteDecision {
  const names = new Map(cart.lines.map((l) => [l.sku, lineName(l.productTitle, l.title)]));
  const ordered = [...quote.lines].sort((a, b) => Number(b.sku === firstSku) - Number(a.sku === firstSku));
  // Pricing spreads a cart-wide discount (a promotion on the cart, the coupon) over the lines it
  // covers and lists it whole in `cartDiscounts` as a summary: the lines' shares and the shipping
  // discounts are every discount once, so the order records those.
  const discounts: OrderDiscount[] = [
    ...ordered.flatMap((l) => l.discounts.map((d) => discountOf(d, l.sku))),
    ...quote.shipping.discounts.map((d) => discountOf(d)),
  ];
  const lines = ordered.map((l) => ({ sku: l.sku, name: names.get(l.sku) ?? l.sku, unitPrice: l.unitPrice.amount, quantity: l.quantity }));
  const subtotal = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  const discountTotal = discounts.reduce((sum, d) => sum + d.amount, 0);
  const shipping = quote.shipping.amount.amount;
  const total = Math.max(0, subtotal - discountTotal + shipping);
  if (subtotal !== quote.subtotal.amount || discountTotal !== quote.discountTotal.amount || total !== quote.total.amount) {
    return {
      failure: {
        code: FailureCode.QUOTE_INVALID,
        reason: `the quote does not add up (subtotal ${subtotal}, discounts ${discountTotal}, shipping ${shipping}, total ${quote.total.amount})`,
        details: { field: 'quote', reason: 'totals' },
      },
    };
  }
  return {
    quote: {
      currency: quote.currency,
      lines,
      subtotal,
      discounts,
      discountTotal,
      shipping,
      total,
      couponCode: quote.couponCode,
      quotedAt: quote.quotedAt,
      expiresAt: quote.expiresAt,
    },
  };
}

/** What the order is charged: the quote's total (a quote locked before pricing quotes: subtotal, the order adds its shipping). */
export function chargedTotal(quote: CheckoutQuote): number | null {
  return quote.total ?? null;
}

function discountOf(d: AppliedDiscount, sku?: string): OrderDiscount {
  return {
    source: d.source,
    sourceId: d.sourceId,
    label: clip(d.label || d.sourceId, 200),
    reason: clip(d.reason || d.label || d.sourceId, 500),
    amount: d.amount,
    ...(sku ? { sku } : {}),
  };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function lineName(productTitle: string, title: string): string {
  const t = title.trim();
  const name = t && t !== productTitle ? `${productTitle} (${t})` : productTitle;
  return clip(name, MAX_NAME);
}
