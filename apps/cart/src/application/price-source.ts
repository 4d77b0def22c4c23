import type { CouponCheck, CouponRefusal, Money, Quote, QuoteRequestLine, VariantView } from '@shop/contracts';

/** A quote of a cart's sellable lines, for its customer (a guest cart: `guest:<cart id>`). */
export interface CartQuoteRequest {
  lines: QuoteRequestLine[];
  couponCode?: string;
  currency: string;
  customerId: string;
}

export type QuoteOutcome =
  /** A coupon that does not apply is not a refusal: the quote is without it and says why (`couponRejection`). */
  | { kind: 'quoted'; quote: Quote }
  /** Pricing could not be asked, or could not price these lines: the cart shows list prices. */
  | { kind: 'unavailable' };

export type CouponCheckOutcome = { ok: true; check: CouponCheck } | { ok: false; reason: CouponRefusal; message: string };

/**
 * Where prices come from: the pricing service (sale prices, promotions, coupons, signed quotes).
 * Reading a cart never fails because of it: `quote` answers `unavailable` instead of throwing.
 */
export interface PriceSource {
  /**
   * The unit price of each variant now for a cart in `currency` (a sale price during its window);
   * the catalog's list price when pricing cannot answer. A variant with no price is absent.
   */
  unitPrices(variants: readonly VariantView[], currency: string): Promise<Map<string, Money>>;
  quote(request: CartQuoteRequest): Promise<QuoteOutcome>;
  /** Whether a code can go on a cart; throws UpstreamUnavailableError when pricing cannot answer. */
  checkCoupon(code: string, context: { currency: string; customerId?: string }): Promise<CouponCheckOutcome>;
}
